"""Time from a third party coming back to its breaker closing (issue 14, section 4).

    .venv/bin/python -m bench.breaker_recovery [--rounds 5] [--cool-down 1.0]

Starts the embedded stack with the breakers' cool-down set to COOL_DOWN seconds (failures to open:
the default 5), signs up a campaign ready to dial, and for each round: takes the carrier double
down (5xx), dials until the breaker opens, brings the carrier back at once (t0) and keeps dialing
every 20 ms, as callers would, until a call is placed again (t1: the probe succeeded and the
breaker closed). Prints each round's t1 - t0, the answer time of the calls refused at once while
the breaker was open, and how many calls the carrier placed for the round's contact (one: the
probe that closed it). With recovery right after the breaker opened, t1 - t0 is the cool-down plus one probe.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from support import stack as stack_module
from support.harness import Harness
from support.stack import EmbeddedStack

INTERVAL = 0.02  # seconds between a caller's retries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cool-down", type=float, default=1.0)
    args = parser.parse_args(argv)
    stack_module.PLATFORM_TEST_SETTINGS["CP_BREAKER_COOL_DOWN_SECONDS"] = str(args.cool_down)
    stack = EmbeddedStack()
    try:
        harness = Harness(stack.start(), attach=False)
        world = harness.world()
        world.owner_of("Dana", "Breaker Bench")
        desk = world.in_play.dialing
        desk.make_ready()
        desk.set_dial_settings(max_concurrent_calls=10_000, calls_per_second=1_000)
        zone = "America/New_York"
        today = datetime.now(ZoneInfo(zone)).date()
        monday = today - timedelta(days=today.weekday())
        desk.set_local_time(zone, monday, datetime.strptime("10:00", "%H:%M").time())
        carrier, closes, fast, probes, ok = harness.carrier, [], [], [], True
        for round_ in range(args.rounds):
            name = f"Bench{round_}"
            desk.contact_in(name, "Columbus")
            carrier.set_outage("error")
            while True:
                attempt = desk.dial("Dana", name)
                code = attempt.response.json().get("error", {}).get("code")
                if code == "circuit_open":
                    fast.append(attempt.response.elapsed.total_seconds())
                    break
                assert code == "unavailable", attempt.response.text
            carrier.set_outage("none")  # the carrier is back: t0
            t0 = time.monotonic()
            while True:
                attempt = desk.dial("Dana", name)
                if attempt.response.status_code == 201:
                    closes.append(time.monotonic() - t0)
                    break
                if attempt.response.json().get("error", {}).get("code") == "circuit_open":
                    fast.append(attempt.response.elapsed.total_seconds())
                time.sleep(INTERVAL)
            reached = len(carrier.calls(desk.account_id, campaign_ref=world.in_play.campaign_id,
                                        to=desk.contact(name).e164)["calls"])
            probes.append(reached)
            ok = ok and reached == 1
            print(f"round {round_ + 1}: back -> closed {closes[-1]:.3f} s; calls the carrier placed "
                  f"after it came back: {reached}", flush=True)
        fast_ms = sorted(x * 1000 for x in fast)
        print(f"breaker recovery over {len(closes)} rounds (cool-down {args.cool_down:g} s, 5 failures to open): "
              f"back -> closed median {statistics.median(closes):.3f} s (min {min(closes):.3f} s, "
              f"max {max(closes):.3f} s); refused at once while open: n={len(fast_ms)} "
              f"p50 {statistics.median(fast_ms):.1f} ms, max {max(fast_ms):.1f} ms; "
              f"probes per recovery: {sorted(set(probes))}")
        print("ok" if ok else "FAIL")
        return 0 if ok else 1
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
