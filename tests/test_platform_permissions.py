"""The role -> permission matrix and the grant rule of the reference platform."""

import pytest

from campaign_platform.domain import permissions
from campaign_platform.domain.permissions import GRANTS, PERMISSIONS, PHRASES, ROLES, can, may_grant, refusal

ALL = set(ROLES)
LEADS = {"owner", "manager"}

# The matrix as the onboarding brief states it, written out independently of the module.
EXPECTED = {
    "view_campaign": ALL,
    "view_team": ALL,
    "invite_members": LEADS,
    "edit_campaign": LEADS,
    "manage_compliance": LEADS,
    "view_donations": {"owner", "manager", "finance"},
    "manage_donations": {"owner", "finance"},
    "manage_contacts": LEADS,
    "place_calls": {"owner", "manager", "caller"},
    "manage_caller_ids": LEADS,
    # issue 5 (API.md, Isolation)
    "view_contacts": {"owner", "manager", "caller"},
    "manage_api_keys": LEADS,
    "delete_campaign": {"owner"},
    # issue 11: replies the platform cannot classify are read by the campaign's leads (A5.1)
    "review_replies": LEADS,
}


def test_api_keys_never_manage_keys_invite_or_delete_and_are_never_owners():
    assert permissions.PEOPLE_ONLY == {"invite_members", "manage_api_keys", "delete_campaign", "review_replies"}
    assert not permissions.may_grant_key("owner", "owner")
    assert permissions.may_grant_key("owner", "manager")
    assert not permissions.may_grant_key("manager", "owner")
    assert permissions.key_refusal("manage_api_keys") == "An API key cannot manage API keys."


def test_the_five_roles_in_order_of_authority():
    assert ROLES == ("owner", "manager", "finance", "caller", "viewer")


def test_matrix_matches_the_brief():
    assert {name: set(roles) for name, roles in PERMISSIONS.items()} == EXPECTED


def test_every_matrix_row_has_a_cell_for_every_role():
    for row in permissions._MATRIX:
        assert len(row) == 1 + len(ROLES) + 1, row[0]
        assert all(isinstance(cell, bool) for cell in row[1:-1]), row[0]


def test_every_permission_has_a_phrase_for_refusals():
    assert set(PHRASES) == set(PERMISSIONS)
    assert all(phrase and not phrase.endswith(".") for phrase in PHRASES.values())


@pytest.mark.parametrize("permission", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_can_follows_the_matrix(role, permission):
    assert can(role, permission) is (role in EXPECTED[permission])


def test_an_unknown_role_can_do_nothing():
    assert not any(can("intern", permission) for permission in PERMISSIONS)


def test_an_unknown_permission_is_a_programming_error():
    with pytest.raises(KeyError):
        can("owner", "launch_rockets")


def test_refusal_names_the_role_and_the_action():
    assert refusal("viewer", "invite_members") == "A viewer cannot invite teammates."
    assert refusal("owner", "view_campaign") == "An owner cannot view this campaign."
    assert refusal("finance", "place_calls") == "A finance member cannot place calls."


def test_grant_rule_covers_every_role():
    assert set(GRANTS) == ALL


@pytest.mark.parametrize("granted", ROLES)
def test_an_owner_may_grant_every_role(granted):
    assert may_grant("owner", granted)


@pytest.mark.parametrize("granted", ["manager", "finance", "caller", "viewer"])
def test_a_manager_may_grant_every_role_but_owner(granted):
    assert may_grant("manager", granted)


def test_only_an_owner_may_grant_owner():
    assert [role for role in ROLES if may_grant(role, "owner")] == ["owner"]


@pytest.mark.parametrize("role", ["finance", "caller", "viewer"])
def test_other_roles_may_grant_nothing(role):
    assert not any(may_grant(role, granted) for granted in ROLES)


def test_whoever_may_grant_a_role_may_invite():
    for role, grantable in GRANTS.items():
        assert bool(grantable) is can(role, "invite_members"), role


def test_nobody_grants_an_unknown_role():
    assert not may_grant("owner", "admin")
    assert not may_grant("intern", "viewer")


def test_whom_one_may_remove_follows_the_grant_rule():
    assert permissions.removal_refusal("manager", "owner") == "A manager cannot remove an owner."
    assert permissions.removal_refusal("manager", "viewer") == "A manager cannot remove a viewer."
