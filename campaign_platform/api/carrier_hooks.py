"""The carrier's signed callbacks (D1-D5): `POST /v1/hooks/carrier`, no bearer token.

In this order, storing nothing on any refusal: the body (at most 64 KiB) is read as raw bytes and
its `Carrier-Signature` checked against every signing secret (D1, D2, D4, D5: 401
`invalid_signature`); only then is it parsed and handed to the use case
(workflows.carrier_reports: what each call event or text changes, the opt-outs, A5.5's
confirmation), which answers its outcome (`applied`, `duplicate`, `opted_out`, ...). The
database must answer within 3 s; else 503.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from fastapi import APIRouter, Request

from campaign_platform.api.contract import CARRIER_SIGNATURE, raw_body, refusals
from campaign_platform.api.deps import ServicesDep
from campaign_platform.api.inputs import JsonRoute, parse_json
from campaign_platform.domain import carrier_signature, text
from campaign_platform.errors import ApiError, invalid
from campaign_platform.workflows import carrier_reports

router = APIRouter(route_class=JsonRoute, tags=["carrier callbacks"])

DATABASE_DEADLINE_SECONDS = 3.0
MAX_BODY_BYTES = 64 * 1024
EVENT_ID_MAX_LENGTH = 200


@router.post(
    "/v1/hooks/carrier",
    openapi_extra=raw_body({"application/json": "CarrierReport"}, CARRIER_SIGNATURE),
    responses=refusals({400: "invalid_json", 401: "invalid_signature", 413: "payload_too_large", 422: "invalid_input"}),
)
async def receive(request: Request, services: ServicesDep) -> dict:
    """`request`: the raw body (verified before it is parsed) and its signature header."""
    deadline = asyncio.get_running_loop().time() + DATABASE_DEADLINE_SECONDS

    # D4: the raw bytes, verified before anything is parsed.
    raw = await _read_body(request)
    signature = request.headers.get(carrier_signature.HEADER)
    if not carrier_signature.verify(services.settings.carrier_signing_secrets, signature, raw, time.time()):
        raise ApiError(401, "invalid_signature", "The Carrier-Signature header does not verify this body.")

    payload = _parse(raw)
    event_id = payload.get("event_id")
    if not isinstance(event_id, str) or not event_id.strip() or len(event_id) > EVENT_ID_MAX_LENGTH:
        raise invalid("invalid_input", "event_id is required.", "event_id")
    if not text.is_storable(event_id):  # the key of D3's replay check is never altered
        raise invalid("invalid_input", "event_id cannot hold a NUL character or a lone surrogate.", "event_id")
    payload, _ = text.clean(payload)  # a text's body, an unknown event's name: kept as U+FFFD
    applied = await carrier_reports.record(services, payload, event_id, deadline)
    return {"outcome": applied.outcome}


# --- input ------------------------------------------------------------------------------------


async def _read_body(request: Request) -> bytes:
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
        raise _too_large()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise _too_large()
        chunks.append(chunk)
    return b"".join(chunks)


def _parse(raw: bytes) -> dict[str, Any]:
    payload = parse_json(raw, None)  # UTF-8 JSON only, whatever the content type
    if not isinstance(payload, dict):
        raise ApiError(400, "invalid_json", "Send a JSON object as the body.")
    return payload


def _too_large() -> ApiError:
    return ApiError(413, "payload_too_large", f"Send at most {MAX_BODY_BYTES // 1024} KiB per callback.")
