"""A VAN saved list of many people synced into a campaign: people per second and the
platform's memory.

    .venv/bin/python -m bench.voter_sync [--people 100000] [--syncs 2]

Starts the embedded stack (the VAN double among its doubles), signs up a campaign through the
API, loads a voter file of N people into a committee at the VAN double, makes them one saved
list, connects the campaign to the committee and syncs the list SYNCS times: the first creates
the contacts, the next ones find them unchanged. Prints each sync's wall time (from the request
to the job's completion, polled), people per second, its counts, and the platform process's
resident memory before and after. Checks that PostgreSQL holds exactly N contacts with a VAN ID,
each once; exits non-zero if not.
"""
from __future__ import annotations

import argparse
import sys
import time

import psutil

from support.harness import Harness
from support.polling import wait_until
from support.stack import EmbeddedStack
from support.voter_sync import VoterSyncDesk


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--syncs", type=int, default=2)
    args = parser.parse_args(argv)
    stack = EmbeddedStack()
    endpoints = stack.start()
    try:
        harness = Harness(endpoints, attach=False)  # the composition root: every client, probe
        world = harness.world()
        world.owner_of("Dana", "Bench for Senate")
        campaign = world.campaign("Bench for Senate")
        van = campaign.desk(VoterSyncDesk)
        loaded = time.monotonic()
        van.voter_list("Everyone", args.people)
        print(f"voter file: {args.people} people loaded into the VAN double in "
              f"{time.monotonic() - loaded:.2f} s", flush=True)
        platform = psutil.Process(endpoints.pids["platform"])
        ok = True
        for attempt in range(1, args.syncs + 1):
            before = platform.memory_info().rss
            peak = before
            started = time.monotonic()
            van.start("Everyone")

            def done() -> dict:
                nonlocal peak
                peak = max(peak, platform.memory_info().rss)
                return van.sync()
            sync = wait_until(done, timeout=1800, interval=0.25,
                              until=lambda s: s["status"] in ("completed", "failed"),
                              what="the sync to finish")
            took = time.monotonic() - started
            after = platform.memory_info().rss
            counts = {k: sync[k] for k in ("created", "updated", "unchanged", "skipped")}
            print(f"sync {attempt}: {args.people} people in {took:.2f} s, "
                  f"{args.people / took:.0f} people/s, {sync['status']} {counts}; platform memory "
                  f"{before / 2**20:.0f} MiB -> {after / 2**20:.0f} MiB (peak {peak / 2**20:.0f} MiB)",
                  flush=True)
            ok &= sync["status"] == "completed" and sync["rows_done"] == args.people
        stored = harness.db.conn.execute(
            "SELECT count(*) AS n, count(DISTINCT van_id) AS people FROM contacts"
            " WHERE campaign_id = %s AND van_id IS NOT NULL", (campaign.campaign_id,)).fetchone()
        print(f"PostgreSQL holds {stored['n']} contacts from VAN for the campaign, "
              f"{stored['people']} people (expected {args.people})")
        ok &= stored["n"] == stored["people"] == args.people
        print("ok" if ok else "FAIL")
        return 0 if ok else 1
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
