"""The platform's collaborators, built once per process: settings, pools, Redis, clients, the
in-process cache of webhook endpoints.

`Services` sits below the HTTP layer: routers (api/) receive it through `api.deps.ServicesDep`;
use cases (workflows/) take it as an argument. Nothing here knows about HTTP.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from cachetools import TTLCache
from psycopg_pool import AsyncConnectionPool
from redis.asyncio import Redis

from campaign_platform.domain.passwords import Hashing
from campaign_platform.domain.sealed import Sealer
from campaign_platform.integrations.carrier import CarrierClient
from campaign_platform.integrations.mail import Mailer
from campaign_platform.integrations.processor import ProcessorClient
from campaign_platform.integrations.reassigned import ReassignedClient
from campaign_platform.integrations.resilience import Breakers
from campaign_platform.integrations.van import VanClient
from campaign_platform.settings import Settings
from campaign_platform.store import db, pacing
from campaign_platform.workflows.background import Background

if TYPE_CHECKING:  # the cache's entries (workflows.hook_endpoints); ingest itself imports Services
    from campaign_platform.domain.hook_credentials import StoredCredentials
    from campaign_platform.workflows.ingest import CampaignContext
    from campaign_platform.workflows.voter_sync import InFlight

REDIS_TIMEOUT_SECONDS = 2
SHUTDOWN_GRACE_SECONDS = 5  # for background work (reconciliations, late commits) to finish
HOOK_ENDPOINT_CACHE_SECONDS = 1.0  # how stale a cached webhook endpoint may be (in one process)
HOOK_ENDPOINT_CACHE_ENTRIES = 10_000


@dataclass(frozen=True)
class Services:
    settings: Settings
    pool: AsyncConnectionPool[db.Connection]
    redis: Redis
    mailer: Mailer
    background: Background
    processor: ProcessorClient
    carrier: CarrierClient
    pacer: pacing.Pacer
    autocommit_pool: AsyncConnectionPool[db.Connection]  # the dial path's single statements
    passwords: Hashing  # argon2id at the configured cost (CP_PASSWORD_HASH_*)
    breakers: Breakers  # one circuit breaker per third party, state in Redis (resilience.py)
    # The donation webhook's endpoints, read a moment ago: endpoint id -> (campaign context,
    # stored credentials) (workflows.hook_endpoints reads, fills and forgets it).
    hook_endpoints: TTLCache[UUID, tuple[CampaignContext, StoredCredentials]]
    van: VanClient  # VAN's API (voter sync), paced per committee
    sealer: Sealer  # third parties' credentials at rest (VAN's API keys)
    van_in_flight: InFlight  # the campaigns whose voter-sync work runs in this process
    reassigned: ReassignedClient | None = None  # the Reassigned Numbers Database (A7); None: not asked


def _in_flight() -> InFlight:
    from campaign_platform.workflows.voter_sync import InFlight  # noqa: PLC0415  (it imports Services)

    return InFlight()


def password_hashing(settings: Settings) -> Hashing:
    cost = settings.password_hashing
    return Hashing(cost.time_cost, cost.memory_kib, cost.parallelism)


@asynccontextmanager
async def open_services(settings: Settings) -> AsyncIterator[Services]:
    """Migrate, open every pool and client, and close them all (background work first) on exit."""
    await db.migrate(settings.migration_database_url or settings.database_url)
    pool = await db.open_pool(settings.database_url)
    try:
        redis = Redis.from_url(
            settings.redis_url,
            decode_responses=True,
            socket_timeout=REDIS_TIMEOUT_SECONDS,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        )
        try:
            background = Background()
            breakers = Breakers(redis, settings.breaker_failures, settings.breaker_cool_down)
            carrier = CarrierClient(settings.carrier_url, settings.carrier_api_key, breakers=breakers)
            reassigned = (
                ReassignedClient(settings.rnd_url, settings.rnd_api_key, breakers=breakers)
                if settings.rnd_url else None
            )
            van = VanClient(settings.van_url, settings.van_requests_per_second, settings.van_timeout_seconds,
                            breakers=breakers)
            # The dial path's single statements: autocommit, no BEGIN / COMMIT round trips.
            autocommit_pool = await db.open_pool(settings.database_url, hot_path=True)
            try:
                yield Services(
                    settings=settings,
                    pool=pool,
                    redis=redis,
                    mailer=Mailer(settings.smtp_host, settings.smtp_port, settings.mail_from, breakers),
                    background=background,
                    processor=ProcessorClient(settings.processor_url, breakers=breakers),
                    carrier=carrier,
                    pacer=pacing.Pacer(redis),
                    autocommit_pool=autocommit_pool,
                    passwords=password_hashing(settings),
                    breakers=breakers,
                    hook_endpoints=TTLCache(HOOK_ENDPOINT_CACHE_ENTRIES, HOOK_ENDPOINT_CACHE_SECONDS),
                    van=van,
                    sealer=Sealer(settings.credentials_key, settings.jwt_secret),
                    van_in_flight=_in_flight(),
                    reassigned=reassigned,
                )
            finally:
                await background.close(SHUTDOWN_GRACE_SECONDS)
                await carrier.close()
                await van.close()
                if reassigned is not None:
                    await reassigned.close()
                await autocommit_pool.close()
        finally:
            await redis.aclose()
    finally:
        await pool.close()

