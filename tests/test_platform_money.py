"""Money in the reference platform: the processor's amount strings to integer cents (API.md)."""

import pytest

from campaign_platform.domain.money import REVIEW_ABOVE_CENTS, MoneyError, format_cents, needs_review, parse_cents
from campaign_platform.domain.notifications import NotificationError, parse_notification


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("25.00", 2500),
        ("5.0", 500),  # B6's own example
        ("5", 500),
        ("0.01", 1),
        ("0012.30", 1230),
        ("1000000.00", REVIEW_ABOVE_CENTS),  # the largest amount recorded without a review (B8)
        ("1000000.01", 100_000_001),  # B8: money taken is recorded, and flagged
        ("999999999999.99", 99_999_999_999_999),  # the largest amount that can be money
        ("999999.99", 99_999_999),
    ],
)
def test_amounts_parse_to_exact_cents(text, cents):
    assert parse_cents(text) == cents


def test_no_float_rounding():
    # 0.29 * 100 is 28.999999999999996 as a float.
    assert parse_cents("0.29") == 29
    assert parse_cents("4.35") == 435


@pytest.mark.parametrize(
    "value",
    [
        "abc",
        "1.234",  # three decimals
        "1e3",  # no exponents
        " 25.00",  # no surrounding spaces: the amount is digits only
        "25.00 ",
        "",
        ".50",
        "5.",
        "+5.00",
        "1,000.00",
        "٣.00",  # Arabic-Indic digit: ASCII digits only
        "NaN",
        "Infinity",
        25,  # a JSON number
        25.0,
        None,
        True,
    ],
)
def test_not_an_amount(value):
    with pytest.raises(MoneyError) as raised:
        parse_cents(value)
    assert raised.value.code == "invalid_amount"


@pytest.mark.parametrize("text", ["0.00", "0", "-5.00", "-0.00", "-0.01"])
def test_zero_or_negative(text):
    with pytest.raises(MoneyError) as raised:
        parse_cents(text)
    assert raised.value.code == "amount_not_positive"


@pytest.mark.parametrize("text", ["1000000000000.00", "1000000000000", "1" + "0" * 40])
def test_a_trillion_dollars_or_more_cannot_be_money(text):
    with pytest.raises(MoneyError) as raised:
        parse_cents(text)
    assert raised.value.code == "amount_out_of_range"


def test_over_a_million_dollars_is_recorded_and_reviewed():
    assert not needs_review(REVIEW_ABOVE_CENTS)
    assert needs_review(REVIEW_ABOVE_CENTS + 1)


@pytest.mark.parametrize(
    ("cents", "text"), [(0, "0.00"), (1, "0.01"), (2500, "25.00"), (123456, "1234.56"), (-5, "-0.05")]
)
def test_format_cents(cents, text):
    assert format_cents(cents) == text


def _notification(**lineitem):
    item = {"lineitemId": 1001, "amount": "25.00", "paidAt": "2026-03-02T15:00:00-05:00", **lineitem}
    return {"donor": {"firstname": "Alex", "lastname": "Donor"}, "lineitems": [item]}


def test_a_notification_carries_cents_and_utc_times():
    (item,) = parse_notification(_notification()).lineitems
    assert (item.lineitem_id, item.amount_cents, item.paid_at.isoformat(), item.refunded_at) == (
        "1001",
        2500,
        "2026-03-02T20:00:00+00:00",
        None,
    )


@pytest.mark.parametrize(
    ("lineitem", "code"),
    [
        ({"amount": "abc"}, "invalid_amount"),
        ({"amount": 25}, "invalid_amount"),
        ({"amount": "-5.00"}, "amount_not_positive"),
        ({"amount": "1000000000000.00"}, "amount_out_of_range"),
        ({"lineitemId": None}, "invalid_input"),
        ({"paidAt": "yesterday"}, "invalid_input"),
        ({"paidAt": "2026-03-02T15:00:00"}, "invalid_input"),  # no UTC offset
        ({"refundedAt": "soon"}, "invalid_input"),
    ],
)
def test_a_bad_line_item_names_its_field(lineitem, code):
    with pytest.raises(NotificationError) as raised:
        parse_notification(_notification(**lineitem))
    assert raised.value.code == code
    assert [e.field.split(".")[0] for e in raised.value.errors] == ["lineitems[0]"]


def test_no_line_items():
    with pytest.raises(NotificationError) as raised:
        parse_notification({"donor": {"firstname": "Alex", "lastname": "Donor"}, "lineitems": []})
    assert (raised.value.code, raised.value.errors[0].field) == ("no_line_items", "lineitems")


def test_the_more_specific_code_wins_and_every_field_is_listed():
    body = _notification(amount="1.234")
    body["donor"]["firstname"] = "  "
    with pytest.raises(NotificationError) as raised:
        parse_notification(body)
    assert raised.value.code == "invalid_amount"
    assert {e.field for e in raised.value.errors} == {"donor.firstname", "lineitems[0].amount"}
