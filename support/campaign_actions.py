"""What a member (or an API key) can try in a campaign, each as a real request and a real check.

"Erin tries to add a contact" sends a valid request as Erin; whether it happened is then read
from the platform's database, never from the step's own memory. A refusal is the contract's 403
``forbidden`` with a human message, and — checked by the steps with the campaign's fingerprint —
nothing written.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Callable

from support.dialing import random_number


@dataclass(frozen=True)
class Action:
    ok: int  # the status of success
    perform: Callable  # (client, token, rival, value) -> response
    happened: Callable  # (db, rival, value, response) -> bool: the effect is in the platform
    value: Callable[[], str] = lambda: secrets.token_hex(4)  # what makes this attempt unique


def _campaign(rival) -> str:
    return rival.campaign_id


def _contributions_shown(db, rival, value, response) -> bool:
    shown = {c["lineitem_id"] for c in response.json()["contributions"]}
    recorded = db.probe("contributions", "SELECT lineitem_id FROM contributions "
                        "WHERE campaign_id = %(c)s", {"c": rival.campaign_id})
    return bool(shown) and shown == {r["lineitem_id"] for r in recorded}


def _contact_found(db, rival, value, response) -> bool:
    return rival.ids["contact_id"] in {c["contact_id"] for c in response.json()["contacts"]}


def _exists(sql: str):
    def check(db, rival, value, response) -> bool:
        return bool(db.probe("effect", sql, {"c": rival.campaign_id, "v": value}))
    return check


ACTIONS: dict[str, Action] = {
    "see the contributions": Action(
        200, lambda client, token, rival, v: client.contributions(token, _campaign(rival)),
        _contributions_shown),
    "search the contacts": Action(
        200, lambda client, token, rival, v: client.search_contacts(token, _campaign(rival), q="Sam"),
        _contact_found),
    "add a contact": Action(
        201, lambda client, token, rival, v: client.create_contact(
            token, _campaign(rival), {"name": "Quinn Contact", "phone": v, "line_type": "landline",
                                      "state": "OH"}),
        _exists("SELECT 1 FROM contacts WHERE campaign_id = %(c)s AND e164 = %(v)s"),
        lambda: random_number("614")),
    "put a number on the do-not-call list": Action(
        201, lambda client, token, rival, v: client.add_do_not_call(token, _campaign(rival), v,
                                                                    "campaign"),
        _exists("SELECT 1 FROM do_not_call WHERE campaign_id = %(c)s AND e164 = %(v)s"),
        lambda: random_number("614")),
    "add a caller ID": Action(
        201, lambda client, token, rival, v: client.add_caller_id(token, _campaign(rival), v),
        _exists("SELECT 1 FROM caller_ids WHERE campaign_id = %(c)s AND e164 = %(v)s"),
        lambda: random_number("614")),
    "change the campaign's details": Action(
        200, lambda client, token, rival, v: client.edit_campaign(token, _campaign(rival),
                                                                  office=f"Governor {v}"),
        _exists("SELECT 1 FROM campaigns WHERE id = %(c)s AND office = 'Governor ' || %(v)s")),
    "change the dial settings": Action(
        200, lambda client, token, rival, v: client.set_dial_settings(
            token, _campaign(rival), max_concurrent_calls=int(v), calls_per_second=3),
        _exists("SELECT 1 FROM dial_settings WHERE campaign_id = %(c)s "
                "AND max_concurrent_calls = %(v)s::int"),
        lambda: str(100 + secrets.randbelow(900))),
    "set the election dates": Action(
        200, lambda client, token, rival, v: client.set_elections(token, _campaign(rival), None, v),
        _exists("SELECT 1 FROM campaign_elections WHERE campaign_id = %(c)s "
                "AND general_on = %(v)s::date"),
        lambda: f"20{30 + secrets.randbelow(60)}-11-0{1 + secrets.randbelow(8)}"),
    "dial a contact": Action(
        201, lambda client, token, rival, v: client.dial(token, _campaign(rival),
                                                         rival.ids["contact_id"], "manual",
                                                         rival.ids["caller_id"]),
        lambda db, rival, v, response: bool(db.probe(
            "call", "SELECT 1 FROM calls WHERE campaign_id = %(c)s AND id = %(id)s",
            {"c": rival.campaign_id, "id": response.json()["call_id"]}))),
    "invite a teammate": Action(
        201, lambda client, token, rival, v: client.invite(token, _campaign(rival),
                                                           f"newcomer.{v}@example.test", "viewer"),
        _exists("SELECT 1 FROM invitations WHERE campaign_id = %(c)s "
                "AND email = 'newcomer.' || %(v)s || '@example.test'")),
    "create an API key": Action(
        201, lambda client, token, rival, v: client.create_api_key(token, _campaign(rival),
                                                                   f"Sync {v}", "viewer"),
        _exists("SELECT 1 FROM api_keys WHERE campaign_id = %(c)s AND name = 'Sync ' || %(v)s")),
    "revoke an API key": Action(
        204, lambda client, token, rival, v: client.revoke_api_key(token, _campaign(rival),
                                                                   rival.ids["api_key_id"]),
        lambda db, rival, v, response: bool(db.probe(
            "revoked key", "SELECT 1 FROM api_keys WHERE campaign_id = %(c)s AND id = %(id)s "
            "AND revoked_at IS NOT NULL", {"c": rival.campaign_id, "id": rival.ids["api_key_id"]}))),
    "delete the campaign": Action(
        204, lambda client, token, rival, v: client.delete_campaign(token, _campaign(rival)),
        lambda db, rival, v, response: not db.probe(
            "campaign", "SELECT 1 FROM campaigns WHERE id = %(c)s", {"c": rival.campaign_id})),
}


def action(name: str) -> Action:
    assert name in ACTIONS, f"no action is known as {name!r}; add it to support/campaign_actions.py"
    return ACTIONS[name]
