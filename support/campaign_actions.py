"""What a member (or an API key) can try in a campaign, each as a real request and a real check.

"Erin tries to add a contact" sends a valid request as Erin; whether it happened is then read
from the platform's database, never from the step's own memory. A refusal is the contract's 403
``forbidden`` with a human message, and — checked by the steps with the campaign's fingerprint —
nothing written.

Each workflow registers its own actions (``Workflow.actions``, support/plugins.py); this module
looks them up, and gives them the common check ``exists``.
"""
from __future__ import annotations

from support.plugins import Action, merged

__all__ = ["Action", "action", "actions", "exists"]


def exists(sql: str):
    """The effect is a row: ``sql`` finds one, given the campaign (%(c)s) and the value (%(v)s)."""
    def check(db, campaign, value, response) -> bool:
        return bool(db.probe("effect", sql, {"c": campaign.campaign_id, "v": value}))
    return check


def actions() -> dict[str, Action]:
    """Every action of every registered workflow, by the words the features use."""
    return merged("actions")


def action(name: str) -> Action:
    known = actions()
    assert name in known, (f"no action is known as {name!r}; add it to its workflow's "
                           "WORKFLOW.actions (support/plugins.py)")
    return known[name]
