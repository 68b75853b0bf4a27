"""The role -> permission matrix, the grant rule and the removal rule of the reference platform."""

import pytest

from campaign_platform.domain import permissions
from campaign_platform.domain.permissions import GRANTS, PERMISSIONS, PHRASES, ROLES, can, may_grant, refusal

ALL = set(ROLES)
LEADS = {"owner", "manager"}
MONEY = {"owner", "treasurer", "finance"}  # issue 13: the treasurer holds the finance permissions

# The matrix as the onboarding brief states it, written out independently of the module.
EXPECTED = {
    "view_campaign": ALL,
    "view_team": ALL,
    "invite_members": LEADS | {"treasurer"},  # the treasurer invites finance members (GRANTS)
    "manage_team": LEADS | {"treasurer"},  # O12: remove or move teammates (REMOVES)
    "edit_campaign": LEADS,
    "manage_compliance": LEADS,
    "view_donations": MONEY | {"manager"},
    "manage_donations": MONEY,
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
    assert permissions.PEOPLE_ONLY == {"invite_members", "manage_team", "manage_api_keys", "delete_campaign",
                                       "review_replies"}
    assert not permissions.may_grant_key("owner", "owner")
    assert permissions.may_grant_key("owner", "manager")
    assert not permissions.may_grant_key("manager", "owner")
    assert permissions.key_refusal("manage_api_keys") == "An API key cannot manage API keys."


def test_the_six_roles_in_order_of_authority():
    assert ROLES == ("owner", "manager", "treasurer", "finance", "caller", "viewer")


def test_matrix_matches_the_brief():
    assert {name: set(roles) for name, roles in PERMISSIONS.items()} == EXPECTED


def test_every_matrix_row_has_a_cell_for_every_role():
    for row in permissions._MATRIX:
        assert len(row) == 1 + len(ROLES) + 1, row[0]
        assert all(isinstance(cell, bool) for cell in row[1:-1]), row[0]
    assert set(permissions._COLUMNS) == ALL


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
    assert refusal("treasurer", "place_calls") == "A treasurer cannot place calls."


def test_grant_rule_covers_every_role():
    assert set(GRANTS) == ALL


@pytest.mark.parametrize("granted", ROLES)
def test_an_owner_may_grant_every_role(granted):
    assert may_grant("owner", granted)


@pytest.mark.parametrize("granted", ["manager", "finance", "caller", "viewer"])
def test_a_manager_may_grant_every_role_but_owner_and_treasurer(granted):
    assert may_grant("manager", granted)


@pytest.mark.parametrize("granted", ["owner", "treasurer"])
def test_only_an_owner_may_grant_owner_or_treasurer(granted):
    assert [role for role in ROLES if may_grant(role, granted)] == ["owner"]


def test_the_treasurer_grants_the_finance_role_only():
    assert [granted for granted in ROLES if may_grant("treasurer", granted)] == ["finance"]


@pytest.mark.parametrize("role", ["finance", "caller", "viewer"])
def test_other_roles_may_grant_nothing(role):
    assert not any(may_grant(role, granted) for granted in ROLES)


def test_whoever_may_grant_a_role_may_invite():
    for role, grantable in GRANTS.items():
        assert bool(grantable) is can(role, "invite_members"), role


def test_nobody_grants_an_unknown_role():
    assert not may_grant("owner", "admin")
    assert not may_grant("intern", "viewer")


# O12, written out independently of the module: remover -> the roles of whom they may remove.
EXPECTED_REMOVALS = {
    "owner": ALL,
    "manager": {"manager", "finance", "caller", "viewer"},
    "treasurer": {"finance"},
    "finance": set(),
    "caller": set(),
    "viewer": set(),
}


@pytest.mark.parametrize("removed", ROLES)
@pytest.mark.parametrize("remover", ROLES)
def test_may_remove_follows_the_removal_table(remover, removed):
    assert permissions.may_remove(remover, removed) is (removed in EXPECTED_REMOVALS[remover])


def test_whoever_may_remove_someone_holds_manage_team():
    for role, removable in permissions.REMOVES.items():
        assert bool(removable) is can(role, "manage_team"), role


def test_nobody_removes_for_an_unknown_role():
    assert not permissions.may_remove("intern", "viewer")
    assert not permissions.may_remove("owner", "admin")


def test_removal_and_change_refusals_name_both_roles():
    assert permissions.removal_refusal("manager", "owner") == "A manager cannot remove an owner."
    assert permissions.removal_refusal("manager", "treasurer") == "A manager cannot remove a treasurer."
    assert permissions.removal_refusal("treasurer", "caller") == "A treasurer cannot remove a caller."
    assert permissions.change_refusal("manager", "treasurer") == "A manager cannot change the role of a treasurer."


def test_grant_refusal_says_what_is_refused():
    assert permissions.grant_refusal("viewer", "viewer") == "A viewer cannot invite teammates."
    assert permissions.grant_refusal("treasurer", "caller") == "A treasurer cannot grant the caller role."
