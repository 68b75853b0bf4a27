"""Profiles: which deployment a run targets and what that deployment can do.

A profile is ``config/<name>.yaml``. It is chosen with ``behave -D profile=NAME`` or the
environment variable ``CP_SUITE_PROFILE`` (the ``-D`` flag wins); ``local`` is the default.
Values written as ``${NAME}`` are read from the environment, so no secret lives in a file.
Any key can also be overridden by an environment variable ``CP_SUITE_<KEY>`` (upper case).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG_DIR = ROOT / "config"
DEFAULT_PROFILE = "local"
MODES = ("embedded", "attach", "external")
_ENV_REF = re.compile(r"^\$\{([A-Z0-9_]+)\}$")


class ProfileError(Exception):
    """The chosen profile cannot be used as written."""


@dataclass(frozen=True)
class Profile:
    name: str
    mode: str
    capabilities: frozenset[str] = field(default_factory=frozenset)
    base_url: str | None = None
    database_url: str | None = None
    app_database_url: str | None = None  # the platform's own role, for the row-level security probe
    redis_url: str | None = None
    mail_url: str | None = None
    processor_url: str | None = None
    carrier_url: str | None = None
    van_url: str | None = None
    state_file: Path | None = None

    def has(self, capability: str) -> bool:
        return capability in self.capabilities


def _resolve(key: str, value, env) -> object:
    override = env.get(f"CP_SUITE_{key.upper()}")
    if override is not None:
        return override
    if isinstance(value, str):
        ref = _ENV_REF.match(value)
        if ref:
            if ref.group(1) not in env:
                raise ProfileError(f"{key} needs the environment variable {ref.group(1)}")
            return env[ref.group(1)]
    return value


def load_profile(name: str | None = None, env=None, config_dir: Path = CONFIG_DIR) -> Profile:
    env = os.environ if env is None else env
    name = name or env.get("CP_SUITE_PROFILE") or DEFAULT_PROFILE
    path = config_dir / f"{name}.yaml"
    if not path.exists():
        known = ", ".join(sorted(p.stem for p in config_dir.glob("*.yaml")))
        raise ProfileError(f"no profile {name!r} (config/{name}.yaml); known: {known}")
    raw = yaml.safe_load(path.read_text()) or {}
    values = {key: _resolve(key, value, env) for key, value in raw.items()}
    mode = values.get("mode")
    if mode not in MODES:
        raise ProfileError(f"profile {name!r}: mode must be one of {', '.join(MODES)}")
    if mode == "external" and not values.get("base_url"):
        raise ProfileError(f"profile {name!r}: an external deployment needs base_url")
    state_file = values.get("state_file")
    return Profile(
        name=name,
        mode=mode,
        capabilities=frozenset(values.get("capabilities") or ()),
        base_url=values.get("base_url"),
        database_url=values.get("database_url"),
        app_database_url=values.get("app_database_url"),
        redis_url=values.get("redis_url"),
        mail_url=values.get("mail_url"),
        processor_url=values.get("processor_url"),
        carrier_url=values.get("carrier_url"),
        van_url=values.get("van_url"),
        state_file=(ROOT / state_file) if state_file else None,
    )
