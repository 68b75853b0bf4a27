"""Contacts: one by one, or a CSV file checked row by row."""
from __future__ import annotations

import csv
import io

from behave import given, then, when

from support.checks import assert_ok

# "<reason>" in the refused-import table -> the platform's row error code.
ROW_REASONS = {
    "not a US phone number": "invalid_phone",
    "not a US state": "invalid_state",
    "not a five-digit ZIP code": "invalid_zip",
    "neither wireless nor landline": "invalid_line_type",
}


def _csv(table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["name", "phone", "state", "zip", "line_type", "consent_given_at"])
    for row in table:
        writer.writerow([row["name"], row["phone"], row["state"], row["zip"], row["line_type"], ""])
    return out.getvalue()


def _import(context, campaign: str, mode: str):
    world = context.world
    owner = world.person(world.campaign(campaign).owner)
    return world.remember(world.client.import_contacts(
        owner.token, world.campaign(campaign).campaign_id, _csv(context.table), mode))


@when('{person:Person} imports these contacts into "{campaign:Text}":')
def step_imports(context, person, campaign):
    _import(context, campaign, "all_or_nothing")


@given('{person:Person} has imported these contacts into "{campaign:Text}":')
def step_has_imported(context, person, campaign):
    assert_ok(_import(context, campaign, "all_or_nothing"), 201)


@when('{person:Person} imports only the valid rows of these contacts into "{campaign:Text}":')
def step_imports_valid(context, person, campaign):
    _import(context, campaign, "valid_rows")


@then("the import reports {created:d} created, {updated:d} updated, {rejected:d} rejected")
def step_import_report(context, created, updated, rejected):
    report = assert_ok(context.world.last, 201)
    assert (report["created"], report["updated"], report["rejected"]) == (created, updated, rejected), report
    assert len(report["errors"]) >= rejected, report


@then("the import is refused, with these rows and reasons:")
def step_import_refused(context):
    response = context.world.last
    assert response.status_code == 422, response.text[:300]
    error = response.json()["error"]
    assert error["code"] == "import_rejected" and error["message"].strip(), error
    expected = sorted((int(r["row"]), r["field"], ROW_REASONS[r["reason"]]) for r in context.table)
    found = sorted((e["row"], e["field"], e["code"]) for e in error["errors"])
    assert found == expected, f"expected {expected}, the platform reported {found}"


def _contacts(context, campaign: str) -> list[dict]:
    return context.world.db.contacts(context.world.campaign(campaign).campaign_id)


@then('"{campaign:Text}" has no contacts')
def step_no_contacts(context, campaign):
    assert _contacts(context, campaign) == []


@then('"{campaign:Text}" has the contacts {numbers}')
def step_has_contacts(context, campaign, numbers):
    expected = sorted(n.strip().strip('"') for n in numbers.split(","))
    assert sorted(c["e164"] for c in _contacts(context, campaign)) == expected


@then('"{campaign:Text}" has one contact "{number:Text}", named {name}, {line}, ZIP {zip_code}')
def step_one_contact(context, campaign, number, name, line, zip_code):
    contacts = _contacts(context, campaign)
    assert [(c["e164"], c["name"], c["line_type"], c["zip"]) for c in contacts] == [
        (number, name, line, zip_code)], contacts
