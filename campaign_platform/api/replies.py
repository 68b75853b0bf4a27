"""Replies queued for a person (A5.1): list them, resolve each once (workflows.reply_review)."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from campaign_platform.api.contract import refusals
from campaign_platform.api.deps import Member, ServicesDep, require
from campaign_platform.api.inputs import JsonRoute
from campaign_platform.errors import ApiError
from campaign_platform.workflows import reply_review

router = APIRouter(route_class=JsonRoute, prefix="/v1/campaigns/{campaign_id}/replies", tags=["replies"])

MayReview = Annotated[Member, Depends(require("review_replies"))]


class ResolutionIn(BaseModel):
    resolution: Literal["opt_out", "not_opt_out"]


@router.get("")
async def list_replies(
    member: MayReview, services: ServicesDep, status: Literal["pending", "resolved", "all"] = "pending"
) -> dict:
    return {"replies": await reply_review.list_replies(services, member.campaign_id, status)}


@router.post("/{reply_id}/resolution", responses=refusals({409: "reply_already_resolved"}))
async def resolve(reply_id: str, body: ResolutionIn, member: MayReview, services: ServicesDep) -> dict:
    try:
        parsed = UUID(reply_id)
    except ValueError:
        raise ApiError(404, "not_found", "No such reply waiting for review in this campaign.") from None
    assert member.user_id is not None  # review_replies is for people only (permissions.PEOPLE_ONLY)
    return await reply_review.resolve(services, member.campaign_id, parsed, member.user_id, body.resolution)
