"""Campaign texts (rulebook A8, A4.2, A7): send one (the use case: workflows.texting)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends
from pydantic import BaseModel, StringConstraints

from campaign_platform.api.contract import refusals
from campaign_platform.api.deps import Member, ServicesDep, require
from campaign_platform.api.inputs import JsonRoute
from campaign_platform.errors import ApiError
from campaign_platform.workflows.texting import NoContact, Sent, TextBlocked, TextMode, TextOrder, send_text

router = APIRouter(route_class=JsonRoute, prefix="/v1/campaigns/{campaign_id}", tags=["texts"])

MayText = Annotated[Member, Depends(require("place_calls"))]
TEXT_MAX_LENGTH = 1600  # the carriers' limit for one (concatenated) message

TextBody = Annotated[str, StringConstraints(min_length=1, max_length=TEXT_MAX_LENGTH)]


class TextIn(BaseModel):
    contact_id: UUID
    caller_id: UUID
    mode: TextMode
    body: TextBody


@router.post(
    "/texts", status_code=201,
    responses=refusals({404: "not_found", 422: "text_blocked", 503: "circuit_open"}),
)
async def send(body: TextIn, member: MayText, services: ServicesDep) -> dict:
    order = TextOrder(member.campaign_id, member.user_id, body.contact_id, body.caller_id, body.mode, body.body)
    match await send_text(services, order):
        case Sent(text_id, carrier_message_id):
            return {"text_id": text_id, "status": "sent", "carrier_message_id": carrier_message_id}
        case TextBlocked(text_id, decision):
            raise ApiError(
                422, "text_blocked", decision.message, reason=decision.reason, rule=decision.rule,
                text_id=str(text_id),
            )  # fmt: skip
        case NoContact():
            raise ApiError(404, "not_found", "No such contact in this campaign.", field="contact_id")
    raise AssertionError("unexpected text outcome")
