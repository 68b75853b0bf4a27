import pytest

from support.config import CONFIG_DIR, ProfileError, load_profile


def test_the_default_profile_is_the_embedded_stack():
    profile = load_profile(env={})
    assert (profile.name, profile.mode) == ("local", "embedded")
    assert profile.has("doubles") and profile.has("test_clocks")


def test_the_environment_chooses_the_profile_and_the_flag_wins():
    assert load_profile(env={"CP_SUITE_PROFILE": "attach"}).mode == "attach"
    assert load_profile("local", env={"CP_SUITE_PROFILE": "attach"}).mode == "embedded"


def test_an_external_profile_reads_its_secrets_from_the_environment_only():
    env = {"CP_STAGING_DATABASE_URL": "postgresql://ro@db/x", "CP_STAGING_REDIS_URL": "redis://r",
           "CP_STAGING_MAIL_URL": "http://mail:8025"}
    profile = load_profile("staging.example", env=env)
    assert profile.mode == "external" and profile.capabilities == frozenset()
    assert profile.database_url == "postgresql://ro@db/x"
    with pytest.raises(ProfileError, match="CP_STAGING_DATABASE_URL"):
        load_profile("staging.example", env={})


def test_any_value_can_be_overridden_by_the_environment():
    env = {"CP_SUITE_BASE_URL": "https://other.example", "CP_STAGING_DATABASE_URL": "x",
           "CP_STAGING_REDIS_URL": "y", "CP_STAGING_MAIL_URL": "z"}
    assert load_profile("staging.example", env=env).base_url == "https://other.example"


def test_an_unknown_profile_is_refused_with_the_known_ones_named():
    with pytest.raises(ProfileError, match="known: attach, local, staging.example"):
        load_profile("nope", env={}, config_dir=CONFIG_DIR)
