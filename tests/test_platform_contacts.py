"""A contact's fields and a CSV row, validated the same way; the import's record splitting."""
import csv
import io
from datetime import UTC, datetime

import pytest

from campaign_platform.domain.contacts import check_header, validate, validate_csv_row
from campaign_platform.workflows.contact_import import _split_complete, _validate_batch


def test_a_valid_contact_is_normalised():
    row, errors = validate(" Sam ", "(614) 555-0101", "oh", "43215", "Wireless", "2026-01-05T15:00:00+00:00", "web")
    assert errors == []
    assert (row.name, row.e164, row.state, row.zip, row.line_type) == ("Sam", "+16145550101", "OH", "43215", "wireless")
    assert row.consent_given_at == datetime(2026, 1, 5, 15, tzinfo=UTC) and row.consent_method == "web"


def test_empty_optional_fields_are_not_given():
    row, errors = validate("Lee", "+1 614 555 0103", "", " ", None, "")
    assert errors == [] and (row.state, row.zip, row.line_type, row.consent_given_at) == (None, None, None, None)


@pytest.mark.parametrize("field, kwargs, code", [
    ("name", {"name": ""}, "invalid_input"),
    ("name", {"name": "x" * 201}, "invalid_input"),
    ("name", {"name": "two\nlines"}, "invalid_input"),
    ("phone", {"phone": "555-0102"}, "invalid_phone"),
    ("phone", {"phone": "+44 20 7946 0958"}, "invalid_phone"),
    ("phone", {"phone": ""}, "invalid_phone"),
    ("state", {"state": "ZZ"}, "invalid_state"),
    ("zip", {"zip_code": "4321"}, "invalid_zip"),
    ("zip", {"zip_code": "43215-1234"}, "invalid_zip"),
    ("line_type", {"line_type": "cellular"}, "invalid_line_type"),
    ("consent_given_at", {"consent_given_at": "yesterday"}, "invalid_consent"),
    ("consent_given_at", {"consent_given_at": "2026-01-05T15:00:00"}, "invalid_consent"),  # no offset
])
def test_each_bad_field_has_its_code(field, kwargs, code):
    args = {"name": "Sam", "phone": "(614) 555-0101", **kwargs}
    row, errors = validate(**args)
    assert row is None
    assert [(e.field, e.code) for e in errors] == [(field, code)]


def test_every_bad_field_of_a_row_is_reported():
    _, errors = validate("Ann", "(614) 555-0104", "OH", "4321", "cellular")
    assert [e.field for e in errors] == ["zip", "line_type"]


def test_the_header_names_the_columns_in_any_order_and_case():
    positions, _ = check_header(["Phone", " name ", "zip", "extra"])
    assert positions == {"phone": 0, "name": 1, "zip": 2}
    assert check_header(["name", "state"])[0] is None
    assert check_header(["name", "phone", "name"])[0] is None


def test_a_short_row_reads_missing_cells_as_empty():
    positions, _ = check_header(["name", "phone", "state", "zip"])
    row, errors = validate_csv_row(["Sam", "6145550101"], positions)
    assert errors == [] and row.state is None


def test_batches_number_rows_from_one_after_the_header_and_skip_blank_lines():
    positions, _ = check_header(["name", "phone", "state"])
    records = [["Sam", "6145550101", "OH"], [], ["Kim", "555-0102", "OH"], ["", "", ""], ["Lee", "6145550103", "ZZ"]]
    batch = _validate_batch(records, positions, first_row=1)
    assert batch.count == 3 and batch.rejected == 2 and len(batch.rows) == 1
    assert [(e["row"], e["field"]) for e in batch.errors] == [(2, "phone"), (3, "state")]
    assert _validate_batch(records, positions, first_row=11).errors[0]["row"] == 12


def test_records_are_cut_only_outside_quotes():
    text = 'name,phone\n"Sam\nPorter",6145550101\n"Kim, ""K""",614555'
    complete, rest = _split_complete(text)
    assert complete == 'name,phone\n"Sam\nPorter",6145550101\n' and rest == '"Kim, ""K""",614555'
    assert list(csv.reader(io.StringIO(complete))) == [["name", "phone"], ["Sam\nPorter", "6145550101"]]
    assert _split_complete('"open\nfield') == ("", '"open\nfield')
