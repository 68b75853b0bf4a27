"""Interrupt a run the way people and CI do, then check that nothing is left behind.

    .venv/bin/python tools/interrupt_check.py SIGINT 4    # Ctrl-C 4 s into the run
    .venv/bin/python tools/interrupt_check.py SIGTERM 0.5 # a CI time-out during the stack start

Prints how behave exited, which of its descendants are still alive (must be none) and which
temporary directories of the suite remain (must be none). Exits 1 if anything is left.
"""
import glob
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
from support.stack import run_base  # noqa: E402  (where run directories go: /dev/shm or the temp dir)


def main(signal_name: str, delay: float) -> int:
    sig = getattr(signal, signal_name)
    run = subprocess.Popen([str(ROOT / ".venv/bin/behave"), "--format", "progress"], cwd=ROOT,
                           start_new_session=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(delay)  # deliberately mid-run: this is the thing under test, not synchronisation
    descendants = psutil.Process(run.pid).children(recursive=True)
    if sig == signal.SIGINT:
        os.killpg(run.pid, sig)  # a terminal sends Ctrl-C to the whole foreground group
    else:
        os.kill(run.pid, sig)    # a time-out signals the runner only
    code = run.wait(timeout=60)
    psutil.wait_procs(descendants, timeout=10)
    alive = [p.pid for p in descendants if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    ours = {str(run.pid), *(str(p.pid) for p in descendants)}  # other runs may share the machine
    left = [path for base in {tempfile.gettempdir(), str(run_base())}
            for path in glob.glob(os.path.join(base, "campaign-suite-*"))
            if _owner(path) in ours]
    print(f"{signal_name} after {delay} s: behave exited {code}; {len(descendants)} descendants, "
          f"alive after: {alive or 'none'}; temporary directories left: {left or 'none'}")
    return 1 if alive or left else 0


def _owner(path: str) -> str | None:
    try:
        return Path(path, "owner.pid").read_text().strip()
    except OSError:
        return None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2])))
