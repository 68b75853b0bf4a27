"""Passwords at the edge: policy enforcement, argon2 hashing, throttled verification."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Iterable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from redis.asyncio import Redis

from campaign_platform.domain.passwords import check_password
from campaign_platform.errors import ApiError, invalid
from campaign_platform.store import cache

_hasher = PasswordHasher()


async def enforce_policy(password: str, personal_details: Iterable[str], field: str) -> None:
    # zxcvbn takes up to ~50 ms on a long password: keep it off the event loop.
    violation = await asyncio.to_thread(check_password, password, list(personal_details))
    if violation is not None:
        raise invalid(violation.code, violation.message, field)


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_hasher.hash, password)


@functools.cache
def _dummy_hash() -> str:
    return _hasher.hash("no account has this password")


def _verify(password_hash: str | None, password: str) -> bool:
    if password_hash is None:
        # No such account: spend the same time anyway, so timing does not reveal which emails exist.
        _matches(_dummy_hash(), password)
        return False
    return _matches(password_hash, password)


def _matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def invalid_credentials() -> ApiError:
    return ApiError(401, "invalid_credentials", "The email address or password is not right.")


async def verify_throttled(redis: Redis, email: str, password_hash: str | None, password: str) -> None:
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
    if not await asyncio.to_thread(_verify, password_hash, password):
        await cache.record_login_failure(redis, email)
        raise invalid_credentials()
