"""Interrupt a run the way people and CI do, then check that nothing is left behind.

    .venv/bin/python tools/interrupt_check.py SIGINT 4    # Ctrl-C 4 s into a plain behave run
    .venv/bin/python tools/interrupt_check.py SIGTERM 0.5 # a CI time-out during the stack start
    .venv/bin/python tools/interrupt_check.py SIGINT 25 all -j 2   # `./run all -j 2`: the runner,
    .venv/bin/python tools/interrupt_check.py SIGTERM 25 all -j 2  # its workers, the unit tests

Prints how the run exited, which of its descendants are still alive (must be none) and which
temporary directories of this run remain (must be none; another run's on the same machine are not
counted). Exits 1 if anything is left.
"""
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from support.stack import TMP_PREFIX as PREFIX  # noqa: E402
from support.stack import run_base  # noqa: E402  (run directories: /dev/shm or the temp dir)


def _suite_dirs() -> dict[Path, int | None]:
    found = {}
    bases = {Path(tempfile.gettempdir()), Path(run_base())}
    for path in (p for base in bases for p in base.glob(PREFIX + "*")):
        try:
            found[path] = int((path / "owner.pid").read_text())
        except (OSError, ValueError):
            found[path] = None
    return found


def main(signal_name: str, delay: float, command: list[str]) -> int:
    sig = getattr(signal, signal_name)
    argv = [str(ROOT / "run"), *command] if command else [str(ROOT / ".venv/bin/behave"),
                                                          "--format", "progress"]
    before = set(_suite_dirs())
    run = subprocess.Popen(argv, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(delay)  # deliberately mid-run: this is the thing under test, not synchronisation
    descendants = psutil.Process(run.pid).children(recursive=True)
    ours = {run.pid, *(p.pid for p in descendants)}
    if sig == signal.SIGINT:
        os.killpg(run.pid, sig)  # a terminal sends Ctrl-C to the whole foreground group
    else:
        os.kill(run.pid, sig)    # a time-out signals the runner only
    code = run.wait(timeout=90)
    psutil.wait_procs(descendants, timeout=10)
    alive = [p.pid for p in descendants if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    left = [str(path) for path, owner in _suite_dirs().items()
            if path not in before and (owner is None or owner in ours)]
    what = " ".join(["./run", *command]) if command else "behave"
    print(f"{signal_name} after {delay} s: {what} exited {code}; {len(descendants)} descendants, "
          f"alive after: {alive or 'none'}; temporary directories left: {left or 'none'}")
    return 1 if alive or left else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2]), sys.argv[3:]))
