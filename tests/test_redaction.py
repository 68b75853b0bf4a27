"""Secrets never reach the report: every shape of secret the suite handles is redacted."""
import json
import secrets
from datetime import timedelta
from types import SimpleNamespace

import pytest

from support import reporting
from support.reporting import REDACTED, describe_exchange, redact, redact_headers, redact_text, register_secret

JWT = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0In0."
       "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")


@pytest.mark.parametrize("text, secret", [
    ("Authorization: Bearer abc.def-123", "abc.def-123"),
    ("Basic ZGFuYTpodW50ZXIy", "ZGFuYTpodW50ZXIy"),
    (f"token {JWT} issued", JWT),
    ("https://app.test/verify-email?token=Zm9vYmFyYmF6cXV4", "Zm9vYmFyYmF6cXV4"),
    ("https://app.test/accept-invitation?x=1&token=s3cr3t-v4lue", "s3cr3t-v4lue"),
    ("postgresql://app:hunter2-pw@db.example:5432/app", "hunter2-pw"),
    ('{"password": "Correct-Horse-9", "email": "d@x.test"', "Correct-Horse-9"),
    ('{"access_token":"opaque-token-value"}', "opaque-token-value"),
])
def test_secret_shapes_in_text_are_redacted(text, secret):
    redacted = redact_text(text)
    assert secret not in redacted
    assert REDACTED in redacted


def test_sensitive_keys_are_redacted_at_any_depth_and_the_rest_is_kept():
    value = {"owner": {"email": "dana@example.test", "password": "Correct-Horse-9"},
             "items": [{"token": "t0k3n-value"}, {"webhook_secret": "whsec"}],
             "access_token": JWT, "expires_in": 900}
    redacted = redact(value)
    assert redacted["owner"] == {"email": "dana@example.test", "password": REDACTED}
    assert redacted["items"] == [{"token": REDACTED}, {"webhook_secret": REDACTED}]
    assert redacted["access_token"] == REDACTED and redacted["expires_in"] == 900


def test_registered_secrets_are_redacted_whatever_their_shape():
    secret = reporting.register_secret("plain-looking-value-42")
    assert secret not in redact_text("it was plain-looking-value-42, unlabelled")
    assert secret not in json.dumps(redact({"note": "say plain-looking-value-42"}))


def test_every_occurrence_of_every_registered_secret_is_redacted_overlaps_included():
    inner = register_secret("Inner-Secret-77")
    outer = register_secret("xx-Inner-Secret-77-xx")  # one secret inside another
    left, right = register_secret("overlap-AAAA"), register_secret("AAAA-overlap-2")
    text = f"{inner} and {outer}; twice {inner}; {left[:-4]}AAAA-overlap-2 end"
    redacted = redact_text(text)
    for secret in (inner, outer, left, right):
        assert secret not in redacted
    assert "-xx" not in redacted and "-overlap-2" not in redacted  # no piece of a secret is left
    assert redacted.endswith(" end") and redacted.count("and") == 1


def test_a_secret_is_found_among_thousands_registered():
    """A run registers thousands of secrets; a text is searched by its own length (reporting.py)."""
    for number in range(5_000):
        register_secret(f"registry-filler-{number:06d}")
    wanted = register_secret("needle-secret-5001")
    assert redact_text(f"a {wanted} b") == f"a {REDACTED} b"
    assert redact_text("nothing to hide here") == "nothing to hide here"


def test_credential_headers_keep_only_their_scheme():
    headers = redact_headers({"Authorization": "Bearer abc", "Cookie": "session=xyz",
                              "Content-Type": "application/json"})
    assert headers == {"Authorization": f"Bearer {REDACTED}", "Cookie": REDACTED,
                       "Content-Type": "application/json"}


def test_an_http_exchange_is_attached_without_its_secrets():
    request = SimpleNamespace(
        method="POST", url="http://127.0.0.1:9/v1/sessions?token=leaky-token",
        headers={"Authorization": "Bearer sekrit-bearer", "Content-Type": "application/json"},
        body=json.dumps({"email": "d@x.test", "password": "Correct-Horse-9"}).encode())
    response = SimpleNamespace(
        request=request, status_code=200, elapsed=timedelta(milliseconds=12),
        headers={"Content-Type": "application/json"},
        content=json.dumps({"access_token": JWT, "token_type": "bearer"}).encode())
    record = json.dumps(describe_exchange(response))
    for secret in ("leaky-token", "sekrit-bearer", "Correct-Horse-9", JWT):
        assert secret not in record
    assert '"status": 200' in record and "d@x.test" in record


def test_a_body_that_is_not_json_is_still_redacted():
    request = SimpleNamespace(method="POST", url="http://h/v1/signup", headers={},
                              body=b'{"owner": {"password": "Correct-Horse-9"')
    response = SimpleNamespace(request=request, status_code=400, elapsed=timedelta(0),
                               headers={}, content=b"")
    assert "Correct-Horse-9" not in json.dumps(describe_exchange(response))


def test_the_report_is_scanned_for_leaked_secrets(tmp_path):
    secret = reporting.register_secret("leaky-password-value-77")
    (tmp_path / "clean-result.json").write_text('{"name": "fine", "password": "[REDACTED]"}')
    assert reporting.find_leaks(tmp_path) == []
    (tmp_path / "a-attachment.json").write_text(f'{{"body": "{secret}"}}')
    (tmp_path / "b-attachment.txt").write_text(f"Authorization: Bearer {JWT}")
    assert reporting.find_leaks(tmp_path) == ["a-attachment.json", "b-attachment.txt"]


def test_webhook_and_pull_api_credentials_never_reach_the_report():
    """The processor double's control calls carry the webhook password and the pull-API secret."""
    webhook_password = register_secret("Zr1rQ0f4n3Xq2v7sP9wK8yL5mB6cD0eF1gH2iJ3kL4m")
    client_secret = register_secret("pulled-secret-0123456789abcdef0123456789")
    request = SimpleNamespace(
        method="POST", url="http://127.0.0.1:9/control/accounts",
        headers={"Content-Type": "application/json"},
        body=json.dumps({"webhook_url": "http://127.0.0.1:8/v1/hooks/donations/x",
                         "username": "cp_1234", "password": webhook_password}).encode())
    response = SimpleNamespace(
        request=request, status_code=201, elapsed=timedelta(milliseconds=3),
        headers={"Content-Type": "application/json"},
        content=json.dumps({"account_id": "a1", "client_id": "cid-1",
                            "client_secret": client_secret,
                            "note": f"sent with Basic {webhook_password}"}).encode())
    record = json.dumps(describe_exchange(response))
    assert webhook_password not in record and client_secret not in record
    assert "cid-1" in record and "cp_1234" in record


def test_one_time_codes_are_redacted_by_shape_and_error_codes_are_kept():
    redacted = redact({"code": "482913", "codes": ["111111", "222222"],
                       "error": {"code": "wrong_code", "message": "The code is wrong."}})
    assert redacted["code"] == REDACTED and redacted["codes"] == REDACTED
    assert redacted["error"]["code"] == "wrong_code"


API_KEY = "cpk_" + "Q2hlY2sgdGhlIHNoYXBlLW5vdCB0aGUgdmFsdWUuX2Fi"[:43]


@pytest.mark.parametrize("text", [
    f'{{"api_key_id": "k1", "name": "CRM sync", "key": "{API_KEY}"}}',
    f"Authorization: Bearer {API_KEY}",
    f"the integration was set up with {API_KEY}, unregistered",
    f'{{"type": "auth", "token": "{API_KEY}"}}',
])
def test_an_api_key_is_redacted_by_its_shape_even_when_never_registered(text):
    redacted = redact_text(text)
    assert API_KEY not in redacted and "cpk_" not in redacted
    assert REDACTED in redacted


def test_an_api_key_in_a_key_field_of_an_answer_is_redacted():
    """The platform shows a key once, as "key": a field name no key-name rule would catch."""
    request = SimpleNamespace(method="POST", url="http://h/v1/campaigns/c/api-keys",
                              headers={"Content-Type": "application/json"},
                              body=json.dumps({"name": "CRM sync", "role": "caller"}).encode())
    response = SimpleNamespace(
        request=request, status_code=201, elapsed=timedelta(milliseconds=4),
        headers={"Content-Type": "application/json"},
        content=json.dumps({"api_key_id": "k1", "name": "CRM sync", "role": "caller",
                            "key": API_KEY}).encode())
    record = json.dumps(describe_exchange(response))
    assert API_KEY not in record and '"api_key_id": "k1"' in record and "CRM sync" in record


def test_the_report_scan_finds_an_api_key_by_its_shape(tmp_path):
    (tmp_path / "clean.json").write_text('{"api_key_id": "k1", "key": "[REDACTED]"}')
    (tmp_path / "leak.json").write_text(f'{{"key": "{API_KEY}"}}')
    assert reporting.find_leaks(tmp_path) == ["leak.json"]


def test_secrets_are_found_before_and_after_the_automaton_is_rebuilt():
    """Secrets registered since the last rebuild are looked for one by one; older ones by the
    automaton. A run registers thousands: both halves must find every one, and overlapping
    secrets are replaced as one span."""
    made = [register_secret("rb-" + secrets.token_hex(12)) for _ in range(150)]
    text = " | ".join(f"at {n}: {secret}." for n, secret in enumerate(made))
    redacted = redact_text(text)
    assert not any(secret in redacted for secret in made)
    assert redacted.count(REDACTED) == len(made)
    outer = register_secret("overlap-" + secrets.token_hex(8))
    register_secret(outer[4:20])
    assert redact_text(f"[{outer}]") == f"[{REDACTED}]"


def test_nothing_is_attached_while_a_shared_fixture_is_made(monkeypatch):
    attached = []
    monkeypatch.setattr(reporting.allure, "attach", lambda *a, **k: attached.append(k["name"]))
    with reporting.silenced():
        reporting.attach_json("made once", {"a": 1})
        reporting.attach_text("made once", "text")
    reporting.attach_json("every scenario", {"a": 1})
    assert attached == ["every scenario"]
