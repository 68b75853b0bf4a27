"""Voter sync with VAN (campaign-scoped, V1-V7): connect the committee, choose a saved list,
start a sync and watch it. The use cases are in workflows.voter_sync; the API key is taken in
and never shown again."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from campaign_platform.api.contract import refusals
from campaign_platform.api.deps import Member, ServicesDep, require
from campaign_platform.api.inputs import ONE_LINE, JsonRoute
from campaign_platform.errors import ApiError
from campaign_platform.store import db
from campaign_platform.store import voter_sync as store
from campaign_platform.workflows import voter_sync
from campaign_platform.workflows.voter_sync import API_KEY_PATTERN, APPLICATION_NAME_MAX

router = APIRouter(route_class=JsonRoute, prefix="/v1/campaigns/{campaign_id}/van", tags=["voter sync"])

# What VAN's answers become (workflows/voter_sync.py: van_error).
_VAN = {422: "van_credentials_refused", 502: "van_refused", 503: "van_unavailable"}

MayManage = Annotated[Member, Depends(require("manage_contacts"))]
MayView = Annotated[Member, Depends(require("view_contacts"))]


class ConnectionIn(BaseModel):
    application_name: Annotated[str, Field(max_length=APPLICATION_NAME_MAX, json_schema_extra={"pattern": ONE_LINE})]
    api_key: Annotated[str, Field(json_schema_extra={"pattern": API_KEY_PATTERN})]
    database_mode: Literal[0, 1] = 1


class SavedListIn(BaseModel):
    saved_list_id: int


@router.put("", responses=refusals(_VAN))
async def connect(body: ConnectionIn, member: MayManage, services: ServicesDep) -> dict:
    committee = voter_sync.committee_from(body.application_name, body.api_key, body.database_mode)
    return await voter_sync.connect(services, member.campaign_id, member.user_id, committee)


@router.get("")
async def see_connection(member: MayView, services: ServicesDep) -> dict:
    return voter_sync.view(await voter_sync.connection_of(services, member.campaign_id))


@router.get("/saved-lists", responses=refusals({**_VAN, 409: "van_not_connected"}))
async def list_saved_lists(member: MayView, services: ServicesDep) -> dict:
    return {"saved_lists": await voter_sync.saved_lists(services, member.campaign_id)}


@router.put("/saved-list", responses=refusals(
    {**_VAN, 409: "van_not_connected", 422: ("van_credentials_refused", "saved_list_not_found")}))
async def choose_saved_list(body: SavedListIn, member: MayManage, services: ServicesDep) -> dict:
    return await voter_sync.choose_list(services, member.campaign_id, body.saved_list_id)


@router.post("/syncs", status_code=202,
             responses=refusals({409: ("van_not_connected", "no_saved_list", "sync_in_progress")}))
async def start_sync(member: MayManage, services: ServicesDep) -> dict:
    return await voter_sync.start_sync(services, member.campaign_id, member.user_id)


@router.get("/syncs")
async def list_syncs(member: MayView, services: ServicesDep) -> dict:
    async with db.transaction(services.pool, member.campaign_id) as conn:
        jobs = await store.list_jobs(conn, member.campaign_id)
        outbox = await store.outbox_counts(conn, member.campaign_id)
    return {"syncs": [voter_sync.job_view(job) for job in jobs],
            "results_to_van": {"pending": outbox["pending"], "sent": outbox["sent"]}}


@router.get("/syncs/{sync_id}", responses=refusals({404: "not_found"}))
async def see_sync(sync_id: UUID, member: MayView, services: ServicesDep) -> dict:
    async with db.transaction(services.pool, member.campaign_id) as conn:
        job = await store.get_job(conn, member.campaign_id, sync_id)
    if job is None:
        raise ApiError(404, "not_found", "No such sync.")
    return voter_sync.job_view(job)
