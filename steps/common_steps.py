"""Phrases every workflow shares: people, campaigns, refusals, logging in."""
from __future__ import annotations

from datetime import date, datetime

import jwt
import parse
from behave import given, register_type, then, when

from support.checks import assert_ok, assert_refused
from support.money import MONEY_PATTERN, cents
from support.plugins import merged
from support.vocabulary import REFUSALS


@parse.with_pattern(r"can|cannot")
def _ability(text: str) -> bool:
    return text == "can"


@parse.with_pattern(r"receives an|receives no")
def _receives(text: str) -> bool:
    return text == "receives an"


@parse.with_pattern(r"[A-Z][A-Za-z]+")
def _person(text: str) -> str:
    """A person is named by one capitalised word: Dana, Erin."""
    return text


@parse.with_pattern(r'[^"]+')
def _text(text: str) -> str:
    """What stands between double quotes: a campaign's name, a value."""
    return text


@parse.with_pattern(MONEY_PATTERN)
def _money(text: str) -> int:
    """An amount as people write it, "$3,500.01", read as integer cents."""
    return cents(text)


@parse.with_pattern(r"(?:January|February|March|April|May|June|July|August|September|October|"
                    r"November|December) \d{1,2}, \d{4}")
def _date(text: str) -> date:
    """A day as people write it: "March 2, 2026"."""
    return datetime.strptime(text, "%B %d, %Y").date()


register_type(Ability=_ability, Receives=_receives, Person=_person, Text=_text, Money=_money,
              Date=_date)


@given('{person:Person} owns "{campaign:Text}"')
def step_owns(context, person, campaign):
    context.world.owner_of(person, campaign)


@given('{person:Person} has the {role} role on "{campaign:Text}"')
def step_is_member(context, person, role, campaign):
    context.world.member(person, campaign, role)


@then("the {action} is refused because {reason}")
@then("it is refused because {reason}")
def step_refused(context, reason, action=None):
    known = {**REFUSALS, **merged("refusals")}  # the shared reasons and each workflow's own
    assert reason in known, f"no refusal is known as {reason!r}; add it to support/vocabulary.py"
    assert_refused(context.world.last, known[reason])


@when("{person:Person} logs in")
@when("{person:Person} logs in with the right password")
def step_logs_in(context, person):
    context.world.log_in(person)


def assert_logged_in_as(context, person_name: str, role: str, campaign_name: str) -> None:
    world = context.world
    person, campaign = world.person(person_name), world.campaign(campaign_name)
    session = assert_ok(world.last)
    assert session["token_type"] == "bearer" and 0 < session["expires_in"] <= 900, session
    account = world.db.user(person.email)
    claims = jwt.decode(session["access_token"], options={"verify_signature": False})
    assert claims["sub"] == str(account["user_id"]), (claims["sub"], account["user_id"])
    assert claims["exp"] - claims["iat"] <= 900, "the session token is not short-lived"
    me = assert_ok(world.client.me(session["access_token"]))
    roles = {c["slug"]: c["role"] for c in me["campaigns"]}
    assert roles.get(campaign.slug) == role, f"expected {role} of {campaign.slug}: {roles}"


@then('{person:Person} is logged in as the owner of "{campaign:Text}"')
def step_logged_in_owner(context, person, campaign):
    assert_logged_in_as(context, person, "owner", campaign)


@then('{person:Person} is logged in with the {role} role on "{campaign:Text}"')
def step_logged_in_role(context, person, role, campaign):
    assert_logged_in_as(context, person, role, campaign)
