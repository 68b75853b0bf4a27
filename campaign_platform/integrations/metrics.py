"""The platform's metrics for Prometheus (prometheus-client): what an operator's dashboard charts.

The platform runs as one uvicorn process (campaign_platform/__main__.py: no `workers`), so the
client's default registry is the process's whole truth. Run several processes and each needs
`PROMETHEUS_MULTIPROC_DIR` and a multiprocess collector (API.md, Metrics); the breakers' state
needs nothing: it lives in Redis.

Requests are labelled by route template (`/v1/campaigns/{campaign_id}/calls`), never by the raw
path: no id reaches a label. The business counters are incremented by the workflows once the
fact is committed; the voter-sync counters are incremented by the VAN sync.
"""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest

REQUEST_SECONDS = Histogram(
    "cp_http_request_duration_seconds", "Time to answer an HTTP request, by route template.",
    ["method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1.0, 2.5, 5.0, 10.0),
)  # fmt: skip
CONTRIBUTIONS_RECORDED = Counter(
    "cp_contributions_recorded", "Contributions recorded (webhook or reconciliation), once each.", ["source"]
)
CALLS_PLACED = Counter("cp_calls_placed", "Calls the carrier placed, by mode.", ["mode"])
CALLS_BLOCKED = Counter("cp_calls_blocked", "Calls blocked before the carrier, by rule.", ["rule"])
OPT_OUTS = Counter("cp_opt_outs", "Opt-outs recorded (a reply, a request on a call).")
SYNC_RUNS = Counter("cp_voter_sync_runs", "Voter-file syncs started (incremented by the VAN sync).")
SYNC_FAILURES = Counter("cp_voter_sync_failures", "Voter-file syncs that failed (incremented by the VAN sync).")
BREAKER_STATE = Gauge("cp_breaker_state", "A third party's breaker: 0 closed, 1 half-open, 2 open.", ["dependency"])
BREAKER_TRANSITIONS = Counter("cp_breaker_transitions", "Breaker state changes, by new state.", ["dependency", "state"])
BREAKER_STATE_VALUES = {"closed": 0, "half-open": 1, "open": 2}

for _name in ("van", "processor", "carrier", "mail"):  # every series exists from the start (at 0)
    BREAKER_STATE.labels(_name).set(0)


def exposition() -> tuple[bytes, str]:
    """The text format and its content type."""
    return generate_latest(), CONTENT_TYPE_LATEST
