"""Campaign-scoped routes (membership and role checked on every one) and invitation acceptance
(the invitations' use cases: workflows.invitations)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, field_validator
from pydantic_core import PydanticCustomError

from campaign_platform.api import live
from campaign_platform.api.contract import refusals
from campaign_platform.api.deps import Member, ServicesDep, campaign_not_found, require
from campaign_platform.api.inputs import Email, IsoDate, JsonRoute, Name, Role, Token
from campaign_platform.domain import checklist
from campaign_platform.errors import invalid
from campaign_platform.store import clocks, db, onboarding
from campaign_platform.store.db import Connection
from campaign_platform.workflows import invitations, offboarding, team

router = APIRouter(route_class=JsonRoute, prefix="/v1", tags=["campaigns"])


MayViewCampaign = Annotated[Member, Depends(require("view_campaign"))]
MayEdit = Annotated[Member, Depends(require("edit_campaign"))]
MayDelete = Annotated[Member, Depends(require("delete_campaign"))]
MayViewTeam = Annotated[Member, Depends(require("view_team"))]
MayInvite = Annotated[Member, Depends(require("invite_members"))]
MayManageTeam = Annotated[Member, Depends(require("manage_team"))]
MayManageCompliance = Annotated[Member, Depends(require("manage_compliance"))]


class CampaignPatch(BaseModel):
    name: Name = None  # type: ignore[assignment]  # left out: kept; null is refused below
    office: Name = None  # type: ignore[assignment]
    election_date: IsoDate = None  # type: ignore[assignment]

    @field_validator("name", "office", "election_date", mode="before")
    @classmethod
    def _not_null(cls, value: object) -> object:
        # Leave a field out to keep it; null is not a value any of them can take.
        if value is None:
            raise PydanticCustomError("not_null", "Leave the field out instead of sending null.")
        return value


class InvitationIn(BaseModel):
    email: Email
    role: Role


class RoleIn(BaseModel):
    role: Role


class ComplianceContactIn(BaseModel):
    name: Name
    email: Email


class AcceptIn(BaseModel):
    token: Token
    full_name: Name
    password: str


def _campaign_view(row: dict) -> dict:
    contact = None
    if row["compliance_contact_name"] is not None:
        contact = {"name": row["compliance_contact_name"], "email": row["compliance_contact_email"]}
    return {
        "campaign_id": row["campaign_id"],
        "organization_id": row["organization_id"],
        "name": row["name"],
        "office": row["office"],
        "state": row["state"],
        "election_date": row["election_date"],
        "slug": row["slug"],
        "compliance_contact": contact,
    }


async def _load_campaign(conn: Connection, campaign_id: UUID) -> dict:
    row = await onboarding.get_campaign(conn, campaign_id)
    if row is None:
        raise campaign_not_found()
    return _campaign_view(row)


@router.get("/campaigns/{campaign_id}")
async def get_campaign(member: MayViewCampaign, services: ServicesDep) -> dict:
    async with db.transaction(services.pool, member.campaign_id) as conn:
        return await _load_campaign(conn, member.campaign_id)


@router.patch("/campaigns/{campaign_id}", responses=refusals({422: "election_date_in_past"}))
async def edit_campaign(
    body: CampaignPatch, member: MayEdit, services: ServicesDep
) -> dict:
    async with db.transaction(services.pool, member.campaign_id) as conn:
        if body.election_date is not None:
            now = await clocks.campaign_now(conn, member.campaign_id, services.settings.test_mode)
            if body.election_date < now.date():
                raise invalid("election_date_in_past", "The election date is in the past.", "election_date")
        await onboarding.update_campaign(conn, member.campaign_id, body.name, body.office, body.election_date)
        return await _load_campaign(conn, member.campaign_id)


@router.delete("/campaigns/{campaign_id}", status_code=204)
async def delete_campaign(
    member: MayDelete, services: ServicesDep
) -> Response:
    """Offboarding (API.md): the records the law keeps into the organization's archive and the
    campaign's rows gone, in one transaction; then its Redis keys; then its live channels told
    and closed."""
    await offboarding.delete_campaign(services, member.campaign_id, member.user_id)
    await live.announce(services.redis, member.campaign_id, {"type": live.CAMPAIGN_DELETED})
    return Response(status_code=204)


@router.get("/campaigns/{campaign_id}/members")
async def list_members(
    member: MayViewTeam, services: ServicesDep
) -> dict:
    async with db.transaction(services.pool, member.campaign_id) as conn:
        rows = await onboarding.list_members(conn, member.campaign_id)
    return {"members": [dict(row) for row in rows]}


@router.delete(
    "/campaigns/{campaign_id}/members/{user_id}", status_code=204,
    responses=refusals({404: "not_found", 409: "last_owner"}),
)
async def remove_member(
    user_id: str, member: MayManageTeam, services: ServicesDep
) -> Response:
    """Takes effect at once: the next request of the removed person answers 404, and their open
    live channels of this campaign close (4404). Whom one may remove is the removal rule (O12);
    the last owner stays."""
    target = _member_id(user_id)
    await team.remove(services, team.Change(member.campaign_id, member.role, target))
    await live.announce(services.redis, member.campaign_id, {"type": live.MEMBER_REMOVED, "user_id": str(target)})
    return Response(status_code=204)


@router.put(
    "/campaigns/{campaign_id}/members/{user_id}",
    responses=refusals({404: "not_found", 409: "last_owner", 422: "role_not_grantable"}),
)
async def change_member_role(
    user_id: str, body: RoleIn, member: MayManageTeam, services: ServicesDep
) -> dict:
    """Takes effect at once: the member's next request is judged by the new role, and their open
    live channels of this campaign the new role may not watch close (4403). One may move whom one
    may remove (O12), to a role one may grant (O6); the last owner stays an owner."""
    target = _member_id(user_id)
    await team.change_role(services, team.Change(member.campaign_id, member.role, target, body.role))
    await live.announce(services.redis, member.campaign_id,
                        {"type": live.ROLE_CHANGED, "user_id": str(target), "role": body.role})
    return {"user_id": str(target), "role": body.role}


def _member_id(user_id: str) -> UUID | None:
    """A malformed id names no member (404 like any other unknown one)."""
    try:
        return UUID(user_id)
    except ValueError:
        return None


@router.post(
    "/campaigns/{campaign_id}/invitations", status_code=201,
    responses=refusals({409: "already_member", 422: "role_not_grantable"}),
)
async def invite(
    body: InvitationIn, member: MayInvite, services: ServicesDep
) -> dict:
    request = invitations.Invite(member.campaign_id, member.user_id, member.role, body.email, body.role)
    invited = await invitations.invite(services, request)
    return {"invitation_id": invited.invitation_id, "email": body.email, "role": body.role,
            "expires_at": invited.expires_at}


@router.put("/campaigns/{campaign_id}/compliance-contact")
async def set_compliance_contact(
    body: ComplianceContactIn,
    member: MayManageCompliance,
    services: ServicesDep,
) -> dict:
    async with db.transaction(services.pool, member.campaign_id) as conn:
        await onboarding.set_compliance_contact(conn, member.campaign_id, body.name, body.email)
        return await _load_campaign(conn, member.campaign_id)


@router.get("/campaigns/{campaign_id}/checklist")
async def get_checklist(member: MayViewCampaign, services: ServicesDep) -> dict:
    async with db.transaction(services.pool, member.campaign_id) as conn:
        campaign = await _load_campaign(conn, member.campaign_id)
        facts = checklist.CampaignFacts(
            has_compliance_contact=campaign["compliance_contact"] is not None,
            has_verified_caller_id=await onboarding.has_verified_caller_id(conn, member.campaign_id),
        )
    return checklist.evaluate(facts)


@router.post(
    "/invitations/accept", status_code=201,
    responses=refusals({
        400: "token_invalid",
        401: "invalid_credentials",
        409: ("invitation_used", "already_member"),
        410: "invitation_expired",
        422: ("password_too_short", "password_too_long", "password_too_weak"),
        429: "too_many_attempts",
    }),
)
async def accept_invitation(body: AcceptIn, services: ServicesDep) -> dict:
    accepted = await invitations.accept(services, invitations.Acceptance(body.token, body.full_name, body.password))
    return {"user_id": accepted.user_id, "campaign_id": accepted.campaign_id, "role": accepted.role}
