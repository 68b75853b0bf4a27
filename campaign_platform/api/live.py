"""Live channels: WebSocket `/v1/campaigns/{campaign_id}/live/donations` and `.../live/calls`.

A browser cannot set headers on a WebSocket, so the first message authenticates:
{"type": "auth", "token": "<access token or API key>"} within 5 s, checked as on every
campaign-scoped route (deps.member_of). Then every event published on the campaign's Redis channel
after a commit is forwarded as it is. One Redis subscription per connection, dropped when either
side leaves. Announcements end a subscription at once: the campaign deleted (forwarded, then
4404), the subscriber removed from the team (4404), its role changed to one that may not watch
the channel (4403) or its API key revoked (4401), none but the first forwarded (a role change
the new role may still watch leaves the channel open). Every channel shares this code and differs only in
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

from campaign_platform.api.deps import Member, Refused, ServicesDep, check_permission, member_of
from campaign_platform.api.inputs import JsonRoute
from campaign_platform.domain import permissions
from campaign_platform.errors import ApiError
from campaign_platform.services import Services
from campaign_platform.store import pacing, totals
from campaign_platform.workflows.background import within

router = APIRouter(route_class=JsonRoute, tags=["live"])
log = logging.getLogger(__name__)

AUTH_WITHIN_SECONDS = 5.0
DATABASE_DEADLINE_SECONDS = 3.0
POLL_SECONDS = 1.0  # how long one wait for a Redis message lasts before looking again

# Close codes: 4401 no or bad token, 4403 the role lacks the channel's permission, 4404 not a
# member / no such campaign; 1013 (try again later) when PostgreSQL or Redis does not answer.
UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, TRY_AGAIN_LATER = 4401, 4403, 4404, 1013
CAMPAIGN_DELETED, KEY_REVOKED, MEMBER_REMOVED = "campaign.deleted", "api_key.revoked", "member.removed"
ROLE_CHANGED = "member.role_changed"
_ANNOUNCEMENTS = (KEY_REVOKED, CAMPAIGN_DELETED, MEMBER_REMOVED, ROLE_CHANGED)
CHANNELS = (totals.channel, pacing.channel)  # every live channel of a campaign


async def announce(redis, campaign_id: UUID, message: dict) -> None:
    """Tell every live channel of the campaign (offboarding, a key revoked); Redis trouble is
    logged: a revoked key's channel then ends when its client reconnects."""
    try:
        for channel_of in CHANNELS:
            await redis.publish(channel_of(campaign_id), json.dumps(message))
    except (redis_errors.RedisError, OSError) as exc:
        log.warning("announcing %s to %s: Redis: %s", message.get("type"), campaign_id, type(exc).__name__)


@router.websocket("/v1/campaigns/{campaign_id}/live/donations")
async def live_donations(websocket: WebSocket, campaign_id: str, services: ServicesDep) -> None:
    await serve(websocket, services, campaign_id, "view_donations", totals.channel, "donations")


@router.websocket("/v1/campaigns/{campaign_id}/live/calls")
async def live_calls(websocket: WebSocket, campaign_id: str, services: ServicesDep) -> None:
    """The call board: call.placed, call.blocked, call.answered, call.completed."""
    await serve(websocket, services, campaign_id, "place_calls", pacing.channel, "calls")


async def serve(
    websocket: WebSocket,
    services: Services,
    campaign_id: str,
    permission: str,
    channel_of: Callable[[UUID], str],
    name: str,
) -> None:
    """Authenticate by the first message, require `permission`, then relay the campaign's channel."""
    await websocket.accept()
    try:
        close_code = await _authorize(websocket, services, campaign_id, permission)
    except WebSocketDisconnect:
        return
    if isinstance(close_code, int):
        await websocket.close(close_code)
        return
    member: Member = close_code
    pubsub = services.redis.pubsub()
    try:
        await pubsub.subscribe(channel_of(UUID(campaign_id)))
        await websocket.send_json({"type": "ready"})  # after subscribing: no event after it is missed
        await _relay(websocket, pubsub, member, permission)
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


async def _authorize(websocket: WebSocket, services: Services, campaign_id: str, permission: str) -> Member | int:
    """The member the first message admits to this campaign, else the close code."""
    try:
        message = await asyncio.wait_for(websocket.receive_text(), AUTH_WITHIN_SECONDS)
    except (TimeoutError, KeyError):  # KeyError: a binary frame has no text
        return UNAUTHENTICATED
    try:
        first = json.loads(message)
    except ValueError:
        return UNAUTHENTICATED
    token = first.get("token") if isinstance(first, dict) and first.get("type") == "auth" else None
    if not isinstance(token, str) or not token:
        return UNAUTHENTICATED
    try:
        campaign = UUID(campaign_id)
    except ValueError:
        return NOT_FOUND
    background = services.background
    deadline = asyncio.get_running_loop().time() + DATABASE_DEADLINE_SECONDS
    try:
        member = await within(deadline, member_of(services, token, campaign), background)
    except Refused as refused:
        return UNAUTHENTICATED if refused.status == 401 else NOT_FOUND
    except Exception as exc:  # a database that does not answer, or refuses
        log.warning("live channel of %s: %s", campaign_id, type(exc).__name__)
        return TRY_AGAIN_LATER
    try:
        check_permission(member, permission)
    except ApiError:
        return FORBIDDEN
    return member


async def _relay(websocket: WebSocket, pubsub, member: Member, permission: str) -> None:
    """Forward events until the client leaves, the campaign is deleted, the subscriber's key is
    revoked, the subscriber is removed or given a role without `permission` (or Redis fails)."""

    async def forward() -> None:
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=POLL_SECONDS)
            if message is None or message["type"] != "message":
                continue
            kind = _kind(message["data"])
            if kind in (KEY_REVOKED, MEMBER_REMOVED, ROLE_CHANGED):  # not events: never forwarded
                if _names(message["data"], member):
                    close_code = _closes(kind, message["data"], permission)
                    if close_code is not None:
                        await websocket.close(close_code)
                        return
                continue
            await websocket.send_text(message["data"])
            if kind == CAMPAIGN_DELETED:
                await websocket.close(NOT_FOUND)
                return

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


def _kind(data: str) -> str | None:
    """The type of an announcement; None for an ordinary event (parsed only when it may be one)."""
    if not any(kind in data for kind in _ANNOUNCEMENTS):
        return None
    with contextlib.suppress(ValueError, AttributeError):
        return json.loads(data).get("type")
    return None


def _closes(kind: str, data: str, permission: str) -> int | None:
    """The close code an announcement about this subscriber ends its channel with; None when the
    channel stays open (a new role that still holds the channel's permission)."""
    if kind == KEY_REVOKED:
        return UNAUTHENTICATED
    if kind == MEMBER_REMOVED:
        return NOT_FOUND
    return None if permissions.can(json.loads(data).get("role"), permission) else FORBIDDEN


def _names(data: str, member: Member) -> bool:
    """Whether an announcement (a key revoked, a member removed) is about this subscriber."""
    announced = json.loads(data)
    if member.api_key_id is not None:
        return announced.get("api_key_id") == str(member.api_key_id)
    return announced.get("user_id") == str(member.user_id)
