"""The campaign's ready-to-dial checklist: items as data, each a check over plain facts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CampaignFacts:
    has_compliance_contact: bool
    has_verified_caller_id: bool


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    done: Callable[[CampaignFacts], bool]


CHECKLIST = (
    ChecklistItem("compliance_contact", "Compliance contact", lambda f: f.has_compliance_contact),
    # A6.7: calls go out only from a verified number owned by the campaign.
    ChecklistItem("verified_caller_id", "Verified caller ID", lambda f: f.has_verified_caller_id),
)


def evaluate(facts: CampaignFacts) -> dict:
    items = [{"key": item.key, "label": item.label, "done": item.done(facts)} for item in CHECKLIST]
    return {"ready_to_dial": all(item["done"] for item in items), "items": items}
