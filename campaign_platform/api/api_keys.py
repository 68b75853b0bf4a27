"""API keys for integrations (API.md, Isolation): one campaign, one role, revoked at once."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel

from campaign_platform.api import live
from campaign_platform.api.contract import refusals
from campaign_platform.api.deps import Member, ServicesDep, require
from campaign_platform.api.inputs import JsonRoute, Name, Role
from campaign_platform.domain import permissions
from campaign_platform.errors import ApiError, invalid
from campaign_platform.store import api_keys, db

router = APIRouter(route_class=JsonRoute, prefix="/v1/campaigns/{campaign_id}/api-keys", tags=["API keys"])
MayManageKeys = Annotated[Member, Depends(require("manage_api_keys"))]


class ApiKeyIn(BaseModel):
    name: Name
    role: Role


@router.post("", status_code=201, responses=refusals({422: "role_not_grantable"}))
async def create_key(body: ApiKeyIn, member: MayManageKeys, services: ServicesDep) -> dict:
    if not permissions.may_grant_key(member.role, body.role):
        message = "An API key cannot be an owner." if body.role == "owner" else permissions.grant_refusal(
            member.role, body.role
        )
        raise invalid("role_not_grantable", message, "role")
    key, hashed = api_keys.new_key()
    async with db.transaction(services.pool, member.campaign_id) as conn:
        row = await api_keys.insert(conn, member.campaign_id, body.name, body.role, hashed, member.user_id)
    return {**_view(row), "key": key}


@router.get("")
async def list_keys(member: MayManageKeys, services: ServicesDep) -> dict:
    async with db.transaction(services.pool, member.campaign_id) as conn:
        rows = await api_keys.list_keys(conn, member.campaign_id)
    return {"api_keys": [_view(row) for row in rows]}


@router.delete("/{api_key_id}", status_code=204, responses=refusals({404: "not_found"}))
async def revoke_key(api_key_id: str, member: MayManageKeys, services: ServicesDep) -> Response:
    try:
        key_id = UUID(api_key_id)
    except ValueError:
        key_id = None
    found = False
    if key_id is not None:
        async with db.transaction(services.pool, member.campaign_id) as conn:
            found = await api_keys.revoke(conn, member.campaign_id, key_id)
    if not found:
        raise ApiError(404, "not_found", "No such API key in this campaign.")
    await live.announce(services.redis, member.campaign_id, {"type": live.KEY_REVOKED, "api_key_id": str(key_id)})
    return Response(status_code=204)


def _view(row: dict) -> dict:
    return {key: row[key] for key in ("api_key_id", "name", "role", "created_at", "revoked_at")}
