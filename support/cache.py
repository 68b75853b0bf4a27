"""Read-only probes into the platform's Redis: the fast, derived state (throttles, …)."""
from __future__ import annotations

import hashlib

import redis

from support.reporting import attach_json


def login_failures_key(email: str) -> str:
    """The platform's throttle key for an account (campaign_platform/API.md)."""
    return "cp:login-failures:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()


class Cache:
    def __init__(self, url: str):
        self.client = redis.Redis.from_url(url, decode_responses=True, socket_timeout=5)

    def close(self) -> None:
        self.client.close()

    def login_failures(self, email: str) -> tuple[int, int]:
        """(failed attempts counted, seconds until the count expires); (0, -2) when none."""
        key = login_failures_key(email)
        count, ttl = self.client.get(key), self.client.ttl(key)
        attach_json("cache: login failures", {"key": key, "count": count, "ttl_seconds": ttl})
        return int(count or 0), ttl
