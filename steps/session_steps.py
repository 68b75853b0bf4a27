"""Sessions (O8): a log-in lasts 15 minutes, aged on the person's session clock (test mode)."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import parse
from behave import given, register_type, then, when

from support.checks import assert_ok, assert_refused
from support.sessions import Session, freeze
from support.vocabulary import Refusal, seconds_in

SESSION_SECONDS = 900  # what the log-in says its token lasts (API.md, "Onboarding")
NOT_LOGGED_IN = Refusal(401, "unauthenticated")
# What a person asks for with their session: about a campaign, or about their own account.
REQUESTS = {
    "opens the campaign": lambda world, person: world.client.campaign(
        person.token, world.in_play.campaign_id),
    "opens their own account": lambda world, person: world.client.me(person.token),
}



@parse.with_pattern("|".join(map(re.escape, REQUESTS)))
def _session_request(text: str) -> str:
    return text


register_type(SessionRequest=_session_request)


@given("{person:Person} has just logged in")
def step_just_logged_in(context, person):
    world, who = context.world, context.world.person(person)
    at = datetime.now(UTC).replace(microsecond=0)
    freeze(world, who, at)
    world.add_cleanup(lambda: world.client.reset_session_clock(who.user_id))
    session = assert_ok(world.log_in(person))
    assert session["expires_in"] == SESSION_SECONDS, f"the log-in says {session['expires_in']} s"
    context.world.notes(Session).logged_in_at = at


@when("{person:Person} {request:SessionRequest} {age} after logging in")
def step_request_after(context, person, request, age):
    world, who = context.world, context.world.person(person)
    freeze(world, who, context.world.notes(Session).logged_in_at + timedelta(seconds=seconds_in(age)))
    world.remember(REQUESTS[request](world, who))


@then("{person:Person} is served")
def step_served(context, person):
    assert_ok(context.world.last)


@then("{person:Person} is refused as not logged in, and asked to log in again")
def step_asked_to_log_in(context, person):
    answer = context.world.last
    assert_refused(answer, NOT_LOGGED_IN)
    message = answer.json()["error"]["message"]
    assert "log in again" in message.lower(), f"the refusal does not ask to log in again: {message}"
