"""Passwords in the use cases: policy enforcement, hashing off the event loop, throttled verification.

The hashing cost is the deployment's (services.passwords, from CP_PASSWORD_HASH_*)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from redis.asyncio import Redis

from campaign_platform.domain.passwords import Hashing, check_password
from campaign_platform.errors import ApiError, invalid
from campaign_platform.store import cache


async def enforce_policy(password: str, personal_details: Iterable[str], field: str) -> None:
    # zxcvbn takes up to ~50 ms on a long password: keep it off the event loop.
    violation = await asyncio.to_thread(check_password, password, list(personal_details))
    if violation is not None:
        raise invalid(violation.code, violation.message, field)


async def hash_password(hashing: Hashing, password: str) -> str:
    return await asyncio.to_thread(hashing.hash, password)


def invalid_credentials() -> ApiError:
    return ApiError(401, "invalid_credentials", "The email address or password is not right.")


async def verify_throttled(
    redis: Redis, hashing: Hashing, email: str, password_hash: str | None, password: str
) -> None:
    """Check a password against an account under the log-in throttle; raise the refusal."""
    lockout = await cache.login_lockout_seconds(redis, email)
    if lockout:
        raise ApiError(
            429,
            "too_many_attempts",
            f"Too many failed log-ins for this account. Try again in {lockout} seconds.",
            headers={"Retry-After": str(lockout)},
            retry_after_seconds=lockout,
        )
    if not await asyncio.to_thread(hashing.verify, password_hash, password):
        await cache.record_login_failure(redis, email)
        raise invalid_credentials()
