"""Offboarding and the organization's retained archive (I6, C15, A3.4, A3.6), without HTTP.

Deleting a campaign moves the records the law makes the committee keep (contributions and
compliance flags, do-not-call requests, consent and call records) into the organization's
archive and deletes every row of the campaign, in one transaction; then its cached state goes.
Its live channels are told by the caller (api/). Only the organization's owner reads the archive:
anyone else gets the answer of an organization that does not exist.
"""

from __future__ import annotations

from uuid import UUID

from campaign_platform.errors import ApiError
from campaign_platform.services import Services
from campaign_platform.store import archive, cache, clocks, db, onboarding
from campaign_platform.workflows import hook_endpoints


def organization_not_found() -> ApiError:
    return ApiError(404, "not_found", "No such organization.")


async def delete_campaign(services: Services, campaign_id: UUID, deleted_by: UUID) -> None:
    async with db.transaction(services.pool, campaign_id) as conn:
        now = await clocks.campaign_now(conn, campaign_id, services.settings.test_mode)
        await onboarding.offboard(conn, deleted_by, now)
    hook_endpoints.forget(services, campaign_id)
    await cache.forget_campaign(services.redis, campaign_id)


async def export_archive(services: Services, organization_id: UUID, user_id: UUID) -> dict:
    """The whole archive of the organization, for its owner; 404 for anyone else."""
    async with db.transaction(services.pool, None, user_id) as conn:
        if not await onboarding.owns_organization(conn, organization_id, user_id):
            raise organization_not_found()
        campaigns = await archive.archived_campaigns(conn, organization_id)
        records = await archive.archived_records(conn, organization_id)
    by_campaign: dict[UUID, list[dict]] = {row["campaign_id"]: [] for row in campaigns}
    for row in records:
        by_campaign[row["campaign_id"]].append({
            "record_class": row["record_class"], "rule": row["rule"], "source": row["source"],
            "record_id": row["record_id"], "recorded_at": row["recorded_at"],
            "retain_until": row["retain_until"], "record": row["record"],
        })
    return {
        "organization_id": organization_id,
        "campaigns": [{
            "campaign_id": row["campaign_id"], "name": row["name"], "office": row["office"],
            "state": row["state"], "election_date": row["election_date"], "deleted_at": row["deleted_at"],
            "deleted_by": {"user_id": row["deleted_by"], "full_name": row["deleted_by_name"]},
            "records": by_campaign[row["campaign_id"]],
        } for row in campaigns],
    }
