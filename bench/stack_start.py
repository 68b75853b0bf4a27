"""Cold-start time of the embedded stack (PostgreSQL, Redis, mail double, platform).

    .venv/bin/python -m bench.stack_start [RUNS]

Each run starts the whole stack (a fresh copy of the cached migrated cluster, Redis, the three
doubles, the platform) until the platform reports ready, then stops it. The first run of a new
cache key also builds the cluster (initdb and the migrations, once). Prints every run and the
min / median / max. Issue 10's target: a median under 1.5 s.
"""
import statistics
import sys
import time

from support.stack import EmbeddedStack


def main(runs: int) -> None:
    starts, stops = [], []
    for _ in range(runs):
        stack = EmbeddedStack()
        began = time.monotonic()
        stack.start()
        ready = time.monotonic()
        stack.stop()
        starts.append(ready - began)
        stops.append(time.monotonic() - ready)
        print(f"start {starts[-1]:.2f} s, stop {stops[-1]:.2f} s", flush=True)
    print(f"cold start over {runs} runs: min {min(starts):.2f} s, median "
          f"{statistics.median(starts):.2f} s, max {max(starts):.2f} s; "
          f"stop median {statistics.median(stops):.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
