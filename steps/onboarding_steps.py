"""Onboarding: sign-up, email verification, log-in and its throttle, the checklist."""
from __future__ import annotations

import json
import re

from behave import given, then, when

from support.checks import assert_ok, assert_refused
from support.vocabulary import SIGN_UP_DETAILS, TOO_MANY_ATTEMPTS, WRONG_CREDENTIALS
from support.world import strong_password


def _described_value(value: str) -> str:
    """Examples may describe a value instead of spelling it: "<a 129-character string>"."""
    described = re.fullmatch(r"<a (\d+)-character string>", value)
    return ("Kx9#" * 100)[: int(described.group(1))] if described else value


# -- sign-up --------------------------------------------------------------------------------------
@when('{person:Person} signs up "{campaign:Text}"')
def step_signs_up(context, person, campaign):
    context.world.sign_up(person, campaign)


@when('{person:Person} signs up "{campaign:Text}" with the {detail} "{value:Text}"')
def step_signs_up_with(context, person, campaign, detail, value):
    part, field = SIGN_UP_DETAILS[detail]
    context.world.sign_up(person, campaign, **{part: {field: _described_value(value)}})


@when('{person:Person} signs up "{campaign:Text}" with a hard-to-guess password of {length:d} characters')
def step_signs_up_with_length(context, person, campaign, length):
    context.world.sign_up(person, campaign, owner={"password": strong_password(length)})


@when('{person:Person} signs up "{campaign:Text}" with {other:Person}\'s email address')
def step_signs_up_with_email_of(context, person, campaign, other):
    context.world.sign_up(person, campaign, owner={"email": context.world.person(other).email})


@when('{person:Person} signs up a campaign at the web address of "{campaign:Text}"')
def step_signs_up_same_slug(context, person, campaign):
    taken = context.world.campaign(campaign).slug
    context.world.sign_up(person, f"{person}'s campaign", campaign={"slug": taken})


@when('{person:Person} sends a sign-up form for "{campaign:Text}" that is not readable')
def step_signs_up_unreadable(context, person, campaign):
    world = context.world
    readable = json.dumps({"organization_name": world.campaign(campaign).organization_name,
                           "campaign": {"name": campaign, "slug": world.campaign(campaign).slug}})
    world.sign_up(person, campaign, raw=readable[:-7].encode())  # cut off mid-document


@given('{person:Person} has signed up "{campaign:Text}" without verifying the email address')
@given('{person:Person} has signed up "{campaign:Text}"')
def step_has_signed_up(context, person, campaign):
    context.world.expect(context.world.sign_up(person, campaign), 201, "sign up")


@then("the sign-up is accepted")
def step_sign_up_accepted(context):
    body = assert_ok(context.world.last, 201)
    assert {"organization_id", "campaign_id", "user_id", "slug"} <= body.keys(), body


@then('{person:Person} owns "{campaign:Text}" with an unverified account')
def step_owns_unverified(context, person, campaign):
    world = context.world
    account = world.db.user(world.person(person).email)
    assert account is not None, "no account was recorded"
    assert not account["verified"], "the account is verified before the link was followed"
    assert account["password_scheme"] == "argon2id", "the password is not hashed with argon2id"
    recorded = world.db.campaign(world.campaign(campaign).slug)
    assert recorded is not None and recorded["name"] == campaign, recorded
    assert recorded["organization_name"] == world.campaign(campaign).organization_name, recorded
    members = world.db.members(recorded["campaign_id"])
    assert [(m["email"], m["role"]) for m in members] == [(world.person(person).email, "owner")], members


@then("{person:Person} receives one email asking to verify the address")
def step_receives_verification(context, person):
    messages = context.world.wait_for_email(person, "verification")
    assert len(messages) == 1, f"expected one verification email, got {len(messages)}"
    assert "/verify-email?token=" in messages[0]["body"], "the email holds no verification link"


@given("{person:Person} has followed the verification link")
def step_has_followed_link(context, person):
    context.world.expect(context.world.follow_verification_link(person), 200, "verify the email")


@when("{person:Person} follows the verification link")
@when("{person:Person} follows the verification link again")
def step_follows_link(context, person):
    context.world.follow_verification_link(person)


@then("{person:Person}'s account is verified")
def step_verified(context, person):
    assert_ok(context.world.last)
    assert context.world.db.user(context.world.person(person).email)["verified"] is True


@then("{person:Person}'s account is still unverified")
def step_still_unverified(context, person):
    world = context.world
    assert world.last.json().get("access_token") is None, "a session token was issued"
    assert world.db.user(world.person(person).email)["verified"] is False


@then('nothing of "{campaign:Text}" was created')
def step_nothing_created(context, campaign):
    world, attempt = context.world, context.world.sign_up_attempt
    assert world.db.campaign(world.campaign(campaign).slug) is None, "the campaign was recorded"
    assert world.db.organizations_named(world.campaign(campaign).organization_name) == 0, \
        "the organization was recorded"
    if not attempt.had_account:
        assert world.db.user(attempt.email) is None, "the owner's account was recorded"
    assert not world.emails_to_address(attempt.email, "verification")[attempt.emails_before:], \
        "a verification email went out for a refused sign-up"


@then("{person:Person} has no account")
def step_no_account(context, person):
    assert context.world.db.user(context.world.person(person).email) is None


@then('"{campaign:Text}" still belongs to {person:Person} alone')
def step_belongs_alone(context, campaign, person):
    world = context.world
    recorded = world.db.campaign(world.campaign(campaign).slug)
    members = world.db.members(recorded["campaign_id"])
    assert [m["email"] for m in members] == [world.person(person).email], members


# -- log-in throttle ------------------------------------------------------------------------------
@when("{person:Person} enters a wrong password {times:d} time")
@when("{person:Person} enters a wrong password {times:d} times")
@given("{person:Person} has entered a wrong password {times:d} times")
def step_wrong_password(context, person, times):
    world = context.world
    for _ in range(times):
        assert_refused(world.log_in(person, password=world.wrong_password()), WRONG_CREDENTIALS)
        world.person(person).failed_log_ins += 1


@when("{person:Person}, who has no account, logs in")
def step_stranger_logs_in(context, person):
    context.world.log_in(person)


@then("both log-ins are refused with the same answer")
def step_same_refusal(context):
    first, second = context.world.answers[-2:]
    assert_refused(first, WRONG_CREDENTIALS)
    assert_refused(second, WRONG_CREDENTIALS)
    assert first.json() == second.json(), (first.json(), second.json())


def _assert_locked(context, person: str, failures: int, window_seconds: int) -> None:
    """Refused as too many attempts, told when to retry, and counted in the cache."""
    world = context.world
    assert_refused(world.last, TOO_MANY_ATTEMPTS)
    retry_after = int(world.last.headers["Retry-After"])
    assert 0 < retry_after <= window_seconds, f"retry after {retry_after} s"
    assert world.last.json()["error"]["retry_after_seconds"] == retry_after
    counted, expires_in = world.cache.login_failures(world.person(person).email)
    assert counted == failures, f"{counted} failed log-ins counted, expected {failures}"
    assert 0 < expires_in <= window_seconds, f"the count expires in {expires_in} s"


@then("the log-in is refused as too many attempts, for {minutes:d} minutes at most")
def step_too_many_attempts(context, minutes):
    person = context.world.last_log_in
    _assert_locked(context, person, context.world.person(person).failed_log_ins, minutes * 60)


@then("{person:Person}'s account stays locked for {minutes:d} minutes at most, "
      "with {failures:d} failed log-ins counted")
def step_stays_locked(context, person, minutes, failures):
    context.world.log_in(person)
    _assert_locked(context, person, failures, minutes * 60)


@then("{person:Person} has no failed log-ins counted against the account")
def step_no_failures(context, person):
    assert_ok(context.world.last)
    counted, _ = context.world.cache.login_failures(context.world.person(person).email)
    assert counted == 0, f"{counted} failed log-ins are still counted"


# -- the ready-to-dial checklist ------------------------------------------------------------------
def _checklist(context, campaign_name: str | None = None) -> dict:
    """The checklist of the named campaign, or of the campaign in play ("its checklist")."""
    world = context.world
    campaign = world.known_campaign(campaign_name) if campaign_name else world.in_play
    owner = world.person(campaign.owner)
    return assert_ok(world.client.checklist(owner.token, campaign.campaign_id))


@then('"{campaign:Text}" is not ready to dial')
def step_not_ready(context, campaign):
    assert _checklist(context, campaign)["ready_to_dial"] is False


@then('"{campaign:Text}" is ready to dial')
def step_ready(context, campaign):
    checklist = _checklist(context, campaign)
    assert checklist["ready_to_dial"] is True and all(i["done"] for i in checklist["items"]), checklist


@then('its checklist shows "{label:Text}" {state}')
def step_checklist_item(context, label, state):
    items = {item["label"]: item["done"] for item in _checklist(context)["items"]}
    assert label in items, f"no checklist item {label!r}: {sorted(items)}"
    assert items[label] is (state == "done"), f"{label}: done={items[label]}, expected {state}"


@when('{person:Person} names {contact:Person} as the compliance contact of "{campaign:Text}"')
@given('{person:Person} has named {contact:Person} as the compliance contact of "{campaign:Text}"')
def step_names_contact(context, person, contact, campaign):
    world = context.world
    assert_ok(world.client.set_compliance_contact(
        world.person(person).token, world.campaign(campaign).campaign_id,
        world.person(contact).full_name, world.person(contact).email))
