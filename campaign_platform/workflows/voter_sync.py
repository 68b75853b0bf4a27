"""Voter sync with VAN (rules V1-V7), without HTTP: connect a committee, list and choose a saved
list, sync it into the campaign's contacts, and send back what the platform recorded.

- Connect (V7): the credentials are checked with VAN first (a refusal stores nothing), then the
  API key is sealed (`domain.sealed`) and stored; it is never returned or logged.
- Sync (V1, V6): a job exports the saved list, streams the file and upserts 1,000 rows per
  transaction, with the job's position, so an outage (a 5xx, a dropped download, a hang past
  the timeout) leaves the job waiting and the next attempt resumes at the first row not yet
  committed; nothing is lost or doubled (the upsert is by VAN ID).
- Compliance (V2, V3): the sync writes only what VAN owns (`store.voter_sync`).
- Results go back (V5): the outbox (filled by the database in the transaction that records a
  do-not-call entry or a completed call, and by the sync for people already on the platform's
  list) is sent to VAN, each item until VAN has it.
- Rate (V4): `integrations.van` paces every committee's requests and honours Retry-After.

`run_forever` is the loop that picks up due work; a new sync also starts at once.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import timedelta
from uuid import UUID

from psycopg.errors import UniqueViolation

from campaign_platform.domain import clock
from campaign_platform.domain import van as rules
from campaign_platform.errors import ApiError, invalid
from campaign_platform.integrations.van import (
    Committee,
    VanClient,
    VanError,
    VanNotFound,
    VanUnauthorized,
    VanUnavailable,
)
from campaign_platform.services import Services
from campaign_platform.store import db
from campaign_platform.store import voter_sync as store
from campaign_platform.workflows import background
from campaign_platform.workflows.contact_import import _records as csv_records

log = logging.getLogger(__name__)

CHUNK_ROWS = 1_000  # export rows per transaction (V6: the unit a resumed sync skips)
OUTBOX_BATCH = 100
RETRY_SECONDS = (0.5, 60.0)  # first and longest wait after VAN failed (doubling)
PUSH_LEASE = timedelta(seconds=120)  # an item being sent is not picked up again meanwhile
APPLICATION_NAME_MAX = 200
API_KEY_PATTERN = r"^[^\s|\u0000-\u001f\u007f]+$"  # as VAN issues it: no space, no "|" (it joins the mode)
API_KEY = re.compile(API_KEY_PATTERN)


@dataclass
class InFlight:
    """The campaigns whose VAN work runs in this process now (one run per campaign)."""

    campaigns: set[UUID] = field(default_factory=set)


# --- connecting (V7) --------------------------------------------------------------------------


def committee_from(application_name: str, api_key: str, mode: int) -> Committee:
    name, key = application_name.strip(), api_key
    if not name or len(name) > APPLICATION_NAME_MAX or any(ch < " " or ch == "\x7f" for ch in name):
        raise invalid("invalid_input", "Give VAN's application name (one line).", "application_name")
    if not API_KEY.fullmatch(key):
        raise invalid("invalid_input", "Give the committee's VAN API key, as VAN issued it.", "api_key")
    if mode not in rules.DATABASE_MODES:
        raise invalid("invalid_input", "database_mode is 0 (VoterFile) or 1 (MyCampaign).", "database_mode")
    return Committee(name, key, mode)


async def connect(services: Services, campaign_id: UUID, user_id: UUID | None, committee: Committee) -> dict:
    """Check the credentials with VAN, then store them sealed. A refusal stores nothing."""
    try:
        await services.van.check(committee)
        codes = await services.van.result_codes(committee)
    except VanError as exc:
        raise _refusal(exc) from None
    sealed = services.sealer.seal(committee.api_key)
    async with db.transaction(services.pool, campaign_id) as conn:
        await store.save_connection(conn, campaign_id, committee.application_name, committee.mode, sealed, codes,
                                    user_id)  # fmt: skip
        return view(await store.get_connection(conn, campaign_id))


def view(connection) -> dict:
    """The connection as the API shows it: never the API key."""
    return {
        "application_name": connection["application_name"],
        "database_mode": connection["database_mode"],
        "database": rules.DATABASE_MODES[connection["database_mode"]],
        "saved_list": None if connection["saved_list_id"] is None
        else {"saved_list_id": connection["saved_list_id"], "name": connection["saved_list_name"]},
        "connected_at": connection["connected_at"],
    }  # fmt: skip


async def connection_of(services: Services, campaign_id: UUID):
    async with db.transaction(services.pool, campaign_id) as conn:
        connection = await store.get_connection(conn, campaign_id)
    if connection is None:
        raise ApiError(409, "van_not_connected", "Connect the campaign's VAN committee first.")
    return connection


def opened(services: Services, connection) -> Committee:
    api_key = services.sealer.open(connection["sealed_api_key"])
    return Committee(connection["application_name"], api_key, connection["database_mode"])


async def saved_lists(services: Services, campaign_id: UUID) -> list[dict]:
    committee = opened(services, await connection_of(services, campaign_id))
    try:
        found = await services.van.saved_lists(committee)
    except VanError as exc:
        raise _refusal(exc) from None
    return [{"saved_list_id": int(item["savedListId"]), "name": item.get("name"), "people": item.get("listCount")}
            for item in found]  # fmt: skip


async def choose_list(services: Services, campaign_id: UUID, saved_list_id: int) -> dict:
    committee = opened(services, await connection_of(services, campaign_id))
    saved = await _saved_list(services.van, committee, saved_list_id)
    async with db.transaction(services.pool, campaign_id) as conn:
        await store.choose_list(conn, campaign_id, saved_list_id, str(saved.get("name") or saved_list_id))
        return view(await store.get_connection(conn, campaign_id))


# --- syncing (V1, V6) -------------------------------------------------------------------------


async def start_sync(services: Services, campaign_id: UUID, user_id: UUID | None) -> dict:
    connection = await connection_of(services, campaign_id)
    if connection["saved_list_id"] is None:
        raise ApiError(409, "no_saved_list", "Choose the saved list to sync first.")
    saved = await _saved_list(services.van, opened(services, connection), connection["saved_list_id"])
    try:
        async with db.transaction(services.pool, campaign_id) as conn:
            if (running := await store.active_job(conn, campaign_id)) is not None:
                raise _in_progress(running)
            job = await store.insert_job(conn, campaign_id, connection["saved_list_id"], saved.get("listCount"),
                                         user_id)  # fmt: skip
    except UniqueViolation:  # another start won between the look and the insert: one sync at a time
        async with db.transaction(services.pool, campaign_id) as conn:
            raise _in_progress(await store.active_job(conn, campaign_id)) from None
    start_soon(services, campaign_id)
    return job_view(job)


def _in_progress(running) -> ApiError:
    return ApiError(409, "sync_in_progress", "A sync of this campaign is already under way.",
                    **({"sync": job_view(running)} if running else {}))


def job_view(job) -> dict:
    return {
        "sync_id": job["sync_id"],
        "saved_list_id": job["saved_list_id"],
        "status": job["status"],
        "expected": job["expected"],
        "rows_done": job["rows_done"],
        "created": job["created"],
        "updated": job["updated"],
        "unchanged": job["unchanged"],
        "skipped": job["skipped"],
        "attempts": job["attempts"],
        "interruptions": job["interruptions"],
        "last_error": job["last_error"],
        "next_attempt_at": job["next_attempt_at"],
        "requested_at": job["requested_at"],
        "finished_at": job["finished_at"],
    }


def start_soon(services: Services, campaign_id: UUID) -> None:
    """The campaign's due work, in the background, unless it runs already in this process."""
    if campaign_id in services.van_in_flight.campaigns:
        return
    services.van_in_flight.campaigns.add(campaign_id)
    services.background.spawn(_work(services, campaign_id), f"voter sync {campaign_id}")


async def _work(services: Services, campaign_id: UUID) -> None:
    try:
        now = clock.real_now()
        async with db.transaction(services.pool, campaign_id) as conn:
            job = await store.claim_job(conn, campaign_id, now)
            connection = await store.get_connection(conn, campaign_id)
        if connection is None:
            return
        committee = opened(services, connection)
        if job is not None:
            await _sync(services, campaign_id, committee, job)
        await push(services, campaign_id, committee, connection["result_codes"] or {})
    finally:
        services.van_in_flight.campaigns.discard(campaign_id)


async def _sync(services: Services, campaign_id: UUID, committee: Committee, job) -> None:
    sync_id, skip = job["sync_id"], job["rows_done"]
    url = job["download_url"]
    try:
        if url is None:
            url = await services.van.export(committee, job["saved_list_id"], rules.EXPORT_TYPE)
            async with db.transaction(services.pool, campaign_id) as conn:
                await store.set_download(conn, sync_id, url)
        await _stream_into_contacts(services, campaign_id, sync_id, services.van.download(url), skip)
    except VanUnauthorized:
        async with db.transaction(services.pool, campaign_id) as conn:
            await store.finish(conn, sync_id, "failed", "VAN refused the committee's credentials; connect again.")
        return
    except VanError as exc:  # V6: VAN went away; wait, then resume where the sync stopped
        retry = _backoff(job["interruptions"])
        if isinstance(exc, VanUnavailable) and exc.retry_after:
            retry = max(retry, exc.retry_after)
        log.warning("voter sync %s interrupted: %s", sync_id, exc)
        async with db.transaction(services.pool, campaign_id) as conn:
            await store.interrupt(conn, sync_id, str(exc), clock.real_now() + timedelta(seconds=retry),
                                  forget_download=isinstance(exc, VanNotFound))  # fmt: skip
        return
    except _Unreadable as exc:
        async with db.transaction(services.pool, campaign_id) as conn:
            await store.finish(conn, sync_id, "failed", str(exc))
        return
    async with db.transaction(services.pool, campaign_id) as conn:
        await store.finish(conn, sync_id, "completed", None)


class _Unreadable(Exception):
    """VAN's file is not the export the platform asked for."""


async def _stream_into_contacts(services: Services, campaign_id: UUID, sync_id: UUID, pieces, skip: int) -> None:
    """Rows after the first `skip` of the file, 1,000 per transaction with the job's position."""
    header: list[str] | None = None
    seen = 0
    chunk: list[list[str]] = []
    async for records in csv_records(pieces):
        if header is None:
            header = records.pop(0)
            missing = [name for name in rules.REQUIRED_COLUMNS if name not in header]
            if missing:
                raise _Unreadable(f"VAN's export has no column {', '.join(missing)}")
        for record in records:
            if not any(cell.strip() for cell in record):
                continue
            seen += 1
            if seen <= skip:
                continue
            chunk.append(record)
            if len(chunk) >= CHUNK_ROWS:
                await _write(services, campaign_id, sync_id, header, chunk)
                chunk = []
    if chunk:
        await _write(services, campaign_id, sync_id, header or [], chunk)


async def _write(services: Services, campaign_id: UUID, sync_id: UUID, header: list[str], records) -> None:
    voters: dict[int, rules.Voter] = {}
    phones: dict[str, int] = {}
    for record in records:
        voter, _why = rules.voter_from_row(dict(zip(header, record, strict=False)))
        if voter is None:
            continue
        if voter.e164 in phones:  # two people with one phone in one chunk: the later one wins
            voters.pop(phones[voter.e164], None)
        voters[voter.van_id] = voter
        phones[voter.e164] = voter.van_id
    async with db.transaction(services.pool, campaign_id) as conn:
        created, updated, unchanged, skipped = await store.upsert_chunk(conn, campaign_id, list(voters.values()))
        skipped += len(records) - len(voters)
        await store.record_chunk(conn, sync_id, len(records), created, updated, unchanged, skipped)


def _backoff(interruptions: int) -> float:
    return min(RETRY_SECONDS[0] * 2**interruptions, RETRY_SECONDS[1])


# --- results go back (V5) ---------------------------------------------------------------------


async def push(services: Services, campaign_id: UUID, committee: Committee, result_codes: dict) -> int:
    """Send what is due; stop at the first sign VAN is down (the rest waits). Items sent."""
    now = clock.real_now()
    async with db.transaction(services.pool, campaign_id) as conn:
        items = await store.lease_outbox(conn, campaign_id, now, now + PUSH_LEASE, OUTBOX_BATCH)
    items.sort(key=lambda item: item["created_at"])
    sent = 0
    for position, item in enumerate(items):
        try:
            await _send(services.van, committee, result_codes, item)
        except VanError as exc:
            retry_at = clock.real_now() + timedelta(seconds=_backoff(item["attempts"]))
            async with db.transaction(services.pool, campaign_id) as conn:
                await store.mark_failed(conn, item["id"], str(exc), retry_at)
                if isinstance(exc, VanUnavailable):  # VAN is down: the rest waits with it
                    await store.release(conn, [rest["id"] for rest in items[position + 1:]], retry_at)
            if isinstance(exc, VanUnavailable):
                break
            continue
        async with db.transaction(services.pool, campaign_id) as conn:
            await store.mark_sent(conn, item["id"])
        sent += 1
    return sent


async def _send(van: VanClient, committee: Committee, result_codes: dict, item) -> None:
    phone = rules.van_phone(item["e164"])
    if item["kind"] == "do_not_call":
        await van.flag_do_not_call(committee, item["van_id"], phone)
        return
    name = rules.call_result(item["answered_by"])
    if name not in result_codes:
        raise VanNotFound(f"VAN's result code {name!r}")
    await van.canvass_result(committee, item["van_id"], result_codes[name], phone,
                             item["occurred_at"].date().isoformat())  # fmt: skip


# --- the loop ---------------------------------------------------------------------------------


async def run_forever(services: Services, every: float) -> None:
    await background.every(every, lambda: tick(services), "voter sync loop")


async def tick(services: Services) -> None:
    async with db.transaction(services.pool) as conn:  # the one lookup across campaigns: ids only
        campaigns = await store.campaigns_with_work(conn, clock.real_now())
    for campaign_id in campaigns:
        start_soon(services, campaign_id)


# --- refusals ---------------------------------------------------------------------------------


async def _saved_list(van: VanClient, committee: Committee, saved_list_id: int) -> dict:
    try:
        return await van.saved_list(committee, saved_list_id)
    except VanNotFound:
        raise ApiError(422, "saved_list_not_found", f"VAN has no saved list {saved_list_id} for this committee.",
                       field="saved_list_id") from None  # fmt: skip
    except VanError as exc:
        raise _refusal(exc) from None


def _refusal(exc: VanError) -> ApiError:
    if isinstance(exc, VanUnauthorized):
        return ApiError(422, "van_credentials_refused",
                        "VAN did not accept the application name, API key and database mode.")  # fmt: skip
    if isinstance(exc, VanUnavailable):
        return ApiError(503, "van_unavailable", "VAN is not answering; try again later.",
                        headers={"Retry-After": "5"})  # fmt: skip
    return ApiError(502, "van_refused", "VAN refused the request.")
