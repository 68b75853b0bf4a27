"""Importing contacts from CSV (the use case behind `POST /v1/campaigns/{id}/contacts/imports`),
without HTTP: the body arrives as a stream of bytes and is read in chunks of 1,000 rows.

Each row is validated by `domain.contacts` (in a worker thread); good rows are written 1,000 at a
time in one transaction (the later row of a phone wins). `all_or_nothing`: any bad row writes
nothing (the transaction rolls back); else the good rows are written and the bad ones reported.
An import does not phone the carrier for line types (100,000 lookups): its contacts without one
are looked up when first autodialed (A4.1). Refusals: 422 `import_rejected` (a bad header, an
empty file, bad rows in all-or-nothing mode) and 400 `invalid_csv` (not UTF-8, not CSV).
"""

from __future__ import annotations

import asyncio
import codecs
import csv
import io
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from uuid import UUID

from campaign_platform.domain import contacts as rules
from campaign_platform.errors import ApiError
from campaign_platform.services import Services
from campaign_platform.store import db, dialing
from campaign_platform.workflows import warm
from campaign_platform.workflows.contacts import warm_soon

CHUNK_ROWS = 1_000  # rows written per statement while the body streams in
MAX_RECORD_CHARS = 64 * 1024  # one CSV record (a quoted field left open ends the import)


async def import_csv(
    services: Services, campaign_id: UUID, body: AsyncIterator[bytes], all_or_nothing: bool
) -> ImportReport:
    """Read, validate and write the CSV `body`; the report of what it did."""
    report = ImportReport()
    async with db.transaction(services.pool, campaign_id) as conn:
        await dialing.start_import(conn)
        writer = _ChunkWriter(conn, campaign_id, report, all_or_nothing=all_or_nothing)
        async for records in _records(body):
            if report.positions is None:
                _read_header(records.pop(0), report)
            batch = await asyncio.to_thread(_validate_batch, records, report.positions, report.rows + 1)
            await writer.add(batch, report)
        if report.positions is None:
            raise _rejected([{"row": 0, "field": "header", "code": "invalid_input", "message": "The file is empty."}])
        await writer.flush(report)
        if writer.all_or_nothing and report.errors:
            raise _rejected(report.errors, report)  # rolls the transaction back: nothing written
    warm_soon(services, report.samples.values())
    return report


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
