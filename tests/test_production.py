"""The contract's production settings as the suite keeps them (support/production.py)."""
import json
import re
from pathlib import Path

import pytest

from support.production import PASSWORD_HASH, below_production

API_MD = Path(__file__).resolve().parent.parent / "campaign_platform" / "API.md"


def test_the_kept_setting_is_the_one_api_md_shows_in_ready():
    text = " ".join(API_MD.read_text().split())
    shown = re.search(r'`"password_hash": (\{[^`]*\})`', text)
    assert shown, "API.md no longer shows /ready's password_hash"
    assert json.loads(shown.group(1)) == PASSWORD_HASH


def test_the_production_setting_itself_passes():
    assert below_production(dict(PASSWORD_HASH)) == []


def test_a_dearer_setting_passes():
    assert below_production({**PASSWORD_HASH, "time_cost": 4, "memory_kib": 131_072}) == []


def test_the_embedded_stacks_test_setting_fails_on_each_parameter():
    reported = {"algorithm": "argon2id", "time_cost": 1, "memory_kib": 8, "parallelism": 1}
    assert below_production(reported) == [
        "time_cost 1 (production: 3)", "memory_kib 8 (production: 65536)",
        "parallelism 1 (production: 4)"]


@pytest.mark.parametrize("reported, named", [
    ({**PASSWORD_HASH, "algorithm": "bcrypt"}, "algorithm"),
    ({**PASSWORD_HASH, "time_cost": 2}, "time_cost"),
    ({key: value for key, value in PASSWORD_HASH.items() if key != "parallelism"}, "parallelism"),
    ({**PASSWORD_HASH, "memory_kib": "65536"}, "memory_kib"),
    ({**PASSWORD_HASH, "time_cost": True}, "time_cost"),
])
def test_one_shortfall_is_named(reported, named):
    (shortfall,) = below_production(reported)
    assert shortfall.startswith(named + " ")


def test_a_deployment_that_reports_nothing_fails():
    assert below_production(None) == [f"no password_hash reported (production: {PASSWORD_HASH})"]
