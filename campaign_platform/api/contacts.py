"""Contacts (campaign-scoped): one at a time, or a CSV import streamed in chunks of 1,000 rows.

A contact is validated by `domain.contacts` in both cases. Without a line type, the carrier's
lookup decides (one contact at a time only: an import does not phone the carrier 100,000 times;
its contacts without a line type are looked up when first autodialed, A4.1).
"""

from __future__ import annotations

import asyncio
import codecs
import csv
import io
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, StringConstraints

from campaign_platform.api.deps import Member, ServicesDep, require
from campaign_platform.domain import contacts as rules
from campaign_platform.errors import ApiError, invalid
from campaign_platform.integrations.carrier import CarrierClient, CarrierRefused, CarrierUnavailable
from campaign_platform.services import Services
from campaign_platform.store import clocks, db, dialing
from campaign_platform.workflows import warm

router = APIRouter(prefix="/v1/campaigns/{campaign_id}/contacts", tags=["contacts"])
log = logging.getLogger(__name__)

MayManage = Annotated[Member, Depends(require("manage_contacts"))]
MayView = Annotated[Member, Depends(require("view_campaign"))]
MaySearch = Annotated[Member, Depends(require("view_contacts"))]
SEARCH_MAX_CHARS = 100
SEARCH_MAX_LIMIT = 500

CHUNK_ROWS = 1_000  # rows written per statement while the body streams in
MAX_RECORD_CHARS = 64 * 1024  # one CSV record (a quoted field left open ends the import)
CSV_MEDIA_TYPES = ("text/csv", "application/csv", "text/plain")

Method = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class ConsentIn(BaseModel):
    given_at: str
    method: Method


class ContactIn(BaseModel):
    name: str
    phone: str
    state: str | None = None
    zip: str | None = None
    line_type: str | None = None
    consent: ConsentIn | None = None


def contact_view(row: Any) -> dict:
    consent = None
    if row["consent_given_at"] is not None:
        consent = {"given_at": row["consent_given_at"], "method": row["consent_method"]}
    return {
        "contact_id": row["contact_id"],
        "name": row["name"],
        "e164": row["e164"],
        "line_type": row["line_type"],
        "state": row["state"],
        "zip": row["zip"],
        "consent": consent,
    }


@router.post("", status_code=201)
async def create_contact(
    body: ContactIn, member: MayManage, services: ServicesDep, response: Response
) -> dict:
    consent = body.consent
    row, errors = rules.validate(
        body.name, body.phone, body.state, body.zip, body.line_type,
        consent.given_at if consent else None, consent.method if consent else None,
    )  # fmt: skip
    if errors:
        raise _invalid(errors)
    if row.line_type is None:  # "without line_type the carrier's lookup decides"
        row = _with_line_type(row, await _lookup(services.carrier, row.e164))
    async with db.transaction(services.pool, member.campaign_id) as conn:
        contact, created = await dialing.upsert_contact(conn, member.campaign_id, row)
    _warm(services, [row.e164])
    response.status_code = 201 if created else 200
    return contact_view(contact)


@router.get("")
async def search_contacts(
    member: MaySearch,
    services: ServicesDep,
    q: str | None = None,
    state: str | None = None,
    line_type: str | None = None,
    limit: str | None = None,
) -> dict:
    """Search by name or phone, filtered by state and line type (API.md, Isolation). Every
    value is checked here and bound as a parameter in the query."""
    if q is not None and len(q) > SEARCH_MAX_CHARS:
        raise invalid("invalid_input", f"Search for at most {SEARCH_MAX_CHARS} characters.", "q")
    state, state_error = rules.check_state(state)  # the same checks as a contact's own fields
    line_type, line_type_error = rules.check_line_type(line_type)
    for error in (state_error, line_type_error):
        if error:
            raise invalid(error.code, error.message, error.field)
    count = 100
    if limit is not None:
        if not limit.isdigit() or not 1 <= int(limit) <= SEARCH_MAX_LIMIT:
            raise invalid("invalid_input", f"limit is a whole number from 1 to {SEARCH_MAX_LIMIT}.", "limit")
        count = int(limit)
    async with db.transaction(services.pool, member.campaign_id) as conn:
        rows = await dialing.search_contacts(conn, member.campaign_id, q or None, state, line_type, count)
    return {"contacts": [contact_view(row) for row in rows], "count": len(rows)}


@router.get("/{contact_id}")
async def get_contact(contact_id: str, member: MayView, services: ServicesDep) -> dict:
    contact = None
    parsed = _uuid(contact_id)
    if parsed is not None:
        async with db.transaction(services.pool, member.campaign_id) as conn:
            contact = await dialing.get_contact(conn, member.campaign_id, parsed)
            if contact is not None:
                now = await clocks.campaign_now(conn, member.campaign_id, services.settings.test_mode)
                status = await dialing.contact_status(conn, member.campaign_id, contact["e164"], now)
    if contact is None:
        raise ApiError(404, "not_found", "No such contact in this campaign.")
    return {
        **contact_view(contact),
        "do_not_call": status["do_not_call"],
        "texting": "opted_out" if status["texting_opted_out"] else "allowed",
    }


@router.post("/imports", status_code=201)
async def import_contacts(
    member: MayManage,
    services: ServicesDep,
    request: Request,  # the CSV body, streamed
    mode: Annotated[Literal["all_or_nothing", "valid_rows"], Query()] = "all_or_nothing",
) -> dict:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in CSV_MEDIA_TYPES:
        raise ApiError(415, "unsupported_media_type", "Send the contacts as a CSV file (Content-Type: text/csv).")
    report = ImportReport()
    async with db.transaction(services.pool, member.campaign_id) as conn:
        await dialing.start_import(conn)
        writer = _ChunkWriter(conn, member.campaign_id, report, all_or_nothing=mode == "all_or_nothing")
        async for records in _records(request.stream()):
            if report.positions is None:
                _read_header(records.pop(0), report)
            batch = await asyncio.to_thread(_validate_batch, records, report.positions, report.rows + 1)
            await writer.add(batch, report)
        if report.positions is None:
            raise _rejected([{"row": 0, "field": "header", "code": "invalid_input", "message": "The file is empty."}])
        await writer.flush(report)
        if writer.all_or_nothing and report.errors:
            raise _rejected(report.errors, report)  # rolls the transaction back: nothing written
    _warm(services, report.samples.values())
    return report.view()


def _warm(services: Services, e164s) -> None:
    """The rules' caches for these numbers' area codes, in a worker thread (workflows.warm)."""
    numbers = list(e164s)
    if numbers:
        services.background.spawn(asyncio.to_thread(warm.area_codes, numbers), "warm area codes")


# --- one contact ------------------------------------------------------------------------------


async def _lookup(carrier: CarrierClient, e164: str) -> str | None:
    """The carrier's line type for the number; None (unknown: treated as wireless) if it fails."""
    try:
        return await carrier.lookup_line_type(e164)
    except (CarrierUnavailable, CarrierRefused) as exc:
        log.warning("line-type lookup failed: %s", exc)
        return None


def _with_line_type(row: rules.ContactRow, line_type: str | None) -> rules.ContactRow:
    if line_type not in ("wireless", "landline", "voip"):
        return row
    return rules.ContactRow(**{**row.__dict__, "line_type": line_type})


_BODY_FIELDS = {"consent_given_at": "consent.given_at"}


def _invalid(errors: list[rules.FieldError]) -> ApiError:
    fields = [{"field": _BODY_FIELDS.get(e.field, e.field), "message": e.message} for e in errors]
    phone = next((e for e in errors if e.code == rules.INVALID_PHONE), None)
    first = phone or errors[0]
    extra: dict[str, Any] = {"fields": fields}
    if len(fields) == 1:
        extra["field"] = fields[0]["field"]
    return ApiError(422, first.code, first.message, **extra)


# --- the import -------------------------------------------------------------------------------


@dataclass
class ImportReport:
    positions: dict[str, int] | None = None
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[dict] = field(default_factory=list)
    rejected_rows: int = 0
    samples: dict[str, str] = field(default_factory=dict)  # area code -> a number, to warm the rules

    def view(self) -> dict:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "rejected": self.rejected_rows,
            "errors": self.errors,
        }


@dataclass
class _Batch:
    rows: list[rules.ContactRow]
    errors: list[dict]
    rejected: int
    count: int


def _validate_batch(records: list[list[str]], positions: dict[str, int], first_row: int) -> _Batch:
    """Validate records numbered from `first_row` (the first data row is 1; blank lines skipped)."""
    rows, errors, rejected, number = [], [], 0, first_row - 1
    for cells in records:
        if not any(cell.strip() for cell in cells):
            continue  # a blank line is not a row
        number += 1
        row, row_errors = rules.validate_csv_row(cells, positions)
        if row_errors:
            rejected += 1
            errors.extend(
                {"row": number, "field": e.field, "code": e.code, "message": e.message} for e in row_errors
            )
        else:
            rows.append(row)
    return _Batch(rows, errors, rejected, number - (first_row - 1))


class _ChunkWriter:
    """Collects good rows and writes them 1,000 at a time (the later row of a phone wins)."""

    def __init__(self, conn: db.Connection, campaign_id: UUID, report: ImportReport, all_or_nothing: bool):
        self.conn, self.campaign_id, self.all_or_nothing = conn, campaign_id, all_or_nothing
        self.pending: dict[str, rules.ContactRow] = {}
        self.repeats = 0  # rows replaced by a later row of the same phone in the same chunk

    async def add(self, batch: _Batch, report: ImportReport) -> None:
        report.rows += batch.count
        report.rejected_rows += batch.rejected
        report.errors.extend(batch.errors)
        for row in batch.rows:
            if len(report.samples) < warm.MAX_AREA_CODES:
                report.samples.setdefault(row.e164[:5], row.e164)
            if row.e164 in self.pending:
                self.repeats += 1
                del self.pending[row.e164]  # re-inserted: the later row keeps its place
            self.pending[row.e164] = row
            if len(self.pending) >= CHUNK_ROWS:
                await self.flush(report)

    async def flush(self, report: ImportReport) -> None:
        rows, repeats = list(self.pending.values()), self.repeats
        self.pending, self.repeats = {}, 0
        if not rows:
            return
        if self.all_or_nothing and report.errors:
            # Nothing will be written; count what would have been, without writing it.
            return
        created, updated = await dialing.import_chunk(self.conn, self.campaign_id, rows)
        report.created += created
        report.updated += updated + repeats


async def _records(stream: AsyncIterator[bytes]) -> AsyncIterator[list[list[str]]]:
    """Complete CSV records as the body streams in, a batch per chunk received.

    The body is decoded incrementally (UTF-8, a BOM dropped); only whole records are parsed (a
    newline inside a quoted field does not end one: a record ends at a newline outside quotes).
    """
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    pending = ""
    try:
        async for chunk in stream:
            pending += decoder.decode(chunk)
            complete, pending = _split_complete(pending)
            if len(pending) > MAX_RECORD_CHARS:
                raise _bad_csv("A CSV record is too long (a quoted field may be left open).")
            if complete:
                yield list(csv.reader(io.StringIO(complete), strict=True))
        pending += decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise _bad_csv("The file is not UTF-8 text.") from None
    except csv.Error as exc:
        raise _bad_csv(f"The file is not valid CSV: {exc}.") from None
    if pending.strip():
        try:
            records = list(csv.reader(io.StringIO(pending), strict=True))
        except csv.Error as exc:
            raise _bad_csv(f"The file is not valid CSV: {exc}.") from None
        yield records


def _split_complete(text: str) -> tuple[str, str]:
    """(whole records, the rest): cut after the last newline with an even number of quotes before it."""
    end = text.rfind("\n")
    while end != -1:
        if text.count('"', 0, end) % 2 == 0:
            return text[: end + 1], text[end + 1 :]
        end = text.rfind("\n", 0, end)
    return "", text


def _read_header(header: list[str], report: ImportReport) -> None:
    positions, message = rules.check_header(header)
    if positions is None:
        raise _rejected([{"row": 0, "field": "header", "code": "invalid_input", "message": message}])
    report.positions = positions


def _rejected(errors: list[dict], report: ImportReport | None = None) -> ApiError:
    counts = report.view() if report else {"rows": 0, "created": 0, "updated": 0, "rejected": 0}
    counts.update(created=0, updated=0)
    counts.pop("errors", None)
    rows = len({e["row"] for e in errors})
    message = f"{rows} row(s) of the file are not valid: nothing was imported (see error.errors)."
    if errors and errors[0]["field"] == "header":
        message = errors[0]["message"]
    return ApiError(422, "import_rejected", message, errors=errors, **counts)


def _bad_csv(message: str) -> ApiError:
    return ApiError(400, "invalid_csv", message)


def _uuid(raw: str) -> UUID | None:
    try:
        return UUID(raw)
    except ValueError:
        return None
