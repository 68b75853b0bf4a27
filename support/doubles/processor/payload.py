"""What the processor double writes: a notification's body (B6) and the pull API's CSV (B7)."""
from __future__ import annotations

import calendar
import copy
import csv
import io
import re
import secrets
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

from support.doubles.kit import DoubleError, invalid, iso

CSV_TYPES = ("paid_contributions", "refunded_contributions", "managed_form_contributions")
CSV_COLUMNS = ["Receipt ID", "Date", "Amount", "Lineitem ID", "Recipient Gov ID", "Refund ID",
               "Refund Date", "Donor First Name", "Donor Last Name", "Donor Addr1", "Donor City",
               "Donor State", "Donor ZIP", "Donor Country", "Donor Email", "Donor Phone",
               "Donor Employer", "Donor Occupation", "Recurring Period"]
DONOR_FIELDS = ("firstname", "lastname", "addr1", "city", "state", "zip", "country", "email",
                "phone")
EMPLOYER_FIELDS = ("employer", "occupation", "employerAddr1", "employerCity", "employerState",
                   "employerCountry")
_AMOUNT = re.compile(r"^\d+(\.\d+)?$")


def notification_payload(*, donor: dict, amount: str, lineitem_id: int, paid_at: datetime,
                         committee_name: str, entity_id: int | None = None,
                         fec_id: str | None = None, order_number: str | None = None,
                         payment_id: int | None = None, recurring_period: str = "once",
                         recurring_duration: int | None = None,
                         created_at: datetime | None = None,
                         refunded_at: datetime | None = None,
                         unique_identifier: str | None = None,
                         custom_fields: list[dict] | None = None) -> dict:
    """One notification's body (B6), for one line item: what the double sends, and a start for
    the suite's hand-made (malformed) bodies. Donor fields not given are null."""
    slug = _slug(committee_name)
    return {
        "donor": _fill_donor(donor),
        "contribution": {
            "createdAt": iso(created_at or paid_at),
            "orderNumber": order_number or f"AB{secrets.randbelow(10**9):09d}",
            "contributionForm": f"{slug}-donate", "refcodes": {}, "refcode": None,
            "recurringPeriod": recurring_period, "recurringDuration": recurring_duration,
            "isRecurring": recurring_period != "once", "isPaypal": False, "isMobile": False,
            "isExpress": False, "uniqueIdentifier": unique_identifier or uuid.uuid4().hex,
            "customFields": custom_fields or [], "status": "refunded" if refunded_at else "approved"},
        "lineitems": [{
            "sequence": 0,
            "entityId": entity_id if entity_id is not None else 100000 + secrets.randbelow(800000),
            "fecId": fec_id or f"C{secrets.randbelow(10**8):08d}",
            "committeeName": committee_name, "amount": amount, "paidAt": iso(paid_at),
            "paymentId": payment_id if payment_id is not None else secrets.randbelow(10**12),
            "lineitemId": lineitem_id, "refundedAt": iso(refunded_at)}],
        "form": {"name": f"{slug}-donate", "kind": "page", "ownerEmail": f"finance@{slug}.example",
                 "managingEntityName": committee_name,
                 "managingEntityCommitteeName": committee_name},
    }


def refunded(payload: dict, refunded_at: datetime) -> dict:
    """The contribution's notification as its refund: status refunded, refundedAt set."""
    payload = copy.deepcopy(payload)
    payload["contribution"]["status"] = "refunded"
    payload["lineitems"][0]["refundedAt"] = iso(refunded_at)
    return payload


def cancelled(payload: dict, cancelled_at: datetime) -> dict:
    """B9: a recurring contribution's cancellation: its newest line item's notification with
    status "cancelled" and cancelledAt set (no money moves)."""
    payload = copy.deepcopy(payload)
    payload["contribution"]["status"] = "cancelled"
    payload["contribution"]["cancelledAt"] = iso(cancelled_at)
    return payload


def _fill_donor(given: dict) -> dict:
    employer = given.get("employerData") or {}
    return {**{key: None for key in DONOR_FIELDS}, "isEligibleForExpressLane": False,
            **copy.deepcopy(given),
            "employerData": {**{key: None for key in EMPLOYER_FIELDS}, **employer}}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "committee"


# -- what a contribution request must hold ---------------------------------------------------
def donor(given) -> dict:
    if not isinstance(given, dict):
        raise invalid("donor must be an object")
    for key in ("firstname", "lastname"):
        if not isinstance(given.get(key), str) or not given[key].strip():
            raise invalid(f"donor.{key} is required")
    if not isinstance(given.get("employerData") or {}, dict):
        raise invalid("donor.employerData must be an object")
    return given


def amount(given) -> str:
    if not isinstance(given, str) or not _AMOUNT.match(given) or Decimal(given) <= 0:
        raise DoubleError(400, "invalid_amount", "amount must be a positive decimal string")
    return given


def installments(given, period: str) -> int:
    if (not isinstance(given, int) or isinstance(given, bool)
            or given < 1 or (period == "once" and given != 1)):
        raise invalid("installments must be 1, or at least 1 for a monthly contribution")
    return given


def custom_fields(given) -> list[dict]:
    """The donation form's own questions and their answers: [{"label", "answer"}], both text."""
    if not isinstance(given, list) or not all(
            isinstance(f, dict) and set(f) == {"label", "answer"}
            and all(isinstance(v, str) for v in f.values()) for f in given):
        raise invalid('custom_fields must be a list of {"label", "answer"} texts')
    return [dict(f) for f in given]


def add_months(moment: datetime, months: int) -> datetime:
    month0 = moment.month - 1 + months
    year, month = moment.year + month0 // 12, month0 % 12 + 1
    return moment.replace(year=year, month=month,
                          day=min(moment.day, calendar.monthrange(year, month)[1]))


# -- the pull API's CSV ----------------------------------------------------------------------
def csv_text(lineitems, fec_id: str, csv_type: str, start: date, end: date) -> str:
    """RFC 4180 with a header row: the line items paid (or, for refunded_contributions,
    refunded) on a UTC date from ``start`` up to, not including, ``end``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for item in lineitems:
        moment = item.refunded_at if csv_type == "refunded_contributions" else item.paid_at
        if moment is None or not start <= moment.astimezone(UTC).date() < end:
            continue
        given = item.payload["donor"]
        employer = given.get("employerData") or {}
        writer.writerow([
            item.order_number, iso(item.paid_at), f"{Decimal(item.amount):.2f}",
            item.lineitem_id, fec_id, item.refund_id or "", iso(item.refunded_at) or "",
            *[given.get(key) or "" for key in DONOR_FIELDS],
            employer.get("employer") or "", employer.get("occupation") or "",
            item.recurring_period])
    return out.getvalue()
