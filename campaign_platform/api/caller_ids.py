"""Caller IDs (A6.7): a number the campaign owns, verified with a code the carrier phones to it.

The checklist's "Verified caller ID" item reads caller_ids.verified_at (store.onboarding), so a
verification here is what makes a campaign ready to dial.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, StringConstraints

from campaign_platform.api.contract import refusals
from campaign_platform.api.deps import Member, ServicesDep, require
from campaign_platform.api.inputs import JsonRoute
from campaign_platform.domain import phones
from campaign_platform.errors import ApiError, invalid
from campaign_platform.integrations.carrier import CarrierClient, CarrierRefused, CarrierUnavailable
from campaign_platform.services import Services
from campaign_platform.store import clocks, db, dialing
from campaign_platform.workflows.background import unavailable

router = APIRouter(route_class=JsonRoute, prefix="/v1/campaigns/{campaign_id}/caller-ids", tags=["caller IDs"])

MayManage = Annotated[Member, Depends(require("manage_caller_ids"))]
MayView = Annotated[Member, Depends(require("view_campaign"))]

Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20)]


class CallerIdIn(BaseModel):
    number: str


class VerificationIn(BaseModel):
    code: Code


def _view(row) -> dict:
    return {"caller_id": row["id"], "number": row["e164"], "verified": row["verified_at"] is not None}


@router.post("", status_code=201, responses=refusals({422: "invalid_phone"}))
async def add_caller_id(
    body: CallerIdIn, member: MayManage, services: ServicesDep, response: Response
) -> dict:
    try:
        e164 = phones.normalize(body.number)
    except phones.InvalidPhone as exc:
        raise invalid("invalid_phone", str(exc), "number") from None
    async with db.transaction(services.pool, member.campaign_id) as conn:
        existing = await dialing.get_caller_id_by_number(conn, member.campaign_id, e164)
    if existing is not None and existing["verified_at"] is not None:
        response.status_code = 200  # already verified: no new code is phoned
        return _view(existing)
    verification_id = await _carrier(services).start_verification(e164)
    async with db.transaction(services.pool, member.campaign_id) as conn:
        now = await clocks.campaign_now(conn, member.campaign_id, services.settings.test_mode)
        row = await dialing.upsert_caller_id(conn, member.campaign_id, e164, verification_id, now)
    return _view(row)


@router.get("")
async def list_caller_ids(member: MayView, services: ServicesDep) -> dict:
    async with db.transaction(services.pool, member.campaign_id) as conn:
        rows = await dialing.list_caller_ids(conn, member.campaign_id)
    return {"caller_ids": [_view(row) for row in rows]}


@router.post("/{caller_id}/verification", responses=refusals({404: "not_found", 422: "wrong_code"}))
async def verify_caller_id(
    caller_id: str, body: VerificationIn, member: MayManage, services: ServicesDep
) -> dict:
    found = None
    parsed = _uuid(caller_id)
    if parsed is not None:
        async with db.transaction(services.pool, member.campaign_id) as conn:
            found = await dialing.get_caller_id(conn, member.campaign_id, parsed)
    if found is None:
        raise ApiError(404, "not_found", "No such caller ID in this campaign.")
    if found["verified_at"] is not None:
        return _view(found)
    verification_id = found["verification_id"]
    if not verification_id or not await _carrier(services).check_verification(verification_id, body.code):
        raise invalid("wrong_code", "That is not the code phoned to the number.", "code")
    async with db.transaction(services.pool, member.campaign_id) as conn:
        now = await clocks.campaign_now(conn, member.campaign_id, services.settings.test_mode)
        if not await dialing.mark_caller_id_verified(conn, parsed, found["verification_id"], now):
            raise invalid("wrong_code", "A newer code was phoned to the number; use that one.", "code")
        row = await dialing.get_caller_id(conn, member.campaign_id, parsed)
    return _view(row)


def _carrier(services: Services) -> _Guarded:
    return _Guarded(services.carrier)


class _Guarded:
    """The carrier client, its failures answered 503 (its refusals too: the platform sends only
    well-formed numbers, so a refusal is the carrier's trouble, not the person's)."""

    def __init__(self, carrier: CarrierClient) -> None:
        self._carrier = carrier

    async def start_verification(self, e164: str) -> str:
        try:
            return await self._carrier.start_verification(e164)
        except (CarrierUnavailable, CarrierRefused):
            raise unavailable() from None

    async def check_verification(self, verification_id: str, code: str) -> bool:
        try:
            return await self._carrier.check_verification(verification_id, code)
        except CarrierRefused as exc:
            if exc.status == 404:  # the carrier forgot the verification (restarted): a new code is needed
                return False
            raise unavailable() from None
        except CarrierUnavailable:
            raise unavailable() from None


def _uuid(raw: str) -> UUID | None:
    try:
        return UUID(raw)
    except ValueError:
        return None
