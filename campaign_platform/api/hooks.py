"""The donation webhook (rules B1-B6): `POST /v1/hooks/donations/{endpoint_id}`, no bearer token.

Checks in the order API.md gives, storing nothing on any refusal: the endpoint, its HTTP Basic
credentials (before a byte of the body is read), the body's size and JSON, the payload's shape.
The database work, lookup included, must answer within 3 s; else 503 so the processor retries.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from campaign_platform.api.deps import ServicesDep
from campaign_platform.domain import hook_credentials
from campaign_platform.domain.notifications import NotificationError, parse_notification
from campaign_platform.errors import ApiError
from campaign_platform.services import Services
from campaign_platform.store import db, donations
from campaign_platform.workflows import ingest
from campaign_platform.workflows.background import Background, within

router = APIRouter(tags=["donation webhook"])

DATABASE_DEADLINE_SECONDS = 3.0
MAX_BODY_BYTES = 64 * 1024
CONTEXT_CACHE_SECONDS = 1.0  # how stale a cached endpoint may be (in one process)


@router.post("/v1/hooks/donations/{endpoint_id}")
async def receive(endpoint_id: str, request: Request, services: ServicesDep) -> JSONResponse:
    """`request`: the raw headers and body stream (read only after the credentials)."""
    background = services.background
    deadline = asyncio.get_running_loop().time() + DATABASE_DEADLINE_SECONDS
    endpoint = _endpoint_id(endpoint_id)

    # 1-2. The endpoint and its credentials, before the body is read.
    offered = hook_credentials.read_basic(request.headers.get("authorization"))
    context, stored, cached = await _lookup(services, background, endpoint, deadline, fresh=False)
    if _matching(stored, offered, context, services) != "current" and cached:
        # A rotation or the campaign's clock may be newer than the cache: only the database may
        # refuse, or accept a replaced password (whose window the clock decides).
        context, stored, _ = await _lookup(services, background, endpoint, deadline, fresh=True)
    if _matching(stored, offered, context, services) is None:
        raise ApiError(
            401, "invalid_credentials", "The webhook's username or password is not right.",
            headers={"WWW-Authenticate": f'Basic realm="{hook_credentials.REALM}"'},
        )  # fmt: skip

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
    outcomes = await ingest.record(services, background, context, notification, "webhook", deadline)
    return JSONResponse({"received": outcomes})


def _endpoint_id(raw: str) -> UUID:
    try:
        return UUID(raw)
    except ValueError:
        raise _no_endpoint() from None


def _no_endpoint() -> ApiError:
    return ApiError(404, "not_found", "No such webhook.")


# endpoint id -> (monotonic time read, context, stored credentials)
_cache: dict[UUID, tuple[float, ingest.CampaignContext, hook_credentials.StoredCredentials]] = {}
_CACHE_MAX_ENTRIES = 10_000


def forget_endpoint(campaign_id: UUID) -> None:
    """Drop cached endpoints of a campaign (after its credentials or elections change here)."""
    for key in [k for k, (_, context, _) in _cache.items() if context.campaign_id == campaign_id]:
        _cache.pop(key, None)


async def _lookup(
    services: Services, background: Background, endpoint: UUID, deadline: float, fresh: bool
) -> tuple[ingest.CampaignContext, hook_credentials.StoredCredentials, bool]:
    """The endpoint's campaign context and credentials, and whether they came from the cache."""
    cached = _cache.get(endpoint)
    if not fresh and cached and time.monotonic() - cached[0] < CONTEXT_CACHE_SECONDS:
        return cached[1], cached[2], True
    row = await within(deadline, _read_endpoint(services, endpoint), background)
    if row is None:
        _cache.pop(endpoint, None)
        raise _no_endpoint()
    context = ingest.CampaignContext.from_row(row)
    stored = hook_credentials.StoredCredentials(
        username=row["username"],
        password_sha256=bytes(row["password_sha256"]),
        previous_sha256=bytes(row["previous_password_sha256"]) if row["previous_password_sha256"] else None,
        previous_valid_until=row["previous_valid_until"],
    )
    if len(_cache) >= _CACHE_MAX_ENTRIES:
        _cache.clear()
    _cache[endpoint] = (time.monotonic(), context, stored)
    return context, stored, False


async def _read_endpoint(services: Services, endpoint: UUID):
    """The endpoint names its campaign (a lookup across campaigns, returning the id only); its
    credentials and context are then read as that campaign, under row-level security."""
    async with db.transaction(services.pool) as conn:
        campaign_id = await donations.campaign_of_webhook(conn, endpoint)
        if campaign_id is None:
            return None
        await db.enter_campaign(conn, campaign_id)
        return await donations.hook_context(conn, endpoint)


def _matching(
    stored: hook_credentials.StoredCredentials,
    offered: tuple[str, str] | None,
    context: ingest.CampaignContext,
    services: Services,
) -> str | None:
    if offered is None:
        return None
    return hook_credentials.matching(stored, *offered, now=context.now(services.settings.test_mode))


async def _read_json(request: Request) -> dict[str, Any]:
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
        raise _too_large()
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise _too_large()
        chunks.append(chunk)
    if media_type != "application/json":
        raise _invalid_json()
    try:
        body = json.loads(b"".join(chunks))
    except (ValueError, RecursionError):
        raise _invalid_json() from None
    if not isinstance(body, dict):
        raise _invalid_json()
    return body


def _too_large() -> ApiError:
    return ApiError(413, "payload_too_large", f"Send at most {MAX_BODY_BYTES // 1024} KiB per notification.")


def _invalid_json() -> ApiError:
    return ApiError(400, "invalid_json", "Send a JSON object as the body (Content-Type: application/json).")
