"""Error reports (campaign_platform/integrations/error_reports.py): an event goes out with the
request's context and without a secret or a person's data, whatever field it hid in."""
import json

from campaign_platform.integrations.error_reports import REDACTED, scrub

SECRETS = {
    "bearer": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
    "basic": "Basic ZGFuYTpodW50ZXIy",
    "api_key": "cpk_live_4f9a8b7c6d5e",
    "email": "dana.donor@example.com",
    "phone": "+1 (614) 555-0142",
    "password": "Tr0ub4dor&3-horse",
    "link": "https://app.example/verify?token=abc123secret",
}


def event_with_secrets() -> dict:
    return {
        "event_id": "0123456789abcdef",
        "tags": {"route": "/v1/campaigns/{campaign_id}/calls", "method": "POST",
                 "campaign_id": "12345678-1234-1234-1234-123456789012", "request_id": "r-1"},
        "exception": {"values": [{"type": "RuntimeError", "value":
                      f"failed for {SECRETS['email']} at {SECRETS['phone']} with {SECRETS['bearer']} "
                      f"password={SECRETS['password']} {SECRETS['link']} {SECRETS['api_key']}"}]},
        "request": {"headers": {"Authorization": SECRETS["basic"], "Cookie": "session=abc123",
                                "X-Api-Key": SECRETS["api_key"]},
                    "data": {"password": SECRETS["password"], "donor_name": "Alex Donorfield",
                             "first_name": "Alex", "email": SECRETS["email"]}},
        "extra": {"client_secret": "s3cr3t-value", "credentials": "user:pass", "note": SECRETS["phone"]},
        "breadcrumbs": {"values": [{"message": f"mail to {SECRETS['email']}"}]},
    }


def test_no_secret_or_personal_data_survives():
    text = json.dumps(scrub(event_with_secrets()))
    for what, value in {**SECRETS, "basic credential": "ZGFuYTpodW50ZXIy", "donor": "Donorfield",
                        "cookie": "abc123", "client secret": "s3cr3t-value", "credentials": "user:pass",
                        "phone digits": "555-0142"}.items():
        assert value not in text, f"the {what} survived scrubbing: {text}"


def test_the_context_survives():
    scrubbed = scrub(event_with_secrets())
    assert scrubbed["tags"] == event_with_secrets()["tags"]
    assert scrubbed["exception"]["values"][0]["type"] == "RuntimeError"
    assert REDACTED in scrubbed["exception"]["values"][0]["value"]
