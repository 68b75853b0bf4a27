"""Teams: invitations, roles and what each role may do."""
from __future__ import annotations

from behave import given, step, then, when

from support.checks import assert_ok, assert_refused
from support.vocabulary import FORBIDDEN, WRONG_CREDENTIALS, seconds_in


@given('{inviter:Person} has invited {invitee:Person} to "{campaign:Text}" with the {role} role')
def step_has_invited(context, inviter, invitee, campaign, role):
    context.world.expect(context.world.invite(inviter, invitee, campaign, role), 201, "invite")


@when('{inviter:Person} invites {invitee:Person} to "{campaign:Text}" with the {role} role')
def step_invites(context, inviter, invitee, campaign, role):
    context.world.invite(inviter, invitee, campaign, role)


@when('{inviter:Person} invites someone to "{campaign:Text}" with the {role} role at the address "{address:Text}"')
def step_invites_address(context, inviter, campaign, role, address):
    world = context.world
    world.remember(world.client.invite(world.person(inviter).token,
                                       world.campaign(campaign).campaign_id,
                                       world.address(address), role))


@then('nobody at "{address:Text}" receives an invitation')
def step_nobody_invited(context, address):
    world = context.world
    address = world.address(address)
    assert world.emails_to_address(address, "invitation") == [], "an invitation email went out"
    assert world.db.invitations(world.in_play.campaign_id, address) == [], \
        "an invitation was recorded"


@when("{person:Person} accepts the invitation")
def step_accepts(context, person):
    context.world.accept_invitation(person, context.world.in_play.name)


@when('{person:Person} accepts the invitation with the password "{password:Text}"')
def step_accepts_with_password(context, person, password):
    context.world.accept_invitation(person, context.world.in_play.name, password=password)


@given('{person:Person}\'s acceptance of the invitation with the password "{password:Text}" was refused')
def step_acceptance_refused(context, person, password):
    response = context.world.accept_invitation(person, context.world.in_play.name, password=password)
    assert response.status_code == 422, f"the acceptance was not refused: {response.status_code}"


@given("{person:Person} has accepted the invitation")
def step_has_accepted(context, person):
    world = context.world
    world.expect(world.accept_invitation(person, world.in_play.name), 201, "accept")


@when("{person:Person} uses {invitee:Person}'s invitation link")
def step_uses_link_of(context, person, invitee):
    context.world.accept_invitation(invitee, context.world.in_play.name, as_person=person)


@step('{time} pass on the clock of "{campaign:Text}"')
def step_time_passes(context, time, campaign):
    world = context.world
    owner = world.person(world.campaign(campaign).owner)
    assert_ok(world.client.advance_clock(owner.token, world.campaign(campaign).campaign_id,
                                         seconds_in(time)))


@then('{person:Person} has the {role} role on "{campaign:Text}"')
def step_is_role(context, person, role, campaign):
    world = context.world
    members = world.db.members(world.campaign(campaign).campaign_id)
    roles = {m["email"]: m["role"] for m in members}
    assert roles.get(world.person(person).email) == role, f"{person} is not a {role}: {roles}"
    account = world.db.user(world.person(person).email)
    assert account["verified"], "an invitee's address is proven by the emailed link"


@then("the invitation is sent")
def step_invitation_sent(context):
    assert_ok(context.world.last, 201)


@then('{person:Person} {receives:Receives} invitation to "{campaign:Text}"')
def step_receives_invitation(context, person, receives, campaign):
    world = context.world
    pending = world.db.invitations(world.campaign(campaign).campaign_id, world.person(person).email)
    if receives:
        assert len(world.wait_for_email(person, "invitation")) == 1
        assert len(pending) == 1, pending
    else:
        assert world.emails_to(person, "invitation") == [], "an invitation email went out"
        assert pending == [], "an invitation was recorded"


@then('"{campaign:Text}" has one {role}, {person:Person}')
def step_has_one(context, campaign, role, person):
    world = context.world
    members = world.db.members(world.campaign(campaign).campaign_id)
    holders = [m["email"] for m in members if m["role"] == role]
    assert holders == [world.person(person).email], holders


# -- what a role may do: each check does it for real, and a refusal must change nothing -------
def _session(context, person: str) -> str:
    world = context.world
    if not world.person(person).token:
        world.expect(world.log_in(person), 200, "log in")
    return world.person(person).token


def _check_ability(response, can: bool, status: int = 200) -> None:
    if can:
        assert_ok(response, status)
    else:
        assert_refused(response, FORBIDDEN)


@then('{person:Person} {can:Ability} see the team of "{campaign:Text}"')
def step_can_see_team(context, person, can, campaign):
    world = context.world
    response = world.client.members(_session(context, person), world.campaign(campaign).campaign_id)
    _check_ability(response, can)
    if can:
        listed = {m["email"] for m in response.json()["members"]}
        assert world.person(person).email in listed, listed


@then('{person:Person} {can:Ability} invite a teammate to "{campaign:Text}"')
def step_can_invite(context, person, can, campaign):
    world = context.world
    newcomer = f"Newcomer of {person}"
    _check_ability(world.client.invite(_session(context, person),
                                       world.campaign(campaign).campaign_id,
                                       world.person(newcomer).email, "finance"), can, 201)
    step_receives_invitation(context, newcomer, can, campaign)


@then('{person:Person} {can:Ability} change the details of "{campaign:Text}"')
def step_can_edit(context, person, can, campaign):
    world = context.world
    office = f"U.S. Senate (special election, changed by {person})"
    _check_ability(world.client.edit_campaign(_session(context, person),
                                              world.campaign(campaign).campaign_id,
                                              office=office), can)
    recorded = world.db.campaign(world.campaign(campaign).slug)
    assert (recorded["office"] == office) is can, f"office is {recorded['office']!r}"


@then('{person:Person} {can:Ability} name the compliance contact of "{campaign:Text}"')
def step_can_name_contact(context, person, can, campaign):
    world = context.world
    contact = world.person(f"Compliance contact of {person}")
    _check_ability(world.client.set_compliance_contact(
        _session(context, person), world.campaign(campaign).campaign_id,
        contact.full_name, contact.email), can)
    recorded = world.db.campaign(world.campaign(campaign).slug)
    assert (recorded["compliance_contact_email"] == contact.email) is can, recorded


# -- removing a teammate, or moving them to another role (O12) --------------------------------
def _removal(context, person: str, member: str, campaign: str):
    world = context.world
    return world.client.remove_member(_session(context, person), world.campaign(campaign).campaign_id,
                                      world.person(member).user_id)


def _move(context, person: str, member: str, role: str, campaign: str):
    world = context.world
    return world.client.change_role(_session(context, person), world.campaign(campaign).campaign_id,
                                    world.person(member).user_id, role)


@when('{person:Person} tries to remove {member:Person} from the team of "{campaign:Text}"')
def step_tries_to_remove(context, person, member, campaign):
    context.world.remember(_removal(context, person, member, campaign))


@given('{person:Person} has removed {member:Person} from the team of "{campaign:Text}"')
def step_has_removed(context, person, member, campaign):
    context.world.expect(_removal(context, person, member, campaign), 204, "remove")


@given("{person:Person} has closed their account")
def step_has_closed_account(context, person):
    world = context.world
    world.expect(world.client.close_account(_session(context, person)), 204, "close the account")


@when("{person:Person} closes their account")
@when("{person:Person} tries to close their account")
def step_closes_account(context, person):
    context.world.remember(context.world.client.close_account(_session(context, person)))


@then("{person:Person}'s account is closed and they can no longer log in")
def step_account_closed(context, person):
    world = context.world
    answer = world.last
    assert answer.status_code == 204, f"the closing was answered {answer.status_code}: {answer.text[:300]}"
    assert world.db.user(world.person(person).email)["closed"], f"{person}'s account is still open"
    assert_refused(world.log_in(person), WRONG_CREDENTIALS)


@when('{person:Person} tries to make {member:Person} a {role} on "{campaign:Text}"')
def step_tries_to_move(context, person, member, role, campaign):
    context.world.remember(_move(context, person, member, role, campaign))


@given('{person:Person} has made {member:Person} a {role} on "{campaign:Text}"')
@when('{person:Person} makes {member:Person} a {role} on "{campaign:Text}"')
def step_moves(context, person, member, role, campaign):
    answer = context.world.expect(_move(context, person, member, role, campaign), 200, "change the role")
    assert answer.json()["role"] == role, answer.json()


@then("{person:Person} leaves the team")
def step_leaves(context, person):
    answer = context.world.last
    assert answer.status_code == 204, f"the removal was answered {answer.status_code}: {answer.text[:300]}"


@then("{person:Person}'s role is changed")
def step_role_changed(context, person):
    assert_ok(context.world.last, 200)


@then('{person:Person} is told "{message:Text}"')
def step_told(context, person, message):
    """A refusal of a role: 403 forbidden, with the message a person reads."""
    answer = context.world.last
    assert_refused(answer, FORBIDDEN)
    told = answer.json()["error"]["message"]
    assert told == message, f"{person} is told {told!r}"


@then('the refusal reads "{message:Text}"')
def step_refusal_reads(context, message):
    """The human message of the refusal the previous step checked (its status and code)."""
    told = context.world.last.json()["error"]["message"]
    assert told == message, f"the refusal reads {told!r}"


def _on_team(context, member: str, campaign: str) -> bool:
    world = context.world
    emails = {m["email"] for m in world.db.members(world.campaign(campaign).campaign_id)}
    return world.person(member).email in emails


@then('{member:Person} is still on the team of "{campaign:Text}"')
def step_still_on_team(context, member, campaign):
    assert _on_team(context, member, campaign), f"{member} is no longer on the team"


@then('{member:Person} is no longer on the team of "{campaign:Text}"')
def step_off_team(context, member, campaign):
    assert not _on_team(context, member, campaign), f"{member} is still on the team"
