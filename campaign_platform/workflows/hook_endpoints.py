"""The donation webhook's endpoints (B2): the campaign an endpoint names, and whether the HTTP
Basic credentials offered open it, before a byte of the body is read.

An endpoint's campaign context and stored credentials are kept a moment in this process
(`Services.hook_endpoints`: services.HOOK_ENDPOINT_CACHE_SECONDS at most) so a burst of
notifications reads them once. Only the database may refuse: credentials that do not match a
cached entry are checked again against a fresh read (a rotation or the campaign's clock may be
newer than the cache). A change made here (a rotation, new elections, offboarding) drops the
campaign's entries at once (`forget`).
"""

from __future__ import annotations

from uuid import UUID

from campaign_platform.domain import hook_credentials
from campaign_platform.errors import ApiError
from campaign_platform.services import Services
from campaign_platform.store import db, donations
from campaign_platform.workflows import ingest
from campaign_platform.workflows.background import within


async def open_endpoint(
    services: Services, endpoint: UUID, offered: tuple[str, str] | None, deadline: float
) -> ingest.CampaignContext:
    """The endpoint's campaign context if `offered` (username, password) opens it, by the (event
    loop) `deadline`; 404 `not_found`, 401 `invalid_credentials` or 503 `unavailable` otherwise."""
    context, stored, cached = await _lookup(services, endpoint, deadline, fresh=False)
    if _matching(stored, offered, context, services) != "current" and cached:
        # A rotation or the campaign's clock may be newer than the cache: only the database may
        # refuse, or accept a replaced password (whose window the clock decides).
        context, stored, _ = await _lookup(services, endpoint, deadline, fresh=True)
    if _matching(stored, offered, context, services) is None:
        raise ApiError(
            401, "invalid_credentials", "The webhook's username or password is not right.",
            headers={"WWW-Authenticate": f'Basic realm="{hook_credentials.REALM}"'},
        )  # fmt: skip
    return context


def forget(services: Services, campaign_id: UUID) -> None:
    """Drop cached endpoints of a campaign (after its credentials or elections change here)."""
    cache = services.hook_endpoints
    for key in list(cache.keys()):
        entry = cache.get(key)  # None if it expired meanwhile
        if entry is not None and entry[0].campaign_id == campaign_id:
            cache.pop(key, None)


def no_endpoint() -> ApiError:
    return ApiError(404, "not_found", "No such webhook.")


async def _lookup(
    services: Services, endpoint: UUID, deadline: float, fresh: bool
) -> tuple[ingest.CampaignContext, hook_credentials.StoredCredentials, bool]:
    """The endpoint's campaign context and credentials, and whether they came from the cache."""
    cache = services.hook_endpoints
    cached = None if fresh else cache.get(endpoint)
    if cached is not None:
        return cached[0], cached[1], True
    row = await within(deadline, _read_endpoint(services, endpoint), services.background)
    if row is None:
        cache.pop(endpoint, None)
        raise no_endpoint()
    context = ingest.CampaignContext.from_row(row)
    stored = hook_credentials.StoredCredentials(
        username=row["username"],
        password_sha256=bytes(row["password_sha256"]),
        previous_sha256=bytes(row["previous_password_sha256"]) if row["previous_password_sha256"] else None,
        previous_valid_until=row["previous_valid_until"],
    )
    cache[endpoint] = (context, stored)
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
