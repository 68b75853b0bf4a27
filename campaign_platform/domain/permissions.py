"""Who may do what in a campaign: the role -> permission matrix and the grant rule, as data."""

from __future__ import annotations

ROLES = ("owner", "manager", "finance", "caller", "viewer")

_ROLE_NOUNS = {
    "owner": "An owner",
    "manager": "A manager",
    "finance": "A finance member",
    "caller": "A caller",
    "viewer": "A viewer",
}

Y, N = True, False

# fmt: off
#  permission           owner manager finance caller viewer  what it lets you do (used in refusals)
_MATRIX = (
    ("view_campaign",     Y,    Y,      Y,      Y,     Y,    "view this campaign"),
    ("view_team",         Y,    Y,      Y,      Y,     Y,    "see the team"),
    ("invite_members",    Y,    Y,      N,      N,     N,    "invite teammates"),
    ("edit_campaign",     Y,    Y,      N,      N,     N,    "edit the campaign"),
    ("manage_compliance", Y,    Y,      N,      N,     N,    "manage compliance settings"),
    ("view_donations",    Y,    Y,      Y,      N,     N,    "view donations"),
    ("manage_donations",  Y,    N,      Y,      N,     N,    "manage donation settings"),
    ("manage_contacts",   Y,    Y,      N,      N,     N,    "manage contacts"),
    ("place_calls",       Y,    Y,      N,      Y,     N,    "place calls"),
    ("manage_caller_ids", Y,    Y,      N,      N,     N,    "manage caller IDs"),
    ("view_contacts",     Y,    Y,      N,      Y,     N,    "search contacts"),
    ("manage_api_keys",   Y,    Y,      N,      N,     N,    "manage API keys"),
    ("review_replies",    Y,    Y,      N,      N,     N,    "review replies to texts"),  # A5.1
    ("delete_campaign",   Y,    N,      N,      N,     N,    "delete the campaign"),
)
# fmt: on

PERMISSIONS: dict[str, frozenset[str]] = {
    row[0]: frozenset(role for role, allowed in zip(ROLES, row[1:-1], strict=True) if allowed)
    for row in _MATRIX
}
PHRASES: dict[str, str] = {row[0]: row[-1] for row in _MATRIX}

# What only people may do, whatever an API key's role: keys are for integrations.
# A reply's resolution records the person who made it (A5.1).
PEOPLE_ONLY = frozenset({"invite_members", "manage_api_keys", "delete_campaign", "review_replies"})

# Which roles an invitation from each role may grant.
GRANTS: dict[str, frozenset[str]] = {
    "owner": frozenset(ROLES),
    "manager": frozenset({"manager", "finance", "caller", "viewer"}),
    "finance": frozenset(),
    "caller": frozenset(),
    "viewer": frozenset(),
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


def removal_refusal(role: str, removed_role: str) -> str:
    """'A manager cannot remove an owner.' (whom one may remove follows the grant rule)"""
    article = "an" if removed_role[0] in "aeiou" else "a"
    return f"{_ROLE_NOUNS[role]} cannot remove {article} {removed_role}."


def grant_refusal(role: str, granted_role: str) -> str:
    if not GRANTS.get(role):
        return f"{_ROLE_NOUNS[role]} cannot invite teammates."
    return f"{_ROLE_NOUNS[role]} cannot grant the {granted_role} role."
