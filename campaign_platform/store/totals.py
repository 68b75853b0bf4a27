"""Redis: a campaign's donation totals (a hash) and its live channel (pub/sub).

The hash `cp:campaign:<id>:donation-totals` holds gross_cents, refunded_cents, net_cents and
contributions. It changes only after a PostgreSQL commit, in one script per transaction, and is
rebuilt from PostgreSQL when missing. A rebuild can race commits whose increments have not run
yet (or ran on the hash it replaces); to count every commit exactly once, each increment carries
its transaction id and is remembered in a short log, and a rebuild stores the PostgreSQL snapshot
it read: an increment whose transaction the snapshot already saw is not applied again, and a
logged increment the snapshot did not see is applied again on the rebuilt hash.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from redis.asyncio import Redis

from campaign_platform.store.cache import campaign_prefix

FIELDS = ("gross_cents", "refunded_cents", "net_cents", "contributions")
LOG_LENGTH = 2000  # increments remembered for a racing rebuild (seconds of traffic)
LOG_TTL_SECONDS = 600


def totals_key(campaign_id: UUID) -> str:
    return campaign_prefix(campaign_id) + "donation-totals"


def channel(campaign_id: UUID) -> str:
    return campaign_prefix(campaign_id) + "donations"


def _keys(campaign_id: UUID) -> list[str]:
    base = totals_key(campaign_id)
    return [base, base + ":snapshot", base + ":log"]


@dataclass(frozen=True)
class Change:
    """One new contribution or refund: its live event and what it adds to the four totals."""

    event: str  # "contribution.recorded" | "contribution.refunded"
    lineitem_id: str
    amount_cents: int

    @property
    def deltas(self) -> tuple[int, int, int, int]:
        if self.event == "contribution.recorded":
            return (self.amount_cents, 0, self.amount_cents, 1)
        return (0, self.amount_cents, -self.amount_cents, 0)

    def event_prefix(self) -> str:
        """The event's JSON up to its totals, which the script appends."""
        head = json.dumps(
            {"type": self.event, "lineitem_id": self.lineitem_id, "amount_cents": self.amount_cents}
        )
        return head[:-1] + ', "totals": '


_VISIBLE = """
local function visible(xid)
    local snap = redis.call('HMGET', KEYS[2], 'xmin', 'xmax', 'xip')
    if not snap[1] then return false end
    if xid < tonumber(snap[1]) then return true end
    if xid >= tonumber(snap[2]) then return false end
    for x in string.gmatch(snap[3] or '', '[^,]+') do
        if tonumber(x) == xid then return false end
    end
    return true
end
local function totals_json()
    local t = redis.call('HMGET', KEYS[1], 'gross_cents', 'refunded_cents', 'net_cents', 'contributions')
    return '{"gross_cents": ' .. t[1] .. ', "refunded_cents": ' .. t[2] .. ', "net_cents": ' .. t[3]
        .. ', "contributions": ' .. t[4] .. '}'
end
local function add(dg, dr, dn, dc)
    redis.call('HINCRBY', KEYS[1], 'gross_cents', dg)
    redis.call('HINCRBY', KEYS[1], 'refunded_cents', dr)
    redis.call('HINCRBY', KEYS[1], 'net_cents', dn)
    redis.call('HINCRBY', KEYS[1], 'contributions', dc)
end
"""

# KEYS: hash, snapshot, log. ARGV: xid, channel, log length, log ttl, then per change
# dg, dr, dn, dc, event prefix. Returns 0 if the hash is missing (nothing applied or published).
_APPLY = (
    _VISIBLE
    + """
local xid = tonumber(ARGV[1])
local sum = {0, 0, 0, 0}
for i = 5, #ARGV, 5 do
    for j = 1, 4 do sum[j] = sum[j] + tonumber(ARGV[i + j - 1]) end
end
redis.call('LPUSH', KEYS[3], ARGV[1] .. ' ' .. table.concat(sum, ' '))
redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[3]) - 1)
redis.call('EXPIRE', KEYS[3], ARGV[4])
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local counted = visible(xid)
for i = 5, #ARGV, 5 do
    if not counted then add(ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]) end
    redis.call('PUBLISH', ARGV[2], ARGV[i + 4] .. totals_json() .. '}')
end
return 1
"""
)

# KEYS: hash, snapshot, log. ARGV: force, gross, refunded, net, contributions, xmin, xmax, xip.
# Unless forced, an existing hash is kept. Returns the four totals.
_REBUILD = (
    _VISIBLE
    + """
if ARGV[1] == '1' or redis.call('EXISTS', KEYS[1]) == 0 then
    redis.call('DEL', KEYS[1])
    redis.call('HSET', KEYS[1], 'gross_cents', ARGV[2], 'refunded_cents', ARGV[3], 'net_cents', ARGV[4],
               'contributions', ARGV[5])
    redis.call('HSET', KEYS[2], 'xmin', ARGV[6], 'xmax', ARGV[7], 'xip', ARGV[8])
    for _, entry in ipairs(redis.call('LRANGE', KEYS[3], 0, -1)) do
        local f = {}
        for x in string.gmatch(entry, '%S+') do f[#f + 1] = x end
        if not visible(tonumber(f[1])) then add(f[2], f[3], f[4], f[5]) end
    end
end
return redis.call('HMGET', KEYS[1], 'gross_cents', 'refunded_cents', 'net_cents', 'contributions')
"""
)


async def apply(redis: Redis, campaign_id: UUID, xid: str, changes: Sequence[Change]) -> bool:
    """Add the changes of one committed transaction and publish their events. False: no hash."""
    args: list[object] = [xid, channel(campaign_id), LOG_LENGTH, LOG_TTL_SECONDS]
    for change in changes:
        args += [*change.deltas, change.event_prefix()]
    return bool(await redis.register_script(_APPLY)(keys=_keys(campaign_id), args=args))


async def store_rebuilt(redis: Redis, campaign_id: UUID, row: dict, force: bool) -> dict[str, int]:
    """Write totals read from PostgreSQL (`store.donations.totals`); unless forced, only if missing."""
    xmin, xmax, xip = row["snapshot"].split(":")
    gross, refunded = int(row["gross_cents"]), int(row["refunded_cents"])
    args = [
        "1" if force else "0",
        gross,
        refunded,
        gross - refunded,
        int(row["contributions"]),
        xmin,
        xmax,
        xip,
    ]
    values = await redis.register_script(_REBUILD)(keys=_keys(campaign_id), args=args)
    return dict(zip(FIELDS, (int(v) for v in values), strict=True))


async def read(redis: Redis, campaign_id: UUID) -> dict[str, int] | None:
    values = await redis.hmget(totals_key(campaign_id), FIELDS)
    if any(value is None for value in values):
        return None
    return dict(zip(FIELDS, (int(v) for v in values), strict=True))


async def forget(redis: Redis, campaign_id: UUID) -> None:
    """After a failure that may have left the hash wrong: the next read rebuilds it."""
    await redis.delete(totals_key(campaign_id))


async def publish(redis: Redis, campaign_id: UUID, changes: Sequence[Change], totals: dict[str, int]) -> None:
    async with redis.pipeline(transaction=False) as pipe:
        for change in changes:
            event = {
                "type": change.event,
                "lineitem_id": change.lineitem_id,
                "amount_cents": change.amount_cents,
            }
            pipe.publish(channel(campaign_id), json.dumps({**event, "totals": totals}))
        await pipe.execute()
