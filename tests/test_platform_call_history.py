"""Test mode's call history (`POST /v1/test/campaigns/{id}/call-history`): the rows it writes are
the rows dialed calls leave, and A6.1's abandonment rate counts them as it counts dialed calls.

The pure part (where the calls fall, which are abandoned) runs alone; the rest against an
embedded stack (one per session, tests/conftest.py), through the suite's own library.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from uuid import uuid4

import pytest
import requests

from campaign_platform.domain.call_events import CallState, judge_abandoned
from campaign_platform.domain.dialing import rules
from campaign_platform.workflows.call_history import abandoned_positions, history_rows

NOW = datetime(2026, 3, 3, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(("answered", "abandoned"), [(100, 3), (103, 3), (1, 0), (1, 1), (7, 7), (5, 2)])
def test_abandoned_calls_are_spread_and_counted_exactly(answered, abandoned):
    positions = abandoned_positions(answered, abandoned)
    assert len(positions) == abandoned and all(0 <= p < answered for p in positions)


def test_the_rows_are_answered_completed_calls_inside_the_30_days():
    contact_id = uuid4()
    rows = history_rows(NOW, 100, 3, "predictive", "+16145550100", contact_id, "+16145550199")
    period = rules.THRESHOLDS.abandonment_period
    assert len(rows) == 100 and len({row["call_id"] for row in rows}) == 100
    assert all(NOW - period < row["requested_at"] < NOW for row in rows)
    assert [row["requested_at"] for row in rows] == sorted(row["requested_at"] for row in rows)
    assert sum(row["abandoned"] for row in rows) == 3
    for row in rows:
        assert (row["status"], row["answered_by"], row["mode"]) == ("completed", "human", "predictive")
        assert row["requested_at"] == row["placed_at"] < row["ringing_at"] < row["answered_at"] < row["completed_at"]
        assert row["carrier_call_id"] and row["contact_id"] == contact_id
        state = CallState(row["mode"], row["status"], row["ringing_at"], row["answered_at"], row["answered_by"],
                          row["agent_connected_at"], row["completed_at"])
        assert row["abandoned"] == judge_abandoned(state)  # as the carrier's reports would judge it
        assert (row["agent_connected_at"] is None) == row["abandoned"]


# --- against the embedded stack ---------------------------------------------------------------


CAMPAIGN = "Harper for Senate"


def _world(harness):
    made = harness.world()
    made.owner_of("Dana", CAMPAIGN)
    desk = made.known_campaign(CAMPAIGN).dialing
    desk.make_ready()
    desk.set_local_time("America/New_York", _next_tuesday(), time(10, 0))  # in Columbus
    desk.contact_in("Sam", "Columbus", line_type="wireless", consent=True)
    desk.contact_in("History", "Columbus", line_type="landline")
    return made


@pytest.fixture
def world(harness):
    made = _world(harness)
    yield made
    made.clean_up()


@pytest.fixture(scope="module")
def untouched_world(harness):
    """One campaign for the refusals: none of them writes a call."""
    made = _world(harness)
    yield made
    made.clean_up()


def _campaign(world):
    return world.known_campaign(CAMPAIGN)


def _next_tuesday():
    today = datetime.now(UTC).date()
    return today + timedelta(days=(1 - today.weekday()) % 7 or 7)


def _history(world, **body):
    campaign = _campaign(world)
    desk = campaign.dialing
    body = {"contact_id": desk.contact("History").contact_id,
            "caller_id": desk.desk.caller_ids[desk.caller_id_number].caller_id, **body}
    return requests.post(f"{world.client.base_url}/v1/test/campaigns/{campaign.campaign_id}/call-history",
                         json=body, timeout=10)


def _call_rows(world):
    return world.db.conn.execute(
        "SELECT * FROM calls WHERE campaign_id = %s AND contact_id = %s ORDER BY requested_at",
        (_campaign(world).campaign_id, _campaign(world).dialing.contact("History").contact_id),
    ).fetchall()


@pytest.mark.parametrize(("answered", "outcome"), [(100, 422), (103, 201)])
def test_a6_1_counts_the_history_as_it_counts_dialed_calls(world, answered, outcome):
    assert requests.get(f"{world.client.base_url}/ready", timeout=5).json()["password_hash"] == {
        "algorithm": "argon2id", "time_cost": 1, "memory_kib": 8, "parallelism": 1}
    answer = _history(world, answered=answered, abandoned=3, mode="predictive")
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert (body["answered"], body["abandoned"], body["mode"]) == (answered, 3, "predictive")
    assert datetime.fromisoformat(body["now"]) - timedelta(days=30) < datetime.fromisoformat(body["from"])

    dial = _campaign(world).dialing.dial(_campaign(world).owner, "Sam", mode="predictive")
    assert dial.response.status_code == outcome, dial.response.text
    if outcome == 422:
        assert dial.response.json()["error"]["rule"] == "A6.1"


def test_the_rows_match_a_dialed_call_reported_by_the_carrier(world):
    desk = _campaign(world).dialing
    attempt = desk.dial(_campaign(world).owner, "History", mode="predictive")
    assert attempt.response.status_code == 201, attempt.response.text
    at = datetime.now(UTC)
    desk.report(attempt, "ringing", at=at.isoformat())
    desk.report(attempt, "answered", answered_by="human", at=(at + timedelta(seconds=4)).isoformat())
    desk.report(attempt, "completed", at=(at + timedelta(seconds=34)).isoformat())  # no caller came on
    dialed = _call_rows(world)[0]

    assert _history(world, answered=1, abandoned=1, mode="predictive").status_code == 201
    written = next(row for row in _call_rows(world) if row["id"] != dialed["id"])
    differing = {"id", "carrier_call_id", "requested_at", "placed_at", "ringing_at", "answered_at",
                 "completed_at"}  # its own identity and times
    assert {k: v for k, v in written.items() if k not in differing} == \
        {k: v for k, v in dialed.items() if k not in differing}
    assert all((written[k] is None) == (dialed[k] is None) for k in differing)


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"answered": 3, "abandoned": 4}, 422, "invalid_input"),
        ({"answered": 0}, 422, "invalid_input"),
        ({"answered": 3, "abandoned": 1, "mode": "prerecorded"}, 422, "invalid_input"),
        ({"answered": 3, "contact_id": str(uuid4())}, 404, "not_found"),
        ({"answered": 3, "caller_id": str(uuid4())}, 404, "not_found"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(untouched_world, body, status, code):
    answer = _history(untouched_world, **body)
    assert (answer.status_code, answer.json()["error"]["code"]) == (status, code), answer.text
    assert _call_rows(untouched_world) == []


def test_an_unknown_campaign_is_not_found(embedded_stack):
    answer = requests.post(f"{embedded_stack.base_url}/v1/test/campaigns/{uuid4()}/call-history",
                           json={"contact_id": str(uuid4()), "caller_id": str(uuid4()), "answered": 1},
                           timeout=10)
    assert (answer.status_code, answer.json()["error"]["code"]) == (404, "not_found")
