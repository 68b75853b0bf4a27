"""The reference platform's settings: the password hashing cost (API.md, Configuration)."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher, profiles

from campaign_platform.domain.passwords import Hashing
from campaign_platform.settings import PRODUCTION_PASSWORD_HASHING, PasswordHashing, Settings, SettingsError

SECRET = {"CP_JWT_SECRET": "s" * 32}
CHEAP = {"CP_PASSWORD_HASH_TIME_COST": "1", "CP_PASSWORD_HASH_MEMORY_KIB": "8", "CP_PASSWORD_HASH_PARALLELISM": "1"}


def test_the_defaults_are_the_contracts_production_setting():
    # API.md: argon2id, time cost 3, 64 MiB, 4 lanes (argon2-cffi's RFC 9106 low-memory profile).
    assert Settings.from_env(SECRET).password_hashing == PasswordHashing(3, 65_536, 4) == PRODUCTION_PASSWORD_HASHING
    rfc = profiles.RFC_9106_LOW_MEMORY
    assert (rfc.time_cost, rfc.memory_cost, rfc.parallelism) == (3, 65_536, 4)


def test_a_weaker_setting_is_refused_outside_test_mode():
    with pytest.raises(SettingsError) as refused:
        Settings.from_env({**SECRET, **CHEAP})
    message = str(refused.value)
    assert "CP_PASSWORD_HASH_TIME_COST=1 (production: 3)" in message
    assert "CP_PASSWORD_HASH_MEMORY_KIB=8 (production: 65536)" in message
    assert "CP_TEST_MODE=1" in message


@pytest.mark.parametrize("variable", sorted(CHEAP))
def test_each_parameter_on_its_own_is_checked(variable):
    with pytest.raises(SettingsError, match=variable):
        Settings.from_env({**SECRET, variable: CHEAP[variable]})


def test_a_stronger_setting_is_allowed():
    stronger = {"CP_PASSWORD_HASH_TIME_COST": "4", "CP_PASSWORD_HASH_MEMORY_KIB": "131072"}
    assert Settings.from_env({**SECRET, **stronger}).password_hashing == PasswordHashing(4, 131_072, 4)


def test_test_mode_allows_a_cheap_setting():
    settings = Settings.from_env({**SECRET, **CHEAP, "CP_TEST_MODE": "1"})
    assert settings.password_hashing.view() == {
        "algorithm": "argon2id", "time_cost": 1, "memory_kib": 8, "parallelism": 1,
    }


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"CP_PASSWORD_HASH_TIME_COST": "fast"}, "CP_PASSWORD_HASH_TIME_COST must be an integer"),
        ({"CP_PASSWORD_HASH_PARALLELISM": "0"}, "CP_PASSWORD_HASH_PARALLELISM must be at least 1"),
        ({"CP_PASSWORD_HASH_MEMORY_KIB": "8", "CP_PASSWORD_HASH_PARALLELISM": "4"}, "at least 8 x"),
    ],
)
def test_malformed_parameters_are_refused(env, message):
    with pytest.raises(SettingsError, match=message):
        Settings.from_env({**SECRET, "CP_TEST_MODE": "1", **env})


def test_a_hash_made_at_another_cost_verifies_and_asks_to_be_rehashed():
    cheap, production = Hashing(1, 8, 1), Hashing(3, 65_536, 4)
    old = cheap.hash("orbit-lantern-quarry-77")
    assert production.verify(old, "orbit-lantern-quarry-77")
    assert not production.verify(old, "orbit-lantern-quarry-78")
    assert production.needs_rehash(old) and not cheap.needs_rehash(old)
    assert PasswordHasher().verify(production.hash("x" * 12), "x" * 12)  # argon2-cffi's defaults read it


def test_no_account_is_refused_with_a_hash_computed_anyway():
    assert Hashing(1, 8, 1).verify(None, "anything at all") is False
