"""1,000 active calls, then more dialing: the harness shared by the @load scenario and the bench.

Ten campaigns are signed up and made ready to dial through the platform's API. Calls are placed
at a steady pace and each is reported answered by a person with a caller on, so the carrier
double holds them active. Then further calls are dialed while the carrier keeps reporting on the
active ones; each dial (authorisation and placement) and each report (signature check and apply)
is timed end to end.
"""
from __future__ import annotations

import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from requests.adapters import HTTPAdapter

from support.dialing import random_number

EASTERN = ZoneInfo("America/New_York")


@dataclass
class LoadResult:
    active: int
    dial_ms: list[float] = field(default_factory=list)
    report_ms: list[float] = field(default_factory=list)
    dials_refused: list[str] = field(default_factory=list)
    reports_refused: list[str] = field(default_factory=list)
    carrier_calls: int = 0
    expected_carrier_calls: int = 0

    @staticmethod
    def percentile(values: list[float], p: int) -> float:
        return statistics.quantiles(values, n=100, method="inclusive")[p - 1]

    def summary(self) -> str:
        def line(name, values):
            return (f"{name}: n={len(values)} p50 {self.percentile(values, 50):.1f} ms, "
                    f"p95 {self.percentile(values, 95):.1f} ms, p99 {self.percentile(values, 99):.1f} ms, "
                    f"max {max(values):.1f} ms")
        return "\n".join([f"active calls held: {self.active}",
                          line("authorisation + placement", self.dial_ms),
                          line("carrier report applied", self.report_ms),
                          f"refused dials: {len(self.dials_refused)}, refused reports: "
                          f"{len(self.reports_refused)}, carrier calls {self.carrier_calls} of "
                          f"{self.expected_carrier_calls} expected"])


def _next_tuesday_10am() -> datetime:
    today = date.today()
    tuesday = today + timedelta(days=(1 - today.weekday()) % 7 or 7)
    return datetime(tuesday.year, tuesday.month, tuesday.day, 10, 0, tzinfo=EASTERN)


@dataclass
class LoadRun:
    """The @load scenario's set-up and result (``world.notes(LoadRun)``)."""
    settings: dict = field(default_factory=dict)  # run()'s keyword arguments
    result: LoadResult | None = None


def run(world, *, campaigns: int = 10, active: int = 1000, further: int = 500,
        reports: int = 1000, workers: int = 16, pace_per_second: float = 200) -> LoadResult:
    client, carrier, account_id = world.client, world.carrier, world.carrier_account_id
    for session in (client.session, carrier.session):
        # As many kept-alive connections as workers: requests keeps 10 by default, and a dial
        # beyond them would open (and time) a connection of the harness's making.
        session.mount("http://", HTTPAdapter(pool_maxsize=workers))
    per_campaign = active // campaigns
    contacts: dict[str, list[tuple[str, str, str]]] = {}
    for index in range(campaigns):
        name = f"Load Campaign {index}"
        owner = world.owner_of(f"Owner{index}", name)
        campaign = world.campaign(name)
        contact = world.person(f"Compliance{index}")
        world.expect(client.set_compliance_contact(owner.token, campaign.campaign_id,
                                                   contact.full_name, contact.email), 200, "name")
        number = random_number("614")
        added = world.expect(client.add_caller_id(owner.token, campaign.campaign_id, number),
                             201, "add caller ID").json()
        code = carrier.verification_codes(account_id, number)["codes"][-1]
        world.expect(client.verify_caller_id(owner.token, campaign.campaign_id, added["caller_id"],
                                             code), 200, "verify caller ID")
        world.expect(client.set_dial_settings(owner.token, campaign.campaign_id,
                                              max_concurrent_calls=per_campaign + further,
                                              calls_per_second=1000), 200, "dial settings")
        world.expect(client.set_clock(owner.token, campaign.campaign_id,
                                      _next_tuesday_10am().isoformat()), 200, "clock")
        count = per_campaign + further // campaigns
        with ThreadPoolExecutor(max_workers=workers) as pool:
            ids = list(pool.map(lambda n, c=campaign.campaign_id, t=owner.token: world.expect(
                client.create_contact(t, c, {"name": f"Voter {n}", "phone": f"+1614{n:07d}",
                                             "line_type": "landline", "state": "OH",
                                             "zip": "43215"}), 201, "contact").json()["contact_id"],
                range(2_000_000 + index * 10_000, 2_000_000 + index * 10_000 + count)))
        contacts[campaign.campaign_id] = [(owner.token, added["caller_id"], i) for i in ids]

    # 1. Bring the active calls up at a realistic pace, each answered by a person, caller on.
    def bring_up(job):
        campaign_id, (token, caller_id, contact_id) = job
        answer = client.dial(token, campaign_id, contact_id, "manual", caller_id)
        assert answer.status_code == 201, answer.text[:300]
        call_id = answer.json()["carrier_call_id"]
        at = datetime.now().astimezone()
        carrier.call_event(call_id, "answered", answered_by="human", at=at.isoformat())
        carrier.call_event(call_id, "agent_connected", at=(at + timedelta(seconds=1)).isoformat())
        return call_id

    jobs = [(cid, entry) for cid, entries in contacts.items() for entry in entries[:per_campaign]]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = []
        for n, job in enumerate(jobs):
            delay = started + n / pace_per_second - time.monotonic()
            if delay > 0:
                time.sleep(delay)  # the pace of arrival, not a synchronisation
            futures.append(pool.submit(bring_up, job))
        active_calls = [f.result() for f in futures]
    result = LoadResult(active=len(active_calls))

    # 2. Dial further calls while the carrier keeps reporting on the active ones.
    further_jobs = [(cid, entry) for cid, entries in contacts.items() for entry in entries[per_campaign:]]

    def timed_dial(job):
        campaign_id, (token, caller_id, contact_id) = job
        began = time.perf_counter()
        answer = client.dial(token, campaign_id, contact_id, "manual", caller_id)
        result.dial_ms.append((time.perf_counter() - began) * 1000)
        if answer.status_code != 201:
            result.dials_refused.append(answer.text[:200])

    def timed_report(n):
        began = time.perf_counter()
        sent = carrier.call_event(active_calls[n % len(active_calls)], "key_press", digit="1")
        result.report_ms.append((time.perf_counter() - began) * 1000)
        if sent["first_attempt"]["status"] != 200:
            result.reports_refused.append(str(sent["first_attempt"])[:200])

    with ThreadPoolExecutor(max_workers=workers) as pool:
        work = [pool.submit(timed_dial, job) for job in further_jobs]
        work += [pool.submit(timed_report, n) for n in range(reports)]
        for future in work:
            future.result()
    campaign_ids = set(contacts)
    result.carrier_calls = sum(len(carrier.calls(account_id, campaign_ref=ref)["calls"])
                               for ref in campaign_ids)
    result.expected_carrier_calls = len(jobs) + len(further_jobs)
    return result
