"""The reassigned-numbers database double keeps its contract (support/doubles/reassigned.md)."""
from __future__ import annotations

import pytest
import requests

from support.doubles import kit
from support.doubles.reassigned import create_app


@pytest.fixture(scope="module")
def rnd():
    running = kit.Running(create_app())
    yield running
    running.stop()


def _subscriber(rnd) -> tuple[str, dict]:
    body = requests.post(f"{rnd.url}/control/subscribers", json={}, timeout=5).json()
    return body["subscriber_id"], {"Authorization": f"Bearer {body['api_key']}"}


def _ask(rnd, headers, number, on):
    return requests.get(f"{rnd.url}/api/v1/query", params={"number": number, "date": on},
                        headers=headers, timeout=5)


def test_a_disconnection_on_or_after_the_date_is_yes_before_it_no(rnd):
    _, headers = _subscriber(rnd)
    number = "+16145550123"
    requests.put(f"{rnd.url}/control/numbers/{number}", json={"disconnected_on": "2026-03-01"}, timeout=5)
    answers = [_ask(rnd, headers, number, on).json()["result"] for on in ("2026-02-28", "2026-03-01", "2026-03-02")]
    assert answers == ["yes", "yes", "no"]


def test_no_data_and_a_number_never_disconnected(rnd):
    _, headers = _subscriber(rnd)
    requests.put(f"{rnd.url}/control/numbers/+16145550124", json={"no_data": True}, timeout=5)
    assert _ask(rnd, headers, "+16145550124", "2026-01-01").json()["result"] == "no_data"
    assert _ask(rnd, headers, "+16145550125", "2026-01-01").json()["result"] == "no"


def test_refusals_and_the_query_log(rnd):
    subscriber_id, headers = _subscriber(rnd)
    assert _ask(rnd, {}, "+16145550125", "2026-01-01").status_code == 401
    bad = _ask(rnd, headers, "6145550125", "2026-01-01")
    assert (bad.status_code, bad.json()["error"]["code"]) == (400, "invalid_input")
    assert _ask(rnd, headers, "+16145550125", "January").status_code == 400
    _ask(rnd, headers, "+16145550126", "2026-01-05")
    log = requests.get(f"{rnd.url}/control/subscribers/{subscriber_id}/queries", timeout=5).json()
    assert [(q["number"], q["date"], q["result"]) for q in log["queries"]] == [("+16145550126", "2026-01-05", "no")]


def test_an_outage_answers_5xx(rnd):
    _, headers = _subscriber(rnd)
    requests.put(f"{rnd.url}/control/outage", json={"mode": "error", "status": 503}, timeout=5)
    try:
        assert _ask(rnd, headers, "+16145550125", "2026-01-01").status_code == 503
    finally:
        requests.put(f"{rnd.url}/control/outage", json={"mode": "none"}, timeout=5)
