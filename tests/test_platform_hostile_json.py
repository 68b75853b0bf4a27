"""Hostile bodies (issue 15): reproductions kept as regression tests, no rule at stake.

- Malformed JSON (invalid UTF-8, a latin-1 charset, deep nesting, a huge integer, NaN) is 400
  `invalid_json`, never the generic `http_error`.
- Who asks is answered before what they sent: a bad or empty body without a token is 401.
- Types are strict: `true` is not a number, `0` is not a date or a time.

The app is driven in-process over ASGI, without its lifespan: none of these answers reaches the
database.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from pydantic import ValidationError

from campaign_platform.api import calls, donations, reconciliations, testing
from campaign_platform.api.inputs import NOT_JSON, parse_json
from campaign_platform.domain import hook_credentials

CAMPAIGN = "/v1/campaigns/00000000-0000-0000-0000-000000000001"


@pytest.fixture(scope="module")
def app():
    with pytest.MonkeyPatch.context() as env:
        env.setenv("CP_JWT_SECRET", "s" * 32)
        env.setenv("CP_TEST_MODE", "1")
        from campaign_platform.app import create_app  # noqa: PLC0415
        from campaign_platform.settings import Settings  # noqa: PLC0415

        built = create_app(Settings.from_env())
    built.state.services = None  # every answer below comes before a collaborator is used
    return built


def ask(app, method: str, path: str, body: bytes = b"", content_type: str | None = "application/json",
        query: bytes = b""):
    """(status, JSON body) of one request, over ASGI (to a host the deployment serves)."""
    headers = [(b"host", b"localhost"), (b"content-length", str(len(body)).encode())]
    if content_type:
        headers.append((b"content-type", content_type.encode()))
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
             "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query, "root_path": "",
             "headers": headers, "client": ("127.0.0.1", 1), "server": ("test", 80)}  # fmt: skip
    sent: list[dict] = []
    chunks = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive():
        return chunks.pop(0) if chunks else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    payload = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, json.loads(payload)


MALFORMED = {
    "invalid UTF-8": (b'{"email": "\xff"}', "application/json"),
    "a latin-1 charset": (b'{"email": "a@b.test", "password": "x"}', "application/json; charset=latin-1"),
    "deep nesting": (b"[" * 30_000 + b"]" * 30_000, "application/json"),  # within the 64 KiB limit
    "a huge integer": (b'{"email": ' + b"9" * 5000 + b"}", "application/json"),
    "NaN": (b'{"email": NaN}', "application/json"),
    "an empty body": (b"", "application/json"),
    "bad syntax": (b"{", "application/json"),
    "no content type": (b'{"email": "a@b.test", "password": "x"}', None),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_json_is_invalid_json(app, case):
    body, content_type = MALFORMED[case]
    status, answer = ask(app, "POST", "/v1/sessions", body, content_type)
    assert (status, answer["error"]["code"]) == (400, "invalid_json"), answer


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_without_a_token_the_answer_is_401_whatever_the_body(app, case):
    body, content_type = MALFORMED[case]
    status, answer = ask(app, "PUT", f"{CAMPAIGN}/dial-settings", body, content_type)
    assert (status, answer["error"]["code"]) == (401, "unauthenticated"), answer


def test_a_time_that_is_a_number_is_invalid_input(app):
    status, answer = ask(app, "PUT", f"{CAMPAIGN.replace('/v1/', '/v1/test/')}/clock", b'{"now": 0}')
    assert (status, answer["error"]["code"], answer["error"]["field"]) == (422, "invalid_input", "now")


@pytest.mark.parametrize(("model", "body"), [
    (calls.DialSettingsIn, {"max_concurrent_calls": True}),
    (calls.DialSettingsIn, {"calls_per_second": "5"}),
    (calls.DialSettingsIn, {"calls_per_second": 5.5}),
    (reconciliations.ScheduleIn, {"every_hours": True}),
    (reconciliations.RangeIn, {"from": 0, "to": "2026-01-02"}),
    (reconciliations.RangeIn, {"from": "0", "to": "2026-01-02"}),
    (reconciliations.RangeIn, {"from": "2026-01-01T00:00:00", "to": "2026-01-02"}),
    (donations.ElectionsIn, {"general": 0}),
    (testing.ClockIn, {"now": 0}),
    (testing.ClockIn, {"now": "0"}),
    (testing.AdvanceIn, {"seconds": True}),
    (testing.CallHistoryIn, {"contact_id": "00000000-0000-0000-0000-000000000001",
                             "caller_id": "00000000-0000-0000-0000-000000000001", "answered": True}),
])  # fmt: skip
def test_loose_values_are_refused(model, body):
    with pytest.raises(ValidationError):
        model.model_validate(body)


def test_strict_values_are_accepted():
    assert calls.DialSettingsIn.model_validate({"max_concurrent_calls": 5}).max_concurrent_calls == 5
    assert reconciliations.ScheduleIn.model_validate({"every_hours": 48.0}).every_hours == 48  # JSON Schema's integer
    assert str(reconciliations.RangeIn.model_validate({"from": "2026-01-01", "to": "2026-01-02"}).start) == "2026-01-01"
    assert testing.ClockIn.model_validate({"now": "2026-01-01T09:00:00-05:00"}).now.utcoffset() is not None
    assert testing.AdvanceIn.model_validate({"seconds": 60}).seconds == 60


def test_json_is_read_as_utf8_only():
    assert parse_json('{"a": "é"}'.encode(), "application/json; charset=UTF-8") == {"a": "é"}
    assert parse_json('{"a": "é"}'.encode("utf-16"), "application/json") is NOT_JSON


# --- who asks comes before what they sent, a NUL included (the fuzz's stranger pass) -------------

NUL_BODIES = {
    "in a field the route reads": b'{"max_concurrent_calls": 5, "note": "a\\u0000b"}',
    "in a field it does not know": b'{"\\u0000": {"x": "\\u0000"}, "calls_per_second": 2}',
}


@pytest.mark.parametrize("case", sorted(NUL_BODIES))
def test_a_nul_in_a_json_body_without_a_token_is_401(app, case):
    """Before: the edge answered 422 invalid_text before the credentials were read."""
    status, answer = ask(app, "PUT", f"{CAMPAIGN}/dial-settings", NUL_BODIES[case])
    assert (status, answer["error"]["code"]) == (401, "unauthenticated"), answer


def test_a_nul_in_the_query_without_a_token_is_401(app):
    status, answer = ask(app, "GET", f"{CAMPAIGN}/contacts", query=b"q=Sam%00&x%00=1")
    assert (status, answer["error"]["code"]) == (401, "unauthenticated"), answer


def test_a_nul_in_the_path_is_refused_at_the_edge(app):
    status, answer = ask(app, "GET", f"{CAMPAIGN}/contacts/a\x00b")
    assert (status, answer["error"]["code"]) == (422, "invalid_text"), answer


# --- the document says what the platform refuses (the fuzz's owner pass) -----------------------


def test_the_document_says_text_holds_no_nul(app):
    """Before: a string was any string, so a NUL the platform refuses was schema-valid."""
    schemas = app.openapi()["components"]["schemas"]
    caller_id = schemas["CallerIdIn"]
    assert caller_id["properties"]["number"]["pattern"] == "^[^\\x00]*$"
    assert caller_id["propertyNames"] == {"pattern": "^[^\\x00]*$"}
    assert caller_id["additionalProperties"] == {"$ref": "#/components/schemas/StorableJson"}
    # Basic credentials: printable Latin-1 (the route's rule, which keeps out the NUL too)
    assert schemas["ProcessorIn"]["properties"]["client_id"]["pattern"] == hook_credentials.BASIC_USER_ID_PATTERN
    assert "DonationNotification" not in str(schemas["StorableJson"])  # the hooks record it, cleaned
    assert "pattern" not in str(schemas["DonationNotification"]["properties"]["donor"]["properties"]["firstname"])


def test_the_bounds_of_an_optional_number_are_published():
    """Before: `ge`/`le` (not JSON Schema) on dial settings, so 0 was schema-valid."""
    properties = calls.DialSettingsIn.model_json_schema()["properties"]
    number = properties["calls_per_second"]["anyOf"][0]
    assert (number["minimum"], number["maximum"]) == (1, 1_000)
    with pytest.raises(ValidationError):
        calls.DialSettingsIn.model_validate({"calls_per_second": 0})


def test_a_concrete_path_wins_over_a_template(app):
    """Before: OPTIONS on .../contacts/imports said `Allow: GET, HEAD, POST` (GET of a contact
    named "imports"); a GET there was a contact look-up."""
    status, answer = ask(app, "OPTIONS", f"{CAMPAIGN}/contacts/imports")
    assert (status, answer["error"]["code"]) == (405, "method_not_allowed")
    status, answer = ask(app, "GET", f"{CAMPAIGN}/contacts/imports")
    assert (status, answer["error"]["code"]) == (405, "method_not_allowed")
