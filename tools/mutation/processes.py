"""Forked children: the platform (from a copy of its code) and behave, both started warm.

Starting a Python process and importing FastAPI, uvicorn, psycopg, phonenumbers and behave costs
about 1.5 s; hundreds of mutants pay it once. The tool imports those libraries (never the
platform's own package) and forks: the platform child chdirs into the copy, imports
``campaign_platform`` from there (mutated module included) and serves; a behave child runs
behave's ``main`` in the repository. Children exit with ``os._exit`` (the parent's atexit
handlers, such as the stack's stop, must not run in them) and die with the parent (parent-death
signal), so a Ctrl-C or a kill leaves no process behind.
"""
from __future__ import annotations

import contextlib
import ctypes
import importlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path

from support.stack import child_environment

_libc = ctypes.CDLL(None, use_errno=True)
_PR_SET_PDEATHSIG = 1


def preload_platform_libraries(root: Path) -> int:
    """Import what the platform imports, except the platform itself (listed by a child that
    imports it, as support.stack_platform does)."""
    listing = subprocess.run(
        [sys.executable, "-c",
         "import sys, importlib, pkgutil, json\n"
         "before = set(sys.modules)\n"
         "import campaign_platform\n"
         "for m in pkgutil.walk_packages(campaign_platform.__path__, 'campaign_platform.'):\n"
         "    if m.name not in ('campaign_platform.app', 'campaign_platform.__main__'):\n"
         "        importlib.import_module(m.name)\n"
         "from support.stack_platform import SERVER_MODULES\n"
         "for name in SERVER_MODULES: importlib.import_module(name)\n"
         "print(json.dumps(sorted(set(sys.modules) - before)))\n"],
        cwd=root, capture_output=True, text=True, check=True, env=child_environment())
    names = [n for n in json.loads(listing.stdout)
             if not n.startswith(("campaign_platform", "support", "__main__"))]
    loaded = 0
    for name in names:
        try:
            importlib.import_module(name)
            loaded += 1
        except Exception:  # noqa: BLE001  (a module that only imports in its own context)
            pass
    return loaded


class Child:
    """A forked child, with the part of Popen's interface the stack's stop() uses."""

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                self.returncode = -1
                return self.returncode
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"pid {self.pid}", timeout)
            time.sleep(0.005)
        return self.returncode

    def send_signal(self, sig: int) -> None:
        if self.poll() is None:
            try:
                os.killpg(self.pid, sig)  # the child leads its own group: its children too
            except ProcessLookupError:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self.pid, sig)  # not yet its own group leader

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def stop(self, grace: float = 5.0) -> None:
        self.terminate()
        try:
            self.wait(grace)
        except subprocess.TimeoutExpired:
            self.kill()
            self.wait()


def fork(run, log_path: Path, death_signal: int = signal.SIGTERM) -> Child:
    """Run ``run()`` in a forked child; its return value is the exit code."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return Child(pid)
    code = 1
    try:
        os.setpgid(0, 0)
        _libc.prctl(_PR_SET_PDEATHSIG, death_signal)
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_DFL)
        log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(log, 1)
        os.dup2(log, 2)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        code = run() or 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    except BaseException:  # noqa: BLE001  (reported in the child's log)
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


# -- the platform child ---------------------------------------------------------------------------
def serve_platform(copy: Path, env: dict[str, str], coverage_file: Path | None = None,
                   context_socket: Path | None = None) -> int:
    """In the child: the platform from the copy. With coverage_file, its lines are recorded, per
    dynamic context, switched by a line on context_socket (the scenario now starting)."""
    os.chdir(copy)
    sys.path.insert(0, str(copy))
    sys.dont_write_bytecode = True  # the copy's bytecode stays that of the unmutated code
    os.environ.update(env)
    # What cosmic-ray's exception replacer puts in an except clause: a handler that never catches.
    import builtins

    from cosmic_ray.exceptions import CosmicRayTestingException
    builtins.CosmicRayTestingException = CosmicRayTestingException
    coverage = None
    if coverage_file is not None:
        import coverage as coverage_module
        coverage = coverage_module.Coverage(data_file=str(coverage_file),
                                            source=[str(copy / "campaign_platform")])
        coverage.start()
        _listen_for_contexts(coverage, context_socket)
    try:
        from campaign_platform.__main__ import main
        main()
    finally:
        if coverage is not None:
            coverage.stop()
            coverage.save()
    return 0


def _listen_for_contexts(coverage, path: Path) -> None:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)

    def serve():
        while True:
            connection, _ = server.accept()
            with connection, connection.makefile("rw") as stream:
                for line in stream:
                    coverage.switch_context(line.strip())
                    stream.write("ok\n")
                    stream.flush()
    threading.Thread(target=serve, daemon=True, name="coverage-contexts").start()
