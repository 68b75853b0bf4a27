"""Probes into the platform's Redis: the fast, derived state (throttles, running totals).

Everything here reads, except `forget_*`, which stands for the cache losing data (a fault the
local-only scenarios inject).
"""
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

    # -- donations -----------------------------------------------------------------------------
    TOTAL_FIELDS = ("gross_cents", "refunded_cents", "net_cents", "contributions")

    @staticmethod
    def donation_totals_key(campaign_id: str) -> str:
        return f"cp:campaign:{campaign_id}:donation-totals"

    def donation_totals(self, campaign_id: str) -> dict | None:
        """The running totals the dashboard reads, as integers; None when the hash is missing."""
        key = self.donation_totals_key(campaign_id)
        raw = self.client.hgetall(key)
        totals = {name: int(raw.get(name, 0)) for name in self.TOTAL_FIELDS} if raw else None
        attach_json("cache: donation totals", {"key": key, "totals": totals})
        return totals

    def forget_donation_totals(self, campaign_id: str) -> None:
        """Fault injection (local only): the cache loses the campaign's running totals."""
        self.client.delete(self.donation_totals_key(campaign_id))
