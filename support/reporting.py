"""Allure attachments with redaction, labels, and the run's metadata files.

Secrets never reach the report. Two nets catch them, and every attachment goes through both:

1. by shape: sensitive JSON keys and headers, bearer/basic credentials, JWTs, one-time tokens in
   links, passwords in URLs;
2. by value: every secret the world generates (passwords, tokens) is registered here and any
   occurrence of it is replaced, whatever the shape it hides in.
"""
from __future__ import annotations

import contextlib
import json
import os
import platform
import re
import sys
import threading
import time
import traceback
import uuid
from pathlib import Path

import ahocorasick
import allure
import allure_commons
from allure_commons.logger import AllureFileLogger
from allure_commons.model2 import Label, Status, StatusDetails, TestResult

REDACTED = "[REDACTED]"
SENSITIVE_KEYS = re.compile(
    r"pass(word)?|token|secret|authorization|credential|api[_-]?key|cookie|signature|otp|code_hash",
    re.IGNORECASE)
_JWT = re.compile(r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
# A platform API key (campaign_platform/API.md, "API keys"): cpk_ and 43 URL-safe characters.
_API_KEY = re.compile(r"cpk_[A-Za-z0-9_-]{16,}")
_TEXT_PATTERNS = [
    # A JWT anywhere.
    (_JWT, REDACTED),
    # An API key anywhere (before the auth-scheme rule, which would keep nothing to spot).
    (_API_KEY, REDACTED),
    # Credentials after an auth scheme.
    (re.compile(r"\b(Bearer|Basic|Digest)\s+[A-Za-z0-9._~+/=-]+", re.IGNORECASE), rf"\1 {REDACTED}"),
    # One-time tokens and keys in query strings (verification and invitation links).
    (re.compile(r"([?&#](?:[a-z_]*token|code|key|secret|signature)=)[^&\s\"'<>]+", re.IGNORECASE),
     rf"\1{REDACTED}"),
    # user:password@ in URLs and DSNs.
    (re.compile(r"(://[^:/@\s]+:)[^@/\s]+@"), rf"\1{REDACTED}@"),
    # "password": "..." in text that is JSON-like but was not parsed.
    (re.compile(r"(\"[^\"]*(?:pass(?:word)?|token|secret)[^\"]*\"\s*:\s*)\"[^\"]*\"", re.IGNORECASE),
     rf'\1"{REDACTED}"'),
]

_SECRET_MIN = 6  # shorter values are not registered: they would match ordinary text


class _Secrets:
    """The registered secrets, found in a text in one pass whatever their number (thousands by
    the end of a run): an Aho-Corasick automaton (pyahocorasick, in C) over all of them, rebuilt
    once every REBUILD_AFTER registrations; the few registered since are looked for one by one."""

    REBUILD_AFTER = 16

    def __init__(self):
        self._lock = threading.Lock()
        self._all: set[str] = set()
        self._automaton: ahocorasick.Automaton | None = None
        self._pending: list[str] = []

    def add(self, value: str) -> None:
        with self._lock:
            if value in self._all:
                return
            self._all.add(value)
            self._pending.append(value)
            if len(self._pending) >= self.REBUILD_AFTER:
                automaton = ahocorasick.Automaton()
                for secret in self._all:
                    automaton.add_word(secret, len(secret))
                automaton.make_automaton()
                self._automaton, self._pending = automaton, []

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where registered secrets occur in ``text``, overlapping spans merged."""
        with self._lock:
            automaton, pending = self._automaton, list(self._pending)
        found = []
        if automaton is not None:
            found = [(end - length + 1, end + 1) for end, length in automaton.iter(text)]
        for secret in pending:
            at = text.find(secret)
            while at != -1:
                found.append((at, at + len(secret)))
                at = text.find(secret, at + 1)
        merged: list[tuple[int, int]] = []
        for start, end in sorted(found):
            if merged and start < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged


_known_secrets = _Secrets()


def register_secret(value: str) -> str:
    """Remember a generated secret so that no attachment ever shows it. Returns it."""
    if value and len(value) >= _SECRET_MIN:
        _known_secrets.add(value)
    return value


def redact_text(text: str) -> str:
    for pattern, replacement in _TEXT_PATTERNS:
        text = pattern.sub(replacement, text)
    spans = _known_secrets.spans(text)
    if not spans:
        return text
    kept, last = [], 0
    for start, end in spans:
        kept.append(text[last:start])
        last = end
    return REDACTED.join(kept) + REDACTED + text[last:]


# One-time verification codes ("code": "123456", "codes": [...]): secrets by shape. Registering
# them by value would not do: six digits also occur in timestamps and phone numbers.
_ONE_TIME_CODE = re.compile(r"^[0-9]{4,8}$")


def _is_secret_field(key, value) -> bool:
    if not isinstance(key, str) or value in (None, ""):
        return False
    if key.lower().endswith("_id"):  # an identifier names a secret, it is not one (api_key_id)
        return False
    if SENSITIVE_KEYS.search(key):
        return True
    codes = value if isinstance(value, list) else [value]
    return key.lower() in ("code", "codes") and all(
        isinstance(code, str) and _ONE_TIME_CODE.match(code) for code in codes)


def redact(value):
    """Redact a JSON-like value (dicts, lists, strings) recursively."""
    if isinstance(value, dict):
        return {key: (REDACTED if _is_secret_field(key, value[key]) else redact(value[key]))
                for key in value}
    if isinstance(value, (list, tuple)):
        return [redact(item) for item in value]
    if isinstance(value, str):
        return redact_text(value)
    return value


def redact_headers(headers) -> dict:
    return {name: (redact_text(value) if name.lower() not in ("authorization", "cookie",
                                                               "set-cookie", "proxy-authorization")
                   else _scheme_only(value))
            for name, value in dict(headers or {}).items()}


def _scheme_only(value: str) -> str:
    scheme = value.split(" ", 1)[0] if " " in value else ""
    return f"{scheme} {REDACTED}".strip()


def _body(raw, content_type: str | None):
    if raw in (None, b"", ""):
        return None
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="replace")
    if (content_type and "json" in content_type) or raw[:1] in "{[":
        try:
            return redact(json.loads(raw))
        except ValueError:
            pass
    return redact_text(raw[:20_000])


def describe_exchange(response) -> dict:
    """A requests.Response (and its request) as a redacted, JSON-ready record."""
    request = response.request
    return {
        "request": {
            "method": request.method,
            "url": redact_text(request.url),
            "headers": redact_headers(request.headers),
            "body": _body(request.body, request.headers.get("Content-Type")),
        },
        "response": {
            "status": response.status_code,
            "duration_ms": round(response.elapsed.total_seconds() * 1000, 1),
            "headers": redact_headers(response.headers),
            "body": _body(response.content, response.headers.get("Content-Type")),
        },
    }


_silenced = threading.Event()  # set while a fixture shared by several scenarios is made


@contextlib.contextmanager
def silenced():
    """Attach nothing while a fixture shared across scenarios is made (a rival built once per
    worker): which scenario happens to make it depends on how features fall to workers, so its
    exchanges would make a serial and a parallel report differ. Each scenario that uses the
    fixture attaches what it is instead (support/rivals.py)."""
    _silenced.set()
    try:
        yield
    finally:
        _silenced.clear()


def attach_exchange(response, *args, **kwargs) -> None:
    """A requests response hook: attach the exchange to the current Allure step."""
    if _silenced.is_set():
        return
    record = describe_exchange(response)
    path = response.request.path_url.split("?")[0]
    name = (f"{response.request.method} {path} → {response.status_code} "
            f"({record['response']['duration_ms']:g} ms)")
    attach_json(name, record)


def attach_json(name: str, value) -> None:
    if _silenced.is_set():
        return
    allure.attach(json.dumps(redact(value), indent=2, default=str), name=redact_text(name),
                  attachment_type=allure.attachment_type.JSON)


def attach_text(name: str, text: str) -> None:
    if _silenced.is_set():
        return
    allure.attach(redact_text(text), name=redact_text(name),
                  attachment_type=allure.attachment_type.TEXT)


def find_leaks(results_dir: Path) -> list[str]:
    """Files of the report holding a registered secret, a JWT or an API key: always empty."""
    leaks = []
    for path in sorted(results_dir.iterdir()) if results_dir.is_dir() else []:
        text = path.read_text(errors="replace")
        if (_JWT.search(text) or _API_KEY.search(text)
                or _known_secrets.spans(text)):
            leaks.append(path.name)
    return leaks


# -- labels ----------------------------------------------------------------------------------
def _allure_listener():
    from allure_behave.listener import AllureListener
    for plugin in allure_commons.plugin_manager.get_plugins():
        if isinstance(plugin, AllureListener):
            return plugin
    return None


def label_current_test(**labels: str) -> None:
    """Add labels (epic, story…) to the scenario being run; allure-behave has no dynamic API."""
    listener = _allure_listener()
    if listener is None or listener.current_scenario_uuid is None:
        return
    test = listener.logger.get_test(listener.current_scenario_uuid)
    if test is not None:
        test.labels.extend(Label(name=name, value=value) for name, value in labels.items())


# -- run metadata and failures outside scenarios ---------------------------------------------
# How failures are sorted in the report; read by allurerc.mjs too (Allure 3 takes them from
# its configuration, Allure 2 readers from categories.json).
CATEGORIES_FILE = Path(__file__).resolve().parent.parent / "config" / "allure-categories.json"


def write_run_metadata(results_dir: Path, properties: dict, executor: dict) -> None:
    results_dir.mkdir(parents=True, exist_ok=True)
    lines = [f"{key}={redact_text(str(value))}" for key, value in properties.items()]
    (results_dir / "environment.properties").write_text("\n".join(lines) + "\n")
    (results_dir / "executor.json").write_text(json.dumps(executor, indent=2))
    (results_dir / "categories.json").write_text(CATEGORIES_FILE.read_text())


def report_broken(results_dir: Path, name: str, error: BaseException, epic: str,
                  feature: str) -> None:
    """Write a broken result for a failure outside any scenario (a hook), so it never vanishes."""
    now = int(time.time() * 1000)
    result = TestResult(
        uuid=str(uuid.uuid4()), historyId=name, name=name, fullName=name,
        status=Status.BROKEN, start=now, stop=now,
        statusDetails=StatusDetails(
            message=redact_text(f"{type(error).__name__}: {error}"),
            trace=redact_text("".join(traceback.format_exception(error)))),
        labels=[Label(name="epic", value=epic), Label(name="feature", value=feature),
                Label(name="severity", value="blocker"),
                Label(name="framework", value="behave"),
                Label(name="language", value=f"python {platform.python_version()}")])
    AllureFileLogger(str(results_dir)).report_result(result)


def write_suite_metadata(results_dir: Path, profile, endpoints, ready: dict) -> None:
    """The run's environment.properties, executor.json and categories.json: written once per run
    (by environment.py's after_all, or by the parallel runner; its workers write none)."""
    checks = ready.get("checks", {})
    hashing = ready.get("password_hash") or {}  # the cost of new password hashes (API.md)
    write_run_metadata(results_dir, {
        "target.profile": profile.name,
        "target.mode": profile.mode,
        "target.base_url": endpoints.base_url,
        "platform.version": ready.get("version"),
        "postgresql.version": checks.get("postgres", {}).get("version"),
        "redis.version": checks.get("redis", {}).get("version"),
        "stack.cold_start_seconds": endpoints.started_in_seconds,
        **{f"password_hash.{name}": value for name, value in hashing.items()},
        "python.version": sys.version.split()[0],
    }, {
        "name": "behave",
        "type": "ci" if os.environ.get("CI") else "local",
        "buildName": f"campaign platform acceptance {time.strftime('%Y-%m-%d %H:%M:%S')}",
        "reportName": "Campaign platform acceptance",
    })
