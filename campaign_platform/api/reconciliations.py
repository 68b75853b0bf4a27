"""Reconciliation routes (B5, B7), campaign-scoped: start and read runs, set the schedule."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends
from psycopg.rows import DictRow
from pydantic import BaseModel, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from campaign_platform.api.contract import refusals
from campaign_platform.api.deps import Member, ServicesDep, require
from campaign_platform.api.inputs import IsoDate, JsonRoute, WholeNumber
from campaign_platform.errors import ApiError
from campaign_platform.store import clocks, db, donations, reconciliations
from campaign_platform.workflows import reconciliation

router = APIRouter(route_class=JsonRoute, prefix="/v1/campaigns/{campaign_id}/donations", tags=["reconciliation"])

MayManage = Annotated[Member, Depends(require("manage_donations"))]
MayView = Annotated[Member, Depends(require("view_donations"))]


class RangeIn(BaseModel):
    start: IsoDate = Field(alias="from")
    end: IsoDate = Field(alias="to")  # exclusive

    @field_validator("end")
    @classmethod
    def _after_start(cls, value: date, info: ValidationInfo) -> date:
        start = info.data.get("start")
        if start is not None and value <= start:
            raise PydanticCustomError("range_empty", "'to' (exclusive) must be after 'from'.")
        return value


class ScheduleIn(BaseModel):
    every_hours: WholeNumber = Field(ge=1, le=168)


def _run_view(row: DictRow) -> dict:
    error = None
    if row["error_code"] is not None:
        error = {"code": row["error_code"], "message": row["error_message"]}
    return {
        "reconciliation_id": row["reconciliation_id"],
        "status": row["status"],
        "from": row["range_from"],
        "to": row["range_to"],
        "trigger": row["trigger"],
        "attempts": row["attempts"],
        "error": error,
        "differences": row["differences"],
    }


@router.post("/reconciliations", status_code=202, responses=refusals({409: "processor_not_connected"}))
async def start_reconciliation(
    body: RangeIn, member: MayManage, services: ServicesDep
) -> dict:
    async with db.transaction(services.pool, member.campaign_id) as conn:
        if await donations.get_processor(conn, member.campaign_id) is None:
            raise ApiError(409, "processor_not_connected", "Connect the processor's pull API first.")
        run_id = await reconciliations.insert(
            conn, member.campaign_id, body.start, body.end, "operator", member.user_id
        )
    job = reconciliation.Run(member.campaign_id, run_id, body.start, body.end)
    services.background.spawn(reconciliation.run(services, job), f"reconciliation {run_id}")
    return {"reconciliation_id": run_id, "status": "running"}


@router.get("/reconciliations")
async def list_reconciliations(member: MayView, services: ServicesDep) -> dict:
    async with db.transaction(services.pool, member.campaign_id) as conn:
        rows = await reconciliations.list_runs(conn, member.campaign_id)
    return {"reconciliations": [_run_view(row) for row in rows]}


@router.get("/reconciliations/{reconciliation_id}", responses=refusals({404: "not_found"}))
async def get_reconciliation(reconciliation_id: str, member: MayView, services: ServicesDep) -> dict:
    try:
        run_id = UUID(reconciliation_id)
    except ValueError:
        raise _no_run() from None
    async with db.transaction(services.pool, member.campaign_id) as conn:
        row = await reconciliations.get(conn, member.campaign_id, run_id)
    if row is None:
        raise _no_run()
    return _run_view(row)


def _no_run() -> ApiError:
    return ApiError(404, "not_found", "No such reconciliation.")


@router.put("/reconciliation-schedule")
async def schedule(body: ScheduleIn, member: MayManage, services: ServicesDep) -> dict:
    async with db.transaction(services.pool, member.campaign_id) as conn:
        now = await clocks.campaign_now(conn, member.campaign_id, services.settings.test_mode)
        next_run_at = now + timedelta(hours=body.every_hours)
        await reconciliations.upsert_schedule(conn, member.campaign_id, body.every_hours, next_run_at)
    return {"every_hours": body.every_hours, "next_run_at": next_run_at}
