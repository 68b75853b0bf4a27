"""Configuration from CP_* environment variables (documented in API.md)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

MIN_JWT_SECRET_BYTES = 32  # RFC 7518 §3.2: an HS256 key at least as long as the hash


class SettingsError(ValueError):
    """A CP_* variable is missing or malformed."""


@dataclass(frozen=True)
class PasswordHashing:
    """argon2id's cost for new password hashes. The defaults are the contract's production
    setting (API.md, Configuration): argon2-cffi's RFC 9106 low-memory profile. A hash records
    its own parameters, so hashes made under another setting still verify (and are rehashed at
    the next log-in)."""

    time_cost: int = 3
    memory_kib: int = 65_536  # 64 MiB
    parallelism: int = 4

    def below(self, floor: PasswordHashing) -> list[str]:
        """The parameters weaker than `floor`'s, as 'NAME=value (production: n)'."""
        return [
            f"{_HASH_VARIABLES[name]}={getattr(self, name)} (production: {getattr(floor, name)})"
            for name in _HASH_VARIABLES
            if getattr(self, name) < getattr(floor, name)
        ]

    def view(self) -> dict[str, object]:
        return {"algorithm": "argon2id", "time_cost": self.time_cost, "memory_kib": self.memory_kib,
                "parallelism": self.parallelism}  # fmt: skip


PRODUCTION_PASSWORD_HASHING = PasswordHashing()
_HASH_VARIABLES = {
    "time_cost": "CP_PASSWORD_HASH_TIME_COST",
    "memory_kib": "CP_PASSWORD_HASH_MEMORY_KIB",
    "parallelism": "CP_PASSWORD_HASH_PARALLELISM",
}


@dataclass(frozen=True)
class Limits:
    """What the edge allows one request (API.md, Limits); each a CP_* variable."""

    max_body_bytes: int = 64 * 1024  # CP_MAX_BODY_BYTES: every route's body but the import's
    max_import_bytes: int = 32 * 1024 * 1024  # CP_MAX_IMPORT_BYTES: a contact import's CSV
    trusted_hosts: tuple[str, ...] = ("127.0.0.1", "localhost")  # CP_TRUSTED_HOSTS; "*": any
    header_timeout_seconds: float = 10.0  # CP_HEADER_TIMEOUT_SECONDS: a request's line and headers
    body_timeout_seconds: float = 30.0  # CP_BODY_TIMEOUT_SECONDS: the wait for each piece of a body
    keep_alive_seconds: int = 5  # CP_KEEP_ALIVE_SECONDS: an idle connection's life (uvicorn's)


@dataclass(frozen=True)
class Settings:
    database_url: str  # the application role: owns no table, row-level security applies
    redis_url: str
    smtp_host: str
    smtp_port: int
    mail_from: str
    jwt_secret: str
    public_url: str
    test_mode: bool
    host: str
    port: int
    processor_url: str = "http://127.0.0.1:8100"  # the donation processor's pull API (B7)
    scheduler_seconds: float = 60.0  # how often the reconciliation scheduler looks for due runs
    carrier_url: str = "http://127.0.0.1:8091"  # the carrier's provider API (support/doubles/carrier.md)
    carrier_api_key: str = ""
    carrier_signing_secrets: tuple[str, ...] = ()  # newest first: two during a rotation (D5)
    migration_database_url: str = ""  # the tables' owner, for migrations; empty: database_url
    van_url: str = "https://api.securevan.com/v4"  # VAN's API (support/doubles/van.md)
    van_requests_per_second: float = 5.0  # the most the platform sends one VAN committee (V4)
    van_timeout_seconds: float = 30.0  # an answer (or a download's next piece) slower than this: VAN is down
    credentials_key: str = ""  # Fernet key for credentials at rest; empty: derived from jwt_secret
    password_hashing: PasswordHashing = PRODUCTION_PASSWORD_HASHING
    limits: Limits = Limits()
    breaker_failures: int = 5  # a third party's failures in a row that open its breaker
    breaker_cool_down: float = 30.0  # seconds an open breaker waits before its one probe
    operator_token: str = ""  # the operator's views (/metrics, /v1/health/details); empty: refused
    sentry_dsn: str = ""  # unhandled errors go to this error tracker; empty: nowhere
    rnd_url: str = ""  # the Reassigned Numbers Database (A7; support/doubles/reassigned.md); empty: not asked
    rnd_api_key: str = ""

    def __post_init__(self) -> None:
        weaker = self.password_hashing.below(PRODUCTION_PASSWORD_HASHING)
        if weaker and not self.test_mode:
            raise SettingsError(
                "The password hashing cost is below the production setting: " + ", ".join(weaker)
                + ". A cheaper setting is allowed only with CP_TEST_MODE=1."
            )

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        jwt_secret = env.get("CP_JWT_SECRET", "")
        if len(jwt_secret.encode()) < MIN_JWT_SECRET_BYTES:
            raise SettingsError(f"CP_JWT_SECRET must be set to at least {MIN_JWT_SECRET_BYTES} bytes.")
        host = env.get("CP_HOST", "127.0.0.1")
        port = _int(env, "CP_PORT", 8000)
        test_mode = _flag(env, "CP_TEST_MODE")
        public_url = env.get("CP_PUBLIC_URL", f"http://{host}:{port}").rstrip("/")
        return cls(
            database_url=env.get("CP_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"),
            redis_url=env.get("CP_REDIS_URL", "redis://127.0.0.1:6379/0"),
            smtp_host=env.get("CP_SMTP_HOST", "127.0.0.1"),
            smtp_port=_int(env, "CP_SMTP_PORT", 25),
            mail_from=env.get("CP_MAIL_FROM", "Campaign Platform <no-reply@campaign-platform.test>"),
            jwt_secret=jwt_secret,
            public_url=public_url,
            test_mode=test_mode,
            host=host,
            port=port,
            processor_url=env.get("CP_PROCESSOR_URL", "http://127.0.0.1:8100").rstrip("/"),
            scheduler_seconds=_positive_float(env, "CP_SCHEDULER_SECONDS", 0.2 if test_mode else 60.0),
            carrier_url=env.get("CP_CARRIER_URL", "http://127.0.0.1:8091").rstrip("/"),
            carrier_api_key=env.get("CP_CARRIER_API_KEY", ""),
            carrier_signing_secrets=_list(env, "CP_CARRIER_SIGNING_SECRETS"),
            migration_database_url=env.get("CP_MIGRATION_DATABASE_URL", ""),
            van_url=env.get("CP_VAN_URL", "https://api.securevan.com/v4").rstrip("/"),
            van_requests_per_second=_positive_float(env, "CP_VAN_REQUESTS_PER_SECOND", 5.0),
            van_timeout_seconds=_positive_float(env, "CP_VAN_TIMEOUT_SECONDS", 30.0),
            credentials_key=env.get("CP_CREDENTIALS_KEY", ""),
            password_hashing=_password_hashing(env),
            limits=_limits(env, public_url),
            breaker_failures=_at_least_one(env, "CP_BREAKER_FAILURES", 5),
            breaker_cool_down=_positive_float(env, "CP_BREAKER_COOL_DOWN_SECONDS", 30.0),
            operator_token=env.get("CP_OPERATOR_TOKEN", ""),
            sentry_dsn=env.get("CP_SENTRY_DSN", ""),
            rnd_url=env.get("CP_RND_URL", "").rstrip("/"),
            rnd_api_key=env.get("CP_RND_API_KEY", ""),
        )


def _limits(env: Mapping[str, str], public_url: str) -> Limits:
    """The edge's limits; trusted hosts default to the public URL's host and the loopback names."""
    default = Limits()
    public_host = urlsplit(public_url).hostname or ""
    hosts = _list(env, "CP_TRUSTED_HOSTS", most=None) or tuple(
        dict.fromkeys(name for name in (public_host, *default.trusted_hosts) if name)
    )
    variables = {"max_body_bytes": "CP_MAX_BODY_BYTES", "max_import_bytes": "CP_MAX_IMPORT_BYTES",
                 "keep_alive_seconds": "CP_KEEP_ALIVE_SECONDS"}  # fmt: skip
    sizes = {name: _int(env, variable, getattr(default, name)) for name, variable in variables.items()}
    for name, value in sizes.items():
        if value < 1:
            raise SettingsError(f"{variables[name]} must be at least 1, not {value}.")
    return Limits(
        **sizes,
        trusted_hosts=hosts,
        header_timeout_seconds=_positive_float(env, "CP_HEADER_TIMEOUT_SECONDS", default.header_timeout_seconds),
        body_timeout_seconds=_positive_float(env, "CP_BODY_TIMEOUT_SECONDS", default.body_timeout_seconds),
    )


def _password_hashing(env: Mapping[str, str]) -> PasswordHashing:
    production = PRODUCTION_PASSWORD_HASHING
    values = {name: _int(env, variable, getattr(production, name)) for name, variable in _HASH_VARIABLES.items()}
    for name, variable in _HASH_VARIABLES.items():
        if values[name] < 1:
            raise SettingsError(f"{variable} must be at least 1, not {values[name]}.")
    if values["memory_kib"] < 8 * values["parallelism"]:  # argon2's own lower bound
        raise SettingsError(
            f"CP_PASSWORD_HASH_MEMORY_KIB must be at least 8 x CP_PASSWORD_HASH_PARALLELISM"
            f" ({8 * values['parallelism']}), not {values['memory_kib']}."
        )
    return PasswordHashing(**values)


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be an integer, not {raw!r}.") from None


def _at_least_one(env: Mapping[str, str], name: str, default: int) -> int:
    value = _int(env, name, default)
    if value < 1:
        raise SettingsError(f"{name} must be at least 1, not {value}.")
    return value


def _positive_float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number of seconds, not {raw!r}.") from None
    if not value > 0:
        raise SettingsError(f"{name} must be more than 0, not {raw!r}.")
    return value


def _list(env: Mapping[str, str], name: str, most: int | None = 2) -> tuple[str, ...]:
    """Comma-separated, blanks dropped; secrets: at most two (D5: the current and the one being
    replaced)."""
    values = tuple(part.strip() for part in env.get(name, "").split(",") if part.strip())
    if most is not None and len(values) > most:
        raise SettingsError(f"{name} holds at most two secrets (newest first), not {len(values)}.")
    return values


def _flag(env: Mapping[str, str], name: str) -> bool:
    raw = env.get(name, "0")
    if raw not in ("0", "1"):
        raise SettingsError(f"{name} must be 1 or 0, not {raw!r}.")
    return raw == "1"
