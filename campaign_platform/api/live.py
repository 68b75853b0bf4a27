"""Live channels: WebSocket `/v1/campaigns/{campaign_id}/live/donations` and `.../live/calls`.

A browser cannot set headers on a WebSocket, so the first message authenticates:
{"type": "auth", "token": "<access token>"} within 5 s. Then every event published on the
campaign's Redis channel after a commit is forwarded as it is. One Redis subscription per
connection, dropped when either side leaves. Every channel shares this code and differs only in
the permission it needs and the Redis channel it relays (`serve`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable
from uuid import UUID

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from redis import exceptions as redis_errors

from campaign_platform.api.deps import Services
from campaign_platform.domain import permissions
from campaign_platform.domain.tokens import read_access_token
from campaign_platform.store import db, onboarding, pacing, totals
from campaign_platform.workflows.background import Background, within

router = APIRouter(tags=["live"])
log = logging.getLogger(__name__)

AUTH_WITHIN_SECONDS = 5.0
DATABASE_DEADLINE_SECONDS = 3.0
POLL_SECONDS = 1.0  # how long one wait for a Redis message lasts before looking again

# Close codes: 4401 no or bad token, 4403 the role lacks the channel's permission, 4404 not a
# member / no such campaign; 1013 (try again later) when PostgreSQL or Redis does not answer.
UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, TRY_AGAIN_LATER = 4401, 4403, 4404, 1013


@router.websocket("/v1/campaigns/{campaign_id}/live/donations")
async def live_donations(websocket: WebSocket, campaign_id: str) -> None:
    await serve(websocket, campaign_id, "view_donations", totals.channel, "donations")


@router.websocket("/v1/campaigns/{campaign_id}/live/calls")
async def live_calls(websocket: WebSocket, campaign_id: str) -> None:
    """The call board: call.placed, call.blocked, call.answered, call.completed."""
    await serve(websocket, campaign_id, "place_calls", pacing.channel, "calls")


async def serve(
    websocket: WebSocket, campaign_id: str, permission: str, channel_of: Callable[[UUID], str], name: str
) -> None:
    """Authenticate by the first message, require `permission`, then relay the campaign's channel."""
    services: Services = websocket.app.state.services
    await websocket.accept()
    try:
        close_code = await _authorize(websocket, services, campaign_id, permission)
    except WebSocketDisconnect:
        return
    if close_code is not None:
        await websocket.close(close_code)
        return
    pubsub = services.redis.pubsub()
    try:
        await pubsub.subscribe(channel_of(UUID(campaign_id)))
        await websocket.send_json({"type": "ready"})  # after subscribing: no event after it is missed
        await _relay(websocket, pubsub)
    except (redis_errors.RedisError, OSError) as exc:
        log.warning("live %s of %s: Redis: %s", name, campaign_id, type(exc).__name__)
        with contextlib.suppress(Exception):
            await websocket.close(TRY_AGAIN_LATER)
    except WebSocketDisconnect:
        pass
    finally:
        with contextlib.suppress(Exception):
            await pubsub.unsubscribe()
        await pubsub.aclose()


async def _authorize(websocket: WebSocket, services: Services, campaign_id: str, permission: str) -> int | None:
    """None if the first message admits the client to this campaign, else the close code."""
    try:
        message = await asyncio.wait_for(websocket.receive_text(), AUTH_WITHIN_SECONDS)
    except (TimeoutError, KeyError):  # KeyError: a binary frame has no text
        return UNAUTHENTICATED
    try:
        first = json.loads(message)
    except ValueError:
        return UNAUTHENTICATED
    token = first.get("token") if isinstance(first, dict) and first.get("type") == "auth" else None
    user_id = read_access_token(token, services.settings.jwt_secret) if isinstance(token, str) else None
    if user_id is None:
        return UNAUTHENTICATED
    try:
        campaign = UUID(campaign_id)
    except ValueError:
        return NOT_FOUND
    background: Background = websocket.app.state.background
    deadline = asyncio.get_running_loop().time() + DATABASE_DEADLINE_SECONDS
    try:
        role = await within(deadline, _role(services, campaign, user_id), background)
    except Exception as exc:  # a database that does not answer, or refuses
        log.warning("live channel of %s: %s", campaign_id, type(exc).__name__)
        return TRY_AGAIN_LATER
    if role is None:
        return NOT_FOUND
    if not permissions.can(role, permission):
        return FORBIDDEN
    return None


async def _role(services: Services, campaign: UUID, user_id: UUID) -> str | None:
    async with db.transaction(services.pool) as conn:
        return await onboarding.get_role(conn, campaign, user_id)


async def _relay(websocket: WebSocket, pubsub) -> None:
    """Forward events until the client leaves (or Redis fails)."""

    async def forward() -> None:
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=POLL_SECONDS)
            if message is not None and message["type"] == "message":
                await websocket.send_text(message["data"])

    async def until_client_leaves() -> None:
        while True:  # messages from the client are ignored
            if (await websocket.receive())["type"] == "websocket.disconnect":
                return

    tasks = {asyncio.create_task(forward()), asyncio.create_task(until_client_leaves())}
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    for task in done:
        task.result()  # re-raise what ended it (a Redis error), if anything
