"""The internal do-not-call list (A3.2): a request is honoured at once (A3.3) for 5 years (A3.4),
for the campaign or for every campaign of the organization (A3.5); a request made by voice during
a call is recorded on the call by the caller (workflows.do_not_call)."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel

from campaign_platform.api.contract import refusals
from campaign_platform.api.deps import Member, ServicesDep, require
from campaign_platform.api.inputs import JsonRoute
from campaign_platform.domain import phones
from campaign_platform.domain.dialing.rules import honoured_until
from campaign_platform.errors import ApiError, invalid
from campaign_platform.store import clocks, db, dialing
from campaign_platform.workflows.do_not_call import NotRecorded, record_verbal_request

router = APIRouter(route_class=JsonRoute, prefix="/v1/campaigns/{campaign_id}/do-not-call", tags=["do-not-call"])

calls_router = APIRouter(route_class=JsonRoute, prefix="/v1/campaigns/{campaign_id}/calls", tags=["do-not-call"])

MayManage = Annotated[Member, Depends(require("manage_contacts"))]
MayCall = Annotated[Member, Depends(require("place_calls"))]


class DoNotCallIn(BaseModel):
    phone: str
    scope: Literal["campaign", "organization"] = "organization"
    # "request": the person asked; "national_registry": a number of the national registry the
    # organization loaded to honour it (A3.1, platform policy: always the organization's)
    source: Literal["request", "national_registry"] = "request"


@router.post("", status_code=201, responses=refusals({422: ("invalid_phone", "invalid_input")}))
async def add_entry(body: DoNotCallIn, member: MayManage, services: ServicesDep) -> dict:
    try:
        e164 = phones.normalize(body.phone)
    except phones.InvalidPhone as exc:
        raise invalid("invalid_phone", str(exc), "phone") from None
    registry = body.source == "national_registry"
    if registry and body.scope == "campaign":
        raise invalid("invalid_input", "The national registry is honoured by the whole organization.", "scope")
    async with db.transaction(services.pool, member.campaign_id) as conn:
        now = await clocks.campaign_now(conn, member.campaign_id, services.settings.test_mode)
        expires_at = honoured_until(e164, now)  # A3.4, the check's own edge
        organization_id = await dialing.campaign_organization(conn, member.campaign_id)
        campaign_id = member.campaign_id if body.scope == "campaign" else None
        await dialing.insert_do_not_call(conn, organization_id, campaign_id, e164, now, expires_at,
                                         "national_registry" if registry else "manual")
        if not registry:  # A5.1: asking not to be called revokes the consent on record, in the entry's scope
            await dialing.revoke_consent(conn, e164, now, whole_organization=campaign_id is None)
    return {"phone": e164, "scope": body.scope, "source": body.source, "requested_at": now, "expires_at": expires_at}


@calls_router.post(
    "/{call_id}/do-not-call", status_code=201,
    responses=refusals({404: "not_found", 409: "call_not_answered"}),
)
async def record_verbal(call_id: str, member: MayCall, services: ServicesDep, response: Response) -> dict:
    """A3.2: the person on the call asked not to be called again; 200 with the first entry when
    the call's request was recorded already."""
    try:
        parsed = UUID(call_id)
    except ValueError:
        parsed = None
    outcome = NotRecorded("no_call") if parsed is None else await record_verbal_request(
        services, member.campaign_id, parsed, member.user_id, member.api_key_id)
    if isinstance(outcome, NotRecorded):
        if outcome.why == "no_call":
            raise ApiError(404, "not_found", "No such call in this campaign.")
        raise ApiError(409, "call_not_answered",
                       "Nobody answered this call: a request made by voice is recorded on a call a person answered.")
    response.status_code = 201 if outcome.created else 200
    entry = outcome.entry
    return {
        "phone": entry["e164"], "scope": "organization", "source": "verbal", "call_id": entry["call_id"],
        "recorded_by": entry["recorded_by"], "recorded_by_api_key": entry["recorded_by_api_key"],
        "requested_at": entry["requested_at"], "expires_at": entry["expires_at"],
    }
