"""Unhandled errors to an error tracker (sentry-sdk, CP_SENTRY_DSN; none when empty), with the
request's context and no secret or personal data.

Only what the platform hands over is sent: sentry-sdk's default and auto-enabled integrations are
off (no request bodies, headers or cookies collected behind our back), local variables are not
attached, and `scrub` (before_send) runs on every event: sensitive keys anywhere in the event
(authorization, cookie, token, password, secret, credential, api key, email, phone, name...)
lose their value, and e-mail addresses, phone numbers, bearer/basic credentials, JWTs, API keys
and one-time tokens in links are cut out of every string (the exception's message included).
The context each event carries: the route template, the method, the campaign id (an opaque id,
not personal), the request id (also answered as `X-Request-Id`).
"""

from __future__ import annotations

import re
from typing import Any

SENSITIVE_KEY = re.compile(
    r"auth|cookie|token|passw|secret|credential|api[-_]?key|session|signature|email|e-mail|phone|"
    r"mobile|address|name|first|last|donor|employer|occupation|^to$|^from$|^body$",
    re.IGNORECASE,
)
KEEP_KEYS = frozenset({
    "route", "method", "campaign_id", "request_id", "type", "module", "function", "filename", "abs_path",
    "lineno", "colno", "in_app", "level", "logger", "platform", "event_id", "timestamp", "release",
    "environment", "server_name", "sdk", "mechanism", "handled",
})  # fmt: skip
REDACTED = "[redacted]"
_PATTERNS = [
    re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+"),
    re.compile(r"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"),  # a JWT
    re.compile(r"\bcpk_[A-Za-z0-9_-]+"),  # the platform's API keys
    re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"),  # an e-mail address
    re.compile(r"(?<![\w])\+?\d[\d ().-]{7,}\d"),  # a phone number
    re.compile(r"(?i)([?&](?:token|key|code|password|secret)=)[^&\s]+"),
    re.compile(r"(?i)(password|secret|token|api[-_]?key)(\s*[=:]\s*)\S+"),
]


def scrub(event: dict[str, Any], hint: Any = None) -> dict[str, Any]:
    """before_send: the event without a secret or a person's data (module docstring)."""
    return _clean(event, None)


def _clean(value: Any, key: str | None) -> Any:
    if key in KEEP_KEYS and not isinstance(value, (dict, list)):
        return value  # the platform's own context and the SDK's fields: no person's data
    if key is not None and key not in KEEP_KEYS and SENSITIVE_KEY.search(key) and isinstance(value, (str, int, float)):
        return REDACTED
    if isinstance(value, dict):
        return {k: _clean(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v, key if isinstance(v, (dict, list)) else None) for v in value]
    if isinstance(value, str):
        return scrub_text(value)
    return value


def scrub_text(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub(_replacement(pattern), text)
    return text


def _replacement(pattern: re.Pattern[str]) -> str:
    return r"\1" + REDACTED if pattern.groups == 1 else (r"\1\2" + REDACTED if pattern.groups == 2 else REDACTED)


def start(dsn: str, environment: str) -> bool:
    """Send unhandled errors to `dsn` from now on; False (nothing started) when it is empty."""
    if not dsn:
        return False
    import sentry_sdk  # noqa: PLC0415 (only a deployment that reports errors pays for the import)

    sentry_sdk.init(
        dsn=dsn, environment=environment, default_integrations=False, auto_enabling_integrations=False,
        include_local_variables=False, send_default_pii=False, before_send=scrub, max_breadcrumbs=0,
        traces_sample_rate=None,
    )  # fmt: skip
    return True


def report(exc: BaseException, context: dict[str, str | None]) -> None:
    """One unhandled error, with its request's context (tags), if reporting was started."""
    import sentry_sdk  # noqa: PLC0415

    if not sentry_sdk.is_initialized():
        return
    with sentry_sdk.new_scope() as scope:
        for name, value in context.items():
            if value is not None:
                scope.set_tag(name, value)
        scope.set_context("request", {name: value for name, value in context.items() if value is not None})
        sentry_sdk.capture_exception(exc)
