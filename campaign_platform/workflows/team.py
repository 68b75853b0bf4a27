"""The team: removing a teammate and changing a teammate's role (the use cases behind
`DELETE` and `PUT /v1/campaigns/{id}/members/{user_id}`), without HTTP.

Whom one may remove or move is the removal rule (O12, domain/permissions.REMOVES); the role one
gives is the grant rule (O6, GRANTS); the campaign keeps at least one owner. The campaign's owners
are locked first, so two owners removing or demoting each other cannot leave it with none. A
refusal writes nothing (the transaction rolls back). The route then tells the live channels.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from campaign_platform.domain import permissions
from campaign_platform.errors import ApiError, invalid
from campaign_platform.services import Services
from campaign_platform.store import db, onboarding


@dataclass(frozen=True)
class Change:
    """`actor_role` asks that the member `target` (None: a malformed id) leave the team
    (`new_role` None) or hold `new_role`."""

    campaign_id: UUID
    actor_role: str
    target: UUID | None
    new_role: str | None = None


def _not_a_member() -> ApiError:
    return ApiError(404, "not_found", "No such member of this campaign.")


async def _keep_an_owner(conn, campaign_id: UUID, role: str) -> None:
    """After an owner left or was moved: refuse (and roll back) if no owner is left."""
    if role == "owner" and await onboarding.count_owners(conn, campaign_id) == 0:
        raise ApiError(409, "last_owner", "A campaign keeps at least one owner; make someone else owner first.")


async def remove(services: Services, change: Change) -> None:
    async with db.transaction(services.pool, change.campaign_id) as conn:
        role = await onboarding.remove_membership(conn, change.campaign_id, change.target) if change.target else None
        if role is None:
            raise _not_a_member()
        if not permissions.may_remove(change.actor_role, role):
            raise ApiError(403, "forbidden", permissions.removal_refusal(change.actor_role, role))
        await _keep_an_owner(conn, change.campaign_id, role)


async def change_role(services: Services, change: Change) -> str:
    """The role the member held before."""
    assert change.new_role is not None
    async with db.transaction(services.pool, change.campaign_id) as conn:
        role = await onboarding.change_membership_role(conn, change.campaign_id, change.target, change.new_role) \
            if change.target else None
        if role is None:
            raise _not_a_member()
        if not permissions.may_remove(change.actor_role, role):
            raise ApiError(403, "forbidden", permissions.change_refusal(change.actor_role, role))
        if not permissions.may_grant(change.actor_role, change.new_role):
            raise invalid("role_not_grantable", permissions.grant_refusal(change.actor_role, change.new_role), "role")
        await _keep_an_owner(conn, change.campaign_id, role)
    return role


async def close_account(services: Services, user_id: UUID) -> list[UUID]:
    """O11: a person closes their own account, all or nothing: they leave every team (each
    campaign keeps an owner: else 409 `last_owner`, nothing written) and the account is marked
    closed. The person who signed an organization up answers for its archive and cannot close
    (409 `organization_owner`). Returns the campaigns they left (their live channels to close)."""
    async with db.transaction(services.pool, user_id=user_id) as conn:
        if await onboarding.owns_an_organization(conn, user_id):
            raise ApiError(409, "organization_owner",
                           "You signed up an organization and answer for its archive; your account stays open.")
        left = [row["campaign_id"] for row in await onboarding.list_user_campaigns(conn, user_id)]
        for campaign_id in left:
            await db.act_for(conn, campaign_id, user_id)
            role = await onboarding.remove_membership(conn, campaign_id, user_id)
            await _keep_an_owner(conn, campaign_id, role or "")
        await db.act_for(conn, None, user_id)
        await onboarding.close_user(conn, user_id, datetime.now(UTC))
    return left
