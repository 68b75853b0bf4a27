"""The donation webhook (rules B1-B6): `POST /v1/hooks/donations/{endpoint_id}`, no bearer token.

Checks in the order API.md gives, storing nothing on any refusal: the endpoint, its HTTP Basic
credentials (before a byte of the body is read: workflows.hook_endpoints), the body's size and
JSON, the payload's shape; then the use case records it (workflows.ingest). The database work,
lookup included, must answer within 3 s; else 503 so the processor retries.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from campaign_platform.api.contract import PROCESSOR_BASIC, raw_body, refusals
from campaign_platform.api.deps import ServicesDep
from campaign_platform.api.inputs import JsonRoute, parse_json
from campaign_platform.domain import hook_credentials
from campaign_platform.domain.notifications import NotificationError, parse_notification
from campaign_platform.errors import ApiError
from campaign_platform.workflows import hook_endpoints, ingest

router = APIRouter(route_class=JsonRoute, tags=["donation webhook"])
log = logging.getLogger(__name__)

DATABASE_DEADLINE_SECONDS = 3.0
MAX_BODY_BYTES = 64 * 1024


@router.post(
    "/v1/hooks/donations/{endpoint_id}",
    openapi_extra=raw_body({"application/json": "DonationNotification"}, PROCESSOR_BASIC),
    responses=refusals({
        400: "invalid_json",
        401: "invalid_credentials",
        404: "not_found",
        413: "payload_too_large",
        422: ("no_line_items", "invalid_amount", "amount_not_positive", "amount_out_of_range", "invalid_input"),
    }),
)
async def receive(endpoint_id: str, request: Request, services: ServicesDep) -> JSONResponse:
    """`request`: the raw headers and body stream (read only after the credentials)."""
    deadline = asyncio.get_running_loop().time() + DATABASE_DEADLINE_SECONDS
    endpoint = _endpoint_id(endpoint_id)

    # 1-2. The endpoint and its credentials, before the body is read.
    offered = hook_credentials.read_basic(request.headers.get("authorization"))
    context = await hook_endpoints.open_endpoint(services, endpoint, offered, deadline)

    # 3. The body: at most 64 KiB, a JSON object.
    body = await _read_json(request)

    # 4. The shape (B6).
    try:
        notification = parse_notification(body)
    except NotificationError as exc:
        fields = [{"field": e.field, "message": e.message} for e in exc.errors]
        extra: dict[str, Any] = {"fields": fields}
        first = next(e for e in exc.errors if e.code == exc.code)
        if len({e.field for e in exc.errors}) == 1:
            extra["field"] = first.field
        raise ApiError(422, exc.code, first.message, **extra) from None

    # 5. Record it: one transaction, answered after the commit, or 503 past the deadline.
    outcomes = await ingest.record(services, services.background, context, notification, "webhook", deadline)
    if notification.cleaned:  # B8: recorded all the same; the fields are named, never their text
        log.warning("donation %s recorded with unstorable characters cleaned from: %s",
                    [o["lineitem_id"] for o in outcomes], ", ".join(notification.cleaned))  # fmt: skip
        return JSONResponse({"received": outcomes, "cleaned": list(notification.cleaned)})
    return JSONResponse({"received": outcomes})


def _endpoint_id(raw: str) -> UUID:
    try:
        return UUID(raw)
    except ValueError:
        raise hook_endpoints.no_endpoint() from None


async def _read_json(request: Request) -> dict[str, Any]:
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
        raise _too_large()
    content_type = request.headers.get("content-type", "")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise _too_large()
        chunks.append(chunk)
    body = parse_json(b"".join(chunks), content_type)  # NOT_JSON also without a JSON content type
    if not isinstance(body, dict):
        raise _invalid_json()
    return body


def _too_large() -> ApiError:
    return ApiError(413, "payload_too_large", f"Send at most {MAX_BODY_BYTES // 1024} KiB per notification.")


def _invalid_json() -> ApiError:
    return ApiError(400, "invalid_json", "Send a JSON object as the body (Content-Type: application/json).")
