"""Contacts (campaign-scoped): one at a time, or a CSV import streamed in chunks of 1,000 rows.

The router checks the input and answers; the use cases are workflows.contacts (one contact: a
line type looked up at the carrier when none is given) and workflows.contact_import (the CSV,
read as it streams in). A contact is validated by `domain.contacts` in both cases.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, StringConstraints

from campaign_platform.api.contract import raw_body, refusals
from campaign_platform.api.deps import Member, ServicesDep, require
from campaign_platform.api.inputs import JsonRoute
from campaign_platform.domain import contacts as rules
from campaign_platform.domain.policies import US_STATE_CODES
from campaign_platform.errors import ApiError, invalid
from campaign_platform.store import clocks, db, dialing
from campaign_platform.workflows import contact_import, contacts

router = APIRouter(route_class=JsonRoute, prefix="/v1/campaigns/{campaign_id}/contacts", tags=["contacts"])

MayManage = Annotated[Member, Depends(require("manage_contacts"))]
MayView = Annotated[Member, Depends(require("view_campaign"))]
MaySearch = Annotated[Member, Depends(require("view_contacts"))]
SEARCH_MAX_CHARS = 100
SEARCH_MAX_LIMIT = 500
# What the document says `limit` is (ASCII digits, 1 to SEARCH_MAX_LIMIT), as a pattern: it is read
# as text so that "²" (a digit to str.isdigit, not to int) is refused, not converted.
LIMIT_PATTERN = r"^0*([1-9][0-9]?|[1-4][0-9]{2}|500)$"
STATE_CODES = sorted(US_STATE_CODES) + sorted(code.lower() for code in US_STATE_CODES)  # any case

CSV_MEDIA_TYPES = ("text/csv", "application/csv", "text/plain")
CSV_BODY = {"type": "string", "description": "UTF-8 CSV, header: name,phone,state,zip,line_type,consent_given_at"}

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


@router.post(
    "", status_code=201,
    responses=refusals({
        422: ("invalid_phone", "invalid_state", "invalid_zip", "invalid_line_type", "invalid_consent"),
    }),
)
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
    contact, created = await contacts.add_contact(services, member.campaign_id, row)
    response.status_code = 201 if created else 200
    return contact_view(contact)


@router.get("", responses=refusals({422: ("invalid_input", "invalid_state", "invalid_line_type")}))
async def search_contacts(
    member: MaySearch,
    services: ServicesDep,
    q: Annotated[str | None, Query(json_schema_extra={"maxLength": SEARCH_MAX_CHARS})] = None,
    state: Annotated[str | None, Query(json_schema_extra={"enum": STATE_CODES})] = None,
    line_type: Annotated[str | None, Query(json_schema_extra={"enum": list(rules.LINE_TYPES)})] = None,
    limit: Annotated[str | None, Query(json_schema_extra={"pattern": LIMIT_PATTERN})] = None,
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
        if not (limit.isascii() and limit.isdigit()) or not 1 <= int(limit) <= SEARCH_MAX_LIMIT:  # not "²"
            raise invalid("invalid_input", f"limit is a whole number from 1 to {SEARCH_MAX_LIMIT}.", "limit")
        count = int(limit)
    async with db.transaction(services.pool, member.campaign_id) as conn:
        rows = await dialing.search_contacts(conn, member.campaign_id, q or None, state, line_type, count)
    return {"contacts": [contact_view(row) for row in rows], "count": len(rows)}


@router.get("/{contact_id}", responses=refusals({404: "not_found"}))
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


@router.post(
    "/imports", status_code=201,
    openapi_extra=raw_body(dict.fromkeys(CSV_MEDIA_TYPES, CSV_BODY)),
    responses=refusals({400: "invalid_csv", 415: "unsupported_media_type", 422: "import_rejected"}),
)
async def import_contacts(
    member: MayManage,
    services: ServicesDep,
    request: Request,  # the CSV body, streamed
    mode: Annotated[Literal["all_or_nothing", "valid_rows"], Query()] = "all_or_nothing",
) -> dict:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in CSV_MEDIA_TYPES:
        raise ApiError(415, "unsupported_media_type", "Send the contacts as a CSV file (Content-Type: text/csv).")
    all_or_nothing = mode == "all_or_nothing"
    report = await contact_import.import_csv(services, member.campaign_id, request.stream(), all_or_nothing)
    return report.view()


_BODY_FIELDS = {"consent_given_at": "consent.given_at"}


def _invalid(errors: list[rules.FieldError]) -> ApiError:
    fields = [{"field": _BODY_FIELDS.get(e.field, e.field), "message": e.message} for e in errors]
    phone = next((e for e in errors if e.code == rules.INVALID_PHONE), None)
    first = phone or errors[0]
    extra: dict[str, Any] = {"fields": fields}
    if len(fields) == 1:
        extra["field"] = fields[0]["field"]
    return ApiError(422, first.code, first.message, **extra)


def _uuid(raw: str) -> UUID | None:
    try:
        return UUID(raw)
    except ValueError:
        return None
