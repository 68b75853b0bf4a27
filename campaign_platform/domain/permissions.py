"""Who may do what in a campaign: the role -> permission matrix, the grant rule and the removal
rule, as data (I2, O6, O12)."""

from __future__ import annotations

ROLES = ("owner", "manager", "treasurer", "finance", "caller", "viewer")

_ROLE_NOUNS = {
    "owner": "An owner",
    "manager": "A manager",
    "treasurer": "A treasurer",
    "finance": "A finance member",
    "caller": "A caller",
    "viewer": "A viewer",
}

Y, N = True, False

# fmt: off
# The treasurer (52 U.S.C. 30102(a): every committee has one; 30102(b)-(d) and (i): the treasurer
# keeps the accounts and the records and answers for the reports) holds the money side of the
# campaign: the finance team's permissions, plus building that team (inviting and removing finance
# members: GRANTS and REMOVES below). Platform policy: no dialing, no contacts, no API keys, no
# campaign details. The treasurer's column comes last, after the five roles the platform began with.
_COLUMNS = ("owner", "manager", "finance", "caller", "viewer", "treasurer")
#  permission           owner manager finance caller viewer treasurer  what it lets you do (refusals)
_MATRIX = (
    ("view_campaign",     Y,    Y,      Y,      Y,     Y,     Y,    "view this campaign"),
    ("view_team",         Y,    Y,      Y,      Y,     Y,     Y,    "see the team"),
    ("invite_members",    Y,    Y,      N,      N,     N,     Y,    "invite teammates"),
    ("manage_team",       Y,    Y,      N,      N,     N,     Y,    "remove or move teammates"),  # O12
    ("edit_campaign",     Y,    Y,      N,      N,     N,     N,    "edit the campaign"),
    ("manage_compliance", Y,    Y,      N,      N,     N,     N,    "manage compliance settings"),
    ("view_donations",    Y,    Y,      Y,      N,     N,     Y,    "view donations"),
    ("manage_donations",  Y,    N,      Y,      N,     N,     Y,    "manage donation settings"),
    ("manage_contacts",   Y,    Y,      N,      N,     N,     N,    "manage contacts"),
    ("place_calls",       Y,    Y,      N,      Y,     N,     N,    "place calls"),
    ("manage_caller_ids", Y,    Y,      N,      N,     N,     N,    "manage caller IDs"),
    ("view_contacts",     Y,    Y,      N,      Y,     N,     N,    "search contacts"),
    ("manage_api_keys",   Y,    Y,      N,      N,     N,     N,    "manage API keys"),
    ("review_replies",    Y,    Y,      N,      N,     N,     N,    "review replies to texts"),  # A5.1
    ("delete_campaign",   Y,    N,      N,      N,     N,     N,    "delete the campaign"),
)
# fmt: on

PERMISSIONS: dict[str, frozenset[str]] = {
    row[0]: frozenset(role for role, allowed in zip(_COLUMNS, row[1:-1], strict=True) if allowed)
    for row in _MATRIX
}
PHRASES: dict[str, str] = {row[0]: row[-1] for row in _MATRIX}

# What only people may do, whatever an API key's role: keys are for integrations.
# A reply's resolution records the person who made it (A5.1).
PEOPLE_ONLY = frozenset({"invite_members", "manage_team", "manage_api_keys", "delete_campaign",
                         "review_replies"})

# Which roles an invitation (or a role change) from each role may grant (O6). Only an owner makes
# an owner or a treasurer: the committee designates its treasurer.
GRANTS: dict[str, frozenset[str]] = {
    "owner": frozenset(ROLES),
    "manager": frozenset({"manager", "finance", "caller", "viewer"}),
    "treasurer": frozenset({"finance"}),
    "finance": frozenset(),
    "caller": frozenset(),
    "viewer": frozenset(),
}

# Whom each role may remove from the team, or move to another role, by the role the teammate
# holds (O12). An owner removes anyone, another owner too, as long as the campaign keeps an owner
# (the last owner stays, themself included: workflows/team.py); a manager removes managers,
# finance members, callers and viewers, never an owner or the treasurer; the treasurer removes
# finance members only; the others remove nobody (they lack manage_team).
# fmt: off
#  remover      the teammate's role: owner manager finance caller viewer treasurer
_REMOVALS = (
    ("owner",                           Y,    Y,      Y,      Y,     Y,     Y),
    ("manager",                         N,    Y,      Y,      Y,     Y,     N),
    ("treasurer",                       N,    N,      Y,      N,     N,     N),
    ("finance",                         N,    N,      N,      N,     N,     N),
    ("caller",                          N,    N,      N,      N,     N,     N),
    ("viewer",                          N,    N,      N,      N,     N,     N),
)
# fmt: on
REMOVES: dict[str, frozenset[str]] = {
    row[0]: frozenset(role for role, allowed in zip(_COLUMNS, row[1:], strict=True) if allowed)
    for row in _REMOVALS
}


def can(role: str, permission: str) -> bool:
    return role in PERMISSIONS[permission]


def may_grant(role: str, granted_role: str) -> bool:
    return granted_role in GRANTS.get(role, frozenset())


def refusal(role: str, permission: str) -> str:
    """'A viewer cannot invite teammates.'"""
    return f"{_ROLE_NOUNS[role]} cannot {PHRASES[permission]}."


def key_refusal(permission: str) -> str:
    """'An API key cannot manage API keys.'"""
    return f"An API key cannot {PHRASES[permission]}."


def may_grant_key(role: str, granted_role: str) -> bool:
    """An API key's role: what the creator may grant, and never owner."""
    return granted_role != "owner" and may_grant(role, granted_role)


def may_remove(role: str, removed_role: str) -> bool:
    """O12: whether someone with `role` may remove (or move) a teammate who holds `removed_role`."""
    return removed_role in REMOVES.get(role, frozenset())


def removal_refusal(role: str, removed_role: str) -> str:
    """'A manager cannot remove an owner.'"""
    return f"{_ROLE_NOUNS[role]} cannot remove {_ROLE_NOUNS[removed_role].lower()}."


def change_refusal(role: str, changed_role: str) -> str:
    """'A manager cannot change the role of the treasurer.'"""
    return f"{_ROLE_NOUNS[role]} cannot change the role of {_ROLE_NOUNS[changed_role].lower()}."


def grant_refusal(role: str, granted_role: str) -> str:
    if not GRANTS.get(role):
        return f"{_ROLE_NOUNS[role]} cannot invite teammates."
    return f"{_ROLE_NOUNS[role]} cannot grant the {granted_role} role."
