"""Importing many contacts as one streamed CSV: wall time and the platform's memory.

    .venv/bin/python -m bench.contact_import [--contacts 100000] [--imports 2]

Starts the embedded stack, signs up a campaign through the API, then streams a CSV of N distinct
valid US contacts to the import route (chunked, never held whole by the client) IMPORTS times:
the first creates them, the next ones update them. Prints each import's wall time and report,
and the platform process's resident memory before and after each. Checks that PostgreSQL holds
exactly N contacts for the campaign; exits non-zero if not, or if any row was rejected.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator

import phonenumbers
import psutil
import requests

from support.harness import Harness
from support.stack import EmbeddedStack

AREA_CODES = ("202", "212", "305", "312", "415", "617", "713", "206", "303", "404")
STATES = {"202": "DC", "212": "NY", "305": "FL", "312": "IL", "415": "CA", "617": "MA",
          "713": "TX", "206": "WA", "303": "CO", "404": "GA"}
ZIPS = {"202": "20001", "212": "10001", "305": "33101", "312": "60601", "415": "94103",
        "617": "02108", "713": "77002", "206": "98101", "303": "80202", "404": "30303"}
CHUNK_ROWS = 2000


def numbers(count: int) -> Iterator[tuple[str, str]]:
    """Distinct valid US numbers (area code, national number): every line 1000-9999 of exchanges
    that the same library the platform uses calls valid (one number of each is checked)."""
    made = 0
    for exchange in range(201, 1000):
        for area in AREA_CODES:
            if exchange % 100 == 11 or exchange == 555 or not phonenumbers.is_valid_number(
                    phonenumbers.parse(f"+1{area}{exchange}1000")):
                continue
            for line in range(1000, 10000):
                yield area, f"{area}{exchange}{line}"
                made += 1
                if made == count:
                    return
    raise SystemExit(f"could not make {count} distinct valid numbers")


def csv_chunks(count: int) -> Iterator[bytes]:
    rows = ["name,phone,state,zip,line_type,consent_given_at\n"]
    for index, (area, national) in enumerate(numbers(count)):
        rows.append(f"Contact {index},{national},{STATES[area]},{ZIPS[area]},landline,\n")
        if len(rows) >= CHUNK_ROWS:
            yield "".join(rows).encode()
            rows = []
    if rows:
        yield "".join(rows).encode()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--imports", type=int, default=2)
    args = parser.parse_args(argv)
    stack = EmbeddedStack()
    endpoints = stack.start()
    try:
        harness = Harness(endpoints, attach=False)  # the composition root: every client, probe
        db, world = harness.db, harness.world()
        owner = world.owner_of("Dana", "Bench for Senate")
        campaign_id = world.campaign("Bench for Senate").campaign_id
        platform = psutil.Process(endpoints.pids["platform"])
        url = f"{endpoints.base_url}/v1/campaigns/{campaign_id}/contacts/imports"
        ok = True
        for attempt in range(1, args.imports + 1):
            before = platform.memory_info().rss
            started = time.monotonic()
            response = requests.post(url, params={"mode": "all_or_nothing"},
                                     data=csv_chunks(args.contacts), timeout=600,
                                     headers={"Authorization": f"Bearer {owner.token}",
                                              "Content-Type": "text/csv"})
            took = time.monotonic() - started
            after = platform.memory_info().rss
            report = response.json() if response.status_code == 201 else response.text[:500]
            counts = ({k: report.get(k) for k in ("created", "updated", "rejected")}
                      if isinstance(report, dict) else report)
            print(f"import {attempt}: {args.contacts} contacts in {took:.2f} s, "
                  f"{args.contacts / took:.0f} rows/s, status {response.status_code} {counts}; "
                  f"platform memory {before / 2**20:.0f} MiB -> {after / 2**20:.0f} MiB", flush=True)
            ok &= response.status_code == 201 and isinstance(report, dict) and report.get("rejected") == 0
        stored = db.conn.execute("SELECT count(*) AS n FROM contacts WHERE campaign_id = %s",
                                 (campaign_id,)).fetchone()["n"]
        print(f"PostgreSQL holds {stored} contacts for the campaign (expected {args.contacts})")
        ok &= stored == args.contacts
        print("ok" if ok else "FAIL")
        return 0 if ok else 1
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
