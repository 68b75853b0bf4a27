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


# "consent given" in an import table -> the time the file records (ISO 8601 with its offset).
CONSENT_TIMES = {
    "": "",
    "1 May 2024, 10:00 am in Columbus": "2024-05-01T10:00:00-04:00",
    "1 January 1900, midnight UTC": "1900-01-01T00:00:00+00:00",
    "31 December 1899, a second before midnight UTC": "1899-12-31T23:59:59+00:00",
    "the first moment of year 1, 14 hours ahead of UTC": "0001-01-01T00:00:00+14:00",
    "the last moment of year 9999, 14 hours behind UTC": "9999-12-31T23:59:59-14:00",
}


def _csv(table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["name", "phone", "state", "zip", "line_type", "consent_given_at"])
    consent = "consent given" in table.headings
    for row in table:
        writer.writerow([row["name"], row["phone"], row["state"], row["zip"], row["line_type"],
                         CONSENT_TIMES[row["consent given"]] if consent else ""])
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


@then("{name:Person}'s row is {outcome}")
def step_row_outcome(context, name, outcome):
    report = assert_ok(context.world.last, 201)
    contacts = [c for c in _contacts(context, context.world.in_play.name) if c["name"] == name]
    if outcome == "imported with its consent":
        assert (report["created"], report["rejected"]) == (1, 0), report
        assert len(contacts) == 1 and contacts[0]["consent_given_at"] is not None, contacts
    else:
        assert outcome == "refused because its consent was given at an impossible time", outcome
        assert (report["created"], report["rejected"]) == (0, 1), report
        assert [(e["field"], e["code"]) for e in report["errors"]] == [("consent_given_at", "invalid_consent")]
        assert contacts == [], contacts


@then('{person:Person} can still read every contact of "{campaign:Text}"')
def step_reads_every_contact(context, person, campaign):
    world = context.world
    token, campaign_id = world.person(person).token, world.campaign(campaign).campaign_id
    listed = assert_ok(world.remember(world.client.search_contacts(token, campaign_id)), 200)["contacts"]
    assert len(listed) == len(_contacts(context, campaign)), listed
    for contact in listed:
        assert_ok(world.remember(world.client.contact(token, campaign_id, contact["contact_id"])), 200)
