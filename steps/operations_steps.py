"""Operations: third parties failing and back (the breakers), the operator's health view, the
dashboard's counters and the error tracker's reports (support/operations.py)."""
from __future__ import annotations

import re

import parse
from behave import given, register_type, then, when

from support.operations import Operations

DEPENDENCIES = {"the database": "postgres", "the cache": "redis", "the processor": "processor",
                "the mail server": "mail", "the carrier": "carrier"}


@parse.with_pattern(r"carrier|processor")
def _third_party(text: str) -> str:
    return text


register_type(ThirdParty=_third_party)  # "the carrier is back", not "the processor's reporting API is back"


def ops(context) -> Operations:
    notes = context.world.notes(Operations)
    notes.world = context.world
    return notes


def _dialing(context):
    return context.world.in_play.dialing


def _error(response) -> dict:
    return response.json().get("error", {})


# -- a third party down and back -------------------------------------------------------------
@given("the {party:ThirdParty} has stopped answering and failed {count:d} calls in a row")
def step_party_failed(context, party, count):
    _dialing(context).set_dial_settings(calls_per_second=1000)  # the pacing limit stays out of the way
    ops(context).down(party)
    for _ in range(count):
        attempt = _dialing(context).dial("Riley", "Sam")
        assert (attempt.response.status_code, _error(attempt.response).get("code")) == (503, "unavailable"), \
            f"expected the carrier's failure, got {attempt.response.status_code}: {attempt.response.text[:300]}"
    ops(context).received_before = ops(context).received_while_down(party)


@given("the {party:ThirdParty} is back")
def step_party_back(context, party):
    ops(context).back(party)


@given("the {party:ThirdParty} now takes a second to fail each call")
def step_party_slow(context, party):
    """The trial call stays in flight for a second, so calls that arrive meanwhile would reach the
    third party too if nothing held them back (R2: exactly one trial)."""
    ops(context).double(party).set_outage("hang", seconds=1.0)
    ops(context).received_before = ops(context).received_while_down(party)


@given("the platform's pause on the {party:ThirdParty} is over")
def step_pause_over(context, party):
    ops(context).end_cool_down(party)


@then("the call is refused at once because the carrier keeps failing")
def step_refused_fast(context):
    response = _dialing(context).last_attempt.response
    error = _error(response)
    assert (response.status_code, error.get("code"), error.get("dependency")) == (503, "circuit_open", "carrier"), \
        f"expected the call refused as the carrier keeps failing: {response.status_code} {response.text[:300]}"
    assert int(response.headers["Retry-After"]) >= 1 and error["message"].strip(), response.headers
    assert response.elapsed.total_seconds() < 0.5, f"took {response.elapsed.total_seconds():.2f} s: not at once"


@then("the carrier received nothing more while it was down")
def step_nothing_more(context):
    received = ops(context).received_while_down("carrier")
    assert received == ops(context).received_before, \
        f"the carrier received {received - ops(context).received_before} more request(s) while the platform paused it"


@then("the carrier received the call while it was down")
def step_received_call(context):
    received = ops(context).received_while_down("carrier")
    assert received == ops(context).received_before + 1, \
        f"the carrier received {received - ops(context).received_before} request(s), expected the one call"


@then("exactly one of them reaches the carrier, and the others are refused at once")
def step_one_probe(context):
    outcomes = sorted((a.response.status_code, _error(a.response).get("code")) for a in _dialing(context).burst)
    assert outcomes == [(503, "circuit_open")] * (len(outcomes) - 1) + [(503, "unavailable")], \
        f"expected one call to try the carrier and the others refused at once: {outcomes}"
    received = ops(context).received_while_down("carrier") - ops(context).received_before
    assert received == 1, f"the carrier received {received} calls once the pause was over, expected one trial"


# -- the operator's health view --------------------------------------------------------------
@when("the operator looks at the platform's health")
def step_operator_looks(context):
    ops(context).health(ops(context).operator_token)


def _dependencies(context) -> dict:
    response = ops(context).health(ops(context).operator_token)
    assert response.status_code == 200, f"the health view answered {response.status_code}: {response.text[:300]}"
    return response.json()["dependencies"]


@then("the operator sees the carrier up and called normally again")
def step_sees_up(context):
    carrier = _dependencies(context)["carrier"]
    assert (carrier["state"], carrier["breaker"]["state"]) == ("up", "closed"), carrier


@then("the operator sees the carrier down, with calls to it paused")
def step_sees_down(context):
    carrier = _dependencies(context)["carrier"]
    assert (carrier["state"], carrier["breaker"]["state"]) == ("down", "open"), carrier
    assert carrier["breaker"]["retry_after"] >= 1 and isinstance(carrier["ms"], (int, float)), carrier


@then("the operator sees {names} up")
def step_sees_others_up(context, names):
    dependencies = _dependencies(context)
    for name in re.split(r", | and ", names):
        entry = dependencies[DEPENDENCIES[name]]
        assert entry["state"] == "up", f"{name}: {entry}"


@when("{who} asks for the platform's health")
def step_asks_health(context, who):
    token = None if who == "a stranger" else context.world.person(who).token
    ops(context).health(token)


# -- the dashboard's counters ----------------------------------------------------------------
@given("the operator has read the dashboard's counters")
def step_read_counters(context):
    ops(context).counters_before = ops(context).counters()


# What each phrase expects the counters to move by: {counter: (label test, moved by)}.
_CONTRIBUTION = {"cp_contributions_recorded_total": (lambda labels: True, 1)}
_BLOCKED_BY_HOURS = {"cp_calls_blocked_total": (lambda labels: labels["rule"].startswith("A1"), 1)}
COUNTER_MOVES = {
    "one contribution recorded": _CONTRIBUTION,
    "one call blocked by the calling-hours rule": _BLOCKED_BY_HOURS,
    "one contribution recorded and one call blocked by the calling-hours rule": {**_CONTRIBUTION, **_BLOCKED_BY_HOURS},
}


@then("the dashboard's counters moved by exactly {what}")
def step_counters_moved(context, what):
    expected = COUNTER_MOVES[what]
    moved = ops(context).moved()
    for counter, (fits, by) in expected.items():
        series = {labels: value for (name, labels), value in moved.items() if name == counter}
        assert list(series.values()) == [by] and fits(dict(next(iter(series)))), \
            f"{counter} moved by {series}, not by {by} ({what})"
    others = {key: value for key, value in moved.items() if key[0] not in expected}
    assert not others, f"other counters moved too: {others}"


# -- error reports ---------------------------------------------------------------------------
@when('an unexpected error happens while {person} asks about {donor}, {email}, {phone}, password "{password}"')
def step_unexpected_error(context, person, donor, email, phone, password):
    ops(context).trigger_error(person, {"donor_name": donor, "email": email, "phone": phone, "password": password})


@then("{person} is told something went wrong, with a reference to quote")
def step_told_wrong(context, person):
    response = ops(context).report_answer
    error = _error(response)
    assert (response.status_code, error.get("code")) == (500, "internal_error") and error.get("request_id"), \
        f"expected 500 internal_error with a request id: {response.status_code} {response.text[:300]}"


@then("the error tracker receives one report of it, naming the request, its route and the campaign")
def step_report_context(context):
    request_id = _error(ops(context).report_answer)["request_id"]
    events = context.world.harness.errors.events(request_id)
    assert len(events) == 1, f"{len(events)} reports of request {request_id}"
    tags = events[0]["event"]["tags"]
    assert tags == {"route": "/v1/test/campaigns/{campaign_id}/unhandled-error", "method": "POST",
                    "campaign_id": context.world.in_play.campaign_id, "request_id": request_id}, tags


@then("the report holds no credential, password, e-mail address, phone number or donor's name")
def step_report_clean(context):
    request_id = _error(ops(context).report_answer)["request_id"]
    raw = context.world.harness.errors.events(request_id)[0]["raw"]
    sent = ops(context).sent
    person = context.world.person(sent["person"])
    forbidden = {"the access token": person.token, "the password": sent["password"], "the e-mail": sent["email"],
                 "the phone": sent["phone"], "the phone's digits": re.sub(r"\D", "", sent["phone"]),
                 "the donor's name": sent["donor_name"]}  # fmt: skip
    leaked = [what for what, value in forbidden.items() if value and value in raw]
    assert not leaked, f"the error report carries {', '.join(leaked)}"
