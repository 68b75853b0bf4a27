"""Redis: the per-account log-in throttle (API.md, "Log-in throttle"), and the namespace of every
campaign's keys (API.md, Isolation)."""

from __future__ import annotations

import hashlib
from uuid import UUID

from redis.asyncio import Redis

from campaign_platform.domain.policies import LOGIN_THROTTLE

# Count a failure; start the window on the first one. Atomic, and it repairs a key that
# somehow lost its TTL instead of locking the account forever.
_RECORD_FAILURE = """
local failures = redis.call('INCR', KEYS[1])
if redis.call('TTL', KEYS[1]) < 0 then
    redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return failures
"""


def login_failures_key(email: str) -> str:
    return "cp:login-failures:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()


async def login_lockout_seconds(redis: Redis, email: str) -> int:
    """0 if the account may try to log in, else the seconds until the window ends."""
    key = login_failures_key(email)
    async with redis.pipeline(transaction=True) as pipe:
        failures, ttl = await pipe.get(key).ttl(key).execute()
    if failures is None or int(failures) < LOGIN_THROTTLE.max_failures:
        return 0
    return max(int(ttl), 1)


async def record_login_failure(redis: Redis, email: str) -> int:
    return int(await redis.eval(_RECORD_FAILURE, 1, login_failures_key(email), LOGIN_THROTTLE.window_seconds))


async def clear_login_failures(redis: Redis, email: str) -> None:
    await redis.delete(login_failures_key(email))


def campaign_prefix(campaign_id: UUID) -> str:
    """Every Redis key of a campaign starts so (totals, pacing, channels: API.md, Isolation)."""
    return f"cp:campaign:{campaign_id}:"


async def forget_campaign(redis: Redis, campaign_id: UUID) -> int:
    """Delete every key of the campaign (offboarding); how many were deleted."""
    deleted = 0
    async for key in redis.scan_iter(match=campaign_prefix(campaign_id) + "*", count=500):
        deleted += await redis.delete(key)
    return deleted
