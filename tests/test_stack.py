"""The embedded stack leaves nothing behind: no process, no temporary directory."""
import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import psutil
import pytest

from support.polling import wait_until
from support.stack import TMP_PREFIX, sweep_stale_directories

ROOT = Path(__file__).resolve().parent.parent


def test_sweep_removes_directories_of_dead_runs_and_keeps_live_ones():
    dead = Path(tempfile.mkdtemp(prefix=TMP_PREFIX))
    (dead / "owner.pid").write_text("999999999")
    live = Path(tempfile.mkdtemp(prefix=TMP_PREFIX))
    (live / "owner.pid").write_text(str(os.getpid()))
    try:
        removed = sweep_stale_directories()
        assert dead in removed and not dead.exists()
        assert live.exists()
    finally:
        for path in (dead, live):
            subprocess.run(["rm", "-rf", str(path)])


@pytest.fixture
def running_stack():
    """A stack started by a separate process, as behave would: it prints its endpoints."""
    script = ("import json, signal; from dataclasses import asdict; "
              "from support.stack import EmbeddedStack; s = EmbeddedStack(); e = s.start(); "
              "print(json.dumps({**asdict(e), 'dir': str(s.dir)}), flush=True); signal.pause()")
    owner = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE,
                             text=True)
    try:
        yield owner, json.loads(owner.stdout.readline())
    finally:
        if owner.poll() is None:
            owner.kill()
        owner.wait()


def test_a_killed_run_leaves_no_process_and_the_next_start_sweeps_its_directory(running_stack):
    owner, stack = running_stack
    services = [psutil.Process(pid) for pid in stack["pids"].values()]
    assert len(services) == 6 and all(service.is_running() for service in services)
    children = services + [c for s in services for c in s.children(recursive=True)]

    owner.send_signal(signal.SIGKILL)  # no clean-up code can run
    owner.wait()
    wait_until(lambda: not any(_alive(child) for child in children), timeout=10,
               what="every child of the killed run to exit")
    sweep_stale_directories()
    assert not Path(stack["dir"]).exists()


def _alive(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
