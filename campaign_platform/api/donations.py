"""Donations, campaign-scoped (bearer token): webhook set-up, processor, elections, reading, totals."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Depends
from psycopg.errors import UniqueViolation
from pydantic import BaseModel, Field, StringConstraints, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from campaign_platform.api.contract import refusals
from campaign_platform.api.deps import Member, ServicesDep, require
from campaign_platform.api.inputs import IsoDate, JsonRoute, WholeNumber
from campaign_platform.domain import fec, hook_credentials
from campaign_platform.domain.money import format_cents
from campaign_platform.errors import ApiError, invalid
from campaign_platform.services import Services
from campaign_platform.store import clocks, db, donations
from campaign_platform.workflows import excess, hook_endpoints, ingest

router = APIRouter(route_class=JsonRoute, prefix="/v1/campaigns/{campaign_id}/donations", tags=["donations"])

MayManage = Annotated[Member, Depends(require("manage_donations"))]
MayView = Annotated[Member, Depends(require("view_donations"))]
Credential = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class ProcessorIn(BaseModel):
    client_id: Annotated[Credential, Field(json_schema_extra={"pattern": hook_credentials.BASIC_USER_ID_PATTERN})]
    client_secret: Annotated[Credential, Field(json_schema_extra={"pattern": hook_credentials.BASIC_SECRET_PATTERN})]


class ElectionsIn(BaseModel):
    general: IsoDate
    primary: IsoDate | None = None  # after `general`, so that its validator can compare them
    runoff: IsoDate | None = None  # C2: after the primary, before the general
    special: IsoDate | None = None  # C2: a day of its own

    @field_validator("primary")
    @classmethod
    def _primary_first(cls, value: date | None, info: ValidationInfo) -> date | None:
        general = info.data.get("general")
        if value is not None and general is not None and value >= general:
            raise PydanticCustomError(
                "primary_after_general", "The primary must come before the general election."
            )
        return value

    @field_validator("runoff")
    @classmethod
    def _runoff_between(cls, value: date | None, info: ValidationInfo) -> date | None:
        primary, general = info.data.get("primary"), info.data.get("general")
        if value is not None and not (primary is not None and general is not None and primary < value < general):
            raise PydanticCustomError(
                "runoff_out_of_order", "A runoff comes after the primary and before the general election."
            )
        return value

    @field_validator("special")
    @classmethod
    def _special_own_day(cls, value: date | None, info: ValidationInfo) -> date | None:
        if value is not None and value in {info.data.get(k) for k in ("primary", "runoff", "general")}:
            raise PydanticCustomError("special_same_day", "A special election is held on a day of its own.")
        return value


class ExcessRefundIn(BaseModel):
    amount_cents: WholeNumber = Field(gt=0)  # C12: the excess, exactly


class DonorAnswerIn(BaseModel):
    answer: Literal["refund"]  # C12: the donor asks for the excess back instead


class PrimaryResultIn(BaseModel):
    result: Literal["won", "lost"]  # C16


def _hook_view(services: Services, endpoint_id: object, username: str) -> dict:
    path = f"/v1/hooks/donations/{endpoint_id}"
    return {"path": path, "url": f"{services.settings.public_url}{path}", "username": username}


@router.post("/webhook", status_code=201, responses=refusals({409: "webhook_exists"}))
async def set_up_webhook(member: MayManage, services: ServicesDep) -> dict:
    username = hook_credentials.new_username()
    password, password_sha256 = hook_credentials.new_password()
    try:
        async with db.transaction(services.pool, member.campaign_id) as conn:
            now = await clocks.campaign_now(conn, member.campaign_id, services.settings.test_mode)
            endpoint_id = await donations.insert_endpoint(
                conn, member.campaign_id, username, password_sha256, now
            )
    except UniqueViolation as exc:
        if exc.diag.constraint_name != "webhook_endpoints_campaign_key":
            raise
        raise ApiError(
            409, "webhook_exists", "This campaign has a donation webhook; rotate its password instead."
        ) from None
    return {**_hook_view(services, endpoint_id, username), "password": password}


@router.get("/webhook", responses=refusals({404: "not_found"}))
async def get_webhook(member: MayManage, services: ServicesDep) -> dict:
    async with db.transaction(services.pool, member.campaign_id) as conn:
        endpoint = await donations.get_endpoint(conn, member.campaign_id)
        now = await clocks.campaign_now(conn, member.campaign_id, services.settings.test_mode)
    if endpoint is None:
        raise ApiError(404, "not_found", "This campaign has no donation webhook yet.")
    until = endpoint["previous_valid_until"]
    rotation = {"previous_valid_until": until} if until is not None and now < until else None
    return {**_hook_view(services, endpoint["id"], endpoint["username"]), "rotation": rotation}


@router.post("/webhook/rotation", status_code=201, responses=refusals({404: "not_found"}))
async def rotate_webhook(member: MayManage, services: ServicesDep) -> dict:
    password, password_sha256 = hook_credentials.new_password()
    async with db.transaction(services.pool, member.campaign_id) as conn:
        now = await clocks.campaign_now(conn, member.campaign_id, services.settings.test_mode)
        endpoint = await donations.rotate_endpoint(
            conn, member.campaign_id, password_sha256, now + hook_credentials.ROTATION_GRACE, now
        )
    if endpoint is None:
        raise ApiError(404, "not_found", "This campaign has no donation webhook yet.")
    hook_endpoints.forget(services, member.campaign_id)
    return {
        **_hook_view(services, endpoint["id"], endpoint["username"]),
        "password": password,
        "previous_valid_until": endpoint["previous_valid_until"],
    }


@router.put("/processor", responses=refusals({422: "invalid_credentials"}))
async def connect_processor(body: ProcessorIn, member: MayManage, services: ServicesDep) -> dict:
    for field, value in (("client_id", body.client_id), ("client_secret", body.client_secret)):
        problem = hook_credentials.basic_credential_problem(value, user_id=field == "client_id")
        if problem:  # refused now, rather than every reconciliation failing later
            raise invalid("invalid_credentials", problem, field)
    async with db.transaction(services.pool, member.campaign_id) as conn:
        await donations.upsert_processor(conn, member.campaign_id, body.client_id, body.client_secret)
    return {"client_id": body.client_id, "connected": True}


@router.put("/elections")
async def set_elections(body: ElectionsIn, member: MayManage, services: ServicesDep) -> dict:
    async with db.transaction(services.pool, member.campaign_id) as conn:
        await donations.upsert_elections(
            conn, member.campaign_id, body.primary, body.general, body.runoff, body.special
        )
    hook_endpoints.forget(services, member.campaign_id)
    return {"primary": body.primary, "runoff": body.runoff, "general": body.general, "special": body.special}


@router.get("")
async def list_contributions(member: MayView, services: ServicesDep) -> dict:
    async with db.transaction(services.pool, member.campaign_id) as conn:
        rows = await donations.list_contributions(conn, member.campaign_id)
    return {
        "contributions": [
            {
                "lineitem_id": row["lineitem_id"],
                "donor_id": row["donor_id"],
                "donor_name": row["donor_name"],
                "amount": format_cents(row["amount_cents"]),
                "amount_cents": row["amount_cents"],
                "paid_at": row["paid_at"],
                "election": row["election"],
                "status": "refunded" if row["refunded_at"] is not None else "received",
                "refunded_at": row["refunded_at"],
                "recurring_period": row["recurring_period"],
                "recurring_status": _recurring_status(row),
                "recurring_cancelled_at": row["recurring_cancelled_at"],
                "source": row["source"],
                "earmarked_through": row["conduit"],
            }
            for row in rows
        ]
    }


def _recurring_status(row) -> str | None:
    """B9: a recurring contribution expects further instalments until the donor cancels it."""
    if row["recurring_period"] in (None, "once"):
        return None
    return "cancelled" if row["recurring_cancelled_at"] is not None else "active"


@router.get("/donors")
async def list_donors(member: MayView, services: ServicesDep) -> dict:
    async with db.transaction(services.pool, member.campaign_id) as conn:
        context = await donations.campaign_context(conn, member.campaign_id)
        general = context["general_on"]  # C3: the seat's cycle that the campaign's general closes
        cycle = fec.cycle_for(general, general, context["office"]).key
        rows = await donations.list_donors(conn, member.campaign_id, cycle)
    return {"donors": [{**row, "itemized": fec.is_itemized(row["cycle_total_cents"])} for row in rows]}


@router.get("/flags")
async def list_flags(member: MayView, services: ServicesDep) -> dict:
    async with db.transaction(services.pool, member.campaign_id) as conn:
        rows = await donations.list_flags(conn, member.campaign_id)
        now = (await clocks.campaign_now(conn, member.campaign_id, services.settings.test_mode)).astimezone(UTC)
    return {"flags": [_flag_view(dict(row), now) for row in rows]}


def _flag_view(row: dict, now: datetime) -> dict:
    sent_on = row["sent_at"].astimezone(UTC).date() if row["sent_at"] else None
    today = now.date()
    overdue = fec.follow_up_overdue(row["kind"], row["status"], row["due_on"], sent_on, today)
    if row["kind"] in fec.OVERDUE_BY_THE_HOUR:  # C14: 48 hours from receipt, to the minute
        overdue = fec.notice_overdue(row["received_at"], now)
    if row["kind"] == "excessive":  # C12: how its excess stands
        row["remedy"] = fec.excess_remedy(row["remedy"], sent_on, row["due_on"], today)
    return {**row, "overdue": overdue}


def _flag_id(flag_id: str) -> UUID:
    try:
        return UUID(flag_id)
    except ValueError:
        raise ApiError(404, "not_found", "This campaign has no excessive contribution flag with that id.") from None


@router.post("/flags/{flag_id}/answer", responses=refusals({404: "not_found", 409: "not_redesignated"}))
async def record_donor_answer(flag_id: str, body: DonorAnswerIn, member: MayManage, services: ServicesDep) -> dict:
    """C12: the donor answered the redesignation notice asking for the excess back."""
    return await excess.refund_requested(services, member.campaign_id, _flag_id(flag_id))


@router.post(
    "/flags/{flag_id}/excess-refund",
    responses=refusals({404: "not_found", 409: "already_remedied", 422: "refund_not_excess"}),
)
async def refund_excess(flag_id: str, body: ExcessRefundIn, member: MayManage, services: ServicesDep) -> dict:
    """C12: the committee refunded the excess of a contribution, and only it."""
    return await excess.refund_excess(services, member.campaign_id, _flag_id(flag_id), body.amount_cents)


@router.put(
    "/primary-result",
    responses=refusals({409: ("no_primary", "primary_not_held", "primary_result_recorded")}),
)
async def record_primary_result(body: PrimaryResultIn, member: MayManage, services: ServicesDep) -> dict:
    """C16: the candidate won or lost the primary."""
    return await excess.record_primary_result(services, member.campaign_id, body.result)


def _totals_view(current: dict[str, int]) -> dict:
    return {**current, "net": format_cents(current["net_cents"])}


@router.get("/totals")
async def get_totals(member: MayView, services: ServicesDep) -> dict:
    return _totals_view(await ingest.read_totals(services, member.campaign_id))


@router.post("/totals/rebuild")
async def rebuild_totals(member: MayManage, services: ServicesDep) -> dict:
    return _totals_view(await ingest.rebuild_totals(services, member.campaign_id, force=True))
