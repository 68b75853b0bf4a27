"""Warm the dialing rules' lookup caches off the request path.

The first decision for a number of a new area code builds that area code's zones and states
from every exchange (domain.phones, about 0.3 s); the first decision with a ZIP code loads the
ZIP table. Done in a worker thread when contacts arrive (the ZIP table with the first of them,
not at start-up, where it would compete with the platform's first answers), a dial never pays
for it.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable

from campaign_platform.domain import phones
from campaign_platform.domain.dialing import windows

log = logging.getLogger(__name__)

MAX_AREA_CODES = 100  # per call: an import of every area code warms the first hundred


def area_codes(e164s: Iterable[str]) -> None:
    zip_table()  # loaded once (cached in domain.dialing.windows); a no-op afterwards
    seen: set[str] = set()
    for e164 in e164s:
        code = e164[:5]  # "+1" and the area code
        if code in seen:
            continue
        seen.add(code)
        if len(seen) > MAX_AREA_CODES:
            return
        with contextlib.suppress(Exception):  # a number the rules cannot place fails its dial, not this
            phones.time_zones(e164)
            phones.area_code_states(e164)


def zip_table() -> None:
    with contextlib.suppress(Exception):
        windows.candidate_zones(windows.Contact("+12025550100", "DC", "20001"))
