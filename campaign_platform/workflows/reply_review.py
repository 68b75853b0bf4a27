"""Replies a person reads (A5.1): the review queue of a campaign, and resolving one.

A reply the platform cannot classify with confidence ("not interested", "wrong number", "?!")
is kept with keyword 'review' (workflows.carrier_reports). A person of the campaign lists them and
resolves each once: as an opt-out, which opts the number out at once exactly as a STOP does (the
organization's do-not-call entry, consent revoked, texting stopped, one confirmation text: A3.5,
A5.1, A5.5), or as not an opt-out. Who resolved it and when (the campaign's clock) are kept; a
second resolution is refused (409 `reply_already_resolved`) and changes nothing.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from psycopg.rows import DictRow

from campaign_platform.errors import ApiError
from campaign_platform.services import Services
from campaign_platform.store import clocks, db, dialing
from campaign_platform.workflows import carrier_reports

OPT_OUT, NOT_OPT_OUT = "opt_out", "not_opt_out"
STATUSES = ("pending", "resolved", "all")


async def list_replies(services: Services, campaign_id: UUID, status: str) -> list[dict[str, Any]]:
    async with db.transaction(services.pool, campaign_id) as conn:
        rows = await dialing.list_reviews(conn, campaign_id, status)
    return [reply_view(row) for row in rows]


async def resolve(
    services: Services, campaign_id: UUID, reply_id: UUID, user_id: UUID, resolution: str
) -> dict[str, Any]:
    confirmation = None
    async with db.transaction(services.pool, campaign_id) as conn:
        reply = await dialing.lock_review(conn, campaign_id, reply_id)
        if reply is None:
            raise ApiError(404, "not_found", "No such reply waiting for review in this campaign.")
        if reply["resolution"] is not None:
            raise already_resolved(reply)
        now = await clocks.campaign_now(conn, campaign_id, services.settings.test_mode)
        await dialing.resolve_review(conn, reply_id, resolution, user_id, now)
        if resolution == OPT_OUT:  # the same path as a STOP (A5.1)
            name = await carrier_reports.organization_name(conn, reply["organization_id"])
            confirmation = await carrier_reports.opt_out_number(
                conn, services, reply["organization_id"], campaign_id, name, reply["from_e164"],
                sender=reply["to_e164"], source="text_reply", event_id=reply["event_id"],
            )  # fmt: skip
        resolved = await dialing.lock_review(conn, campaign_id, reply_id)
    if confirmation is not None:
        await carrier_reports.send_confirmation(services, services.carrier, confirmation)
    return reply_view(resolved)


def already_resolved(reply: DictRow) -> ApiError:
    return ApiError(
        409, "reply_already_resolved",
        f"This reply was already resolved as {reply['resolution'].replace('_', ' ')} by "
        f"{reply['resolved_by_name']} at {reply['resolved_at'].isoformat()}.",
    )  # fmt: skip


def reply_view(row: DictRow) -> dict[str, Any]:
    resolved = row["resolution"] is not None
    return {
        "reply_id": row["reply_id"],
        "from": row["from_e164"],
        "contact_id": row["contact_id"],
        "body": row["body"],
        "reason": row["reason"],
        "received_at": row["received_at"],
        "status": "resolved" if resolved else "pending",
        "resolution": row["resolution"],
        "resolved_by": {"user_id": row["resolved_by"], "name": row["resolved_by_name"]} if resolved else None,
        "resolved_at": row["resolved_at"],
    }
