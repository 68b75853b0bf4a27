"""The suite's reading of amounts as features write them ($3,500.01) and as the processor sends them."""
import pytest

from support.money import cents, dollars, processor_amount


@pytest.mark.parametrize("written, expected", [
    ("$0.00", 0), ("$0.01", 1), ("$25.00", 2500), ("$3,500.00", 350000), ("$3,500.01", 350001),
    ("$1,000,000.00", 100000000),
])
def test_cents_reads_amounts_exactly(written, expected):
    assert cents(written) == expected
    assert dollars(expected) == written


@pytest.mark.parametrize("written", ["25.00", "$25", "$25.0", "$3500,00", "$35,00.00", "$-5.00"])
def test_cents_refuses_what_a_feature_should_not_write(written):
    with pytest.raises(ValueError):
        cents(written)


def test_processor_amount_is_a_plain_decimal_string():
    assert processor_amount(350001) == "3500.01"
    assert processor_amount(5) == "0.05"
