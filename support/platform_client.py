"""One method per business action of the platform API (campaign_platform/API.md).

Methods return the ``requests.Response`` untouched: the steps decide what an answer means. Every
exchange is attached, redacted, to the Allure step that made it.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import requests

from support.reporting import attach_exchange

TIMEOUT = 10


def error_code(response: requests.Response) -> str | None:
    try:
        return response.json()["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return None


def session_for(url: str) -> requests.Session:
    """A session for a deployment or a double at ``url``. On loopback, proxy settings cannot
    apply, so requests is told not to read them from the environment: it would on every request
    (a millisecond of CPU each, thousands per run)."""
    session = requests.Session()
    if urlsplit(url).hostname in LOOPBACK:
        session.trust_env = False
    return session


LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class PlatformClient:
    def __init__(self, base_url: str, attach: bool = True):
        self.base_url = base_url.rstrip("/")
        self.session = session_for(self.base_url)
        if attach:  # a load run does not attach thousands of exchanges
            self.session.hooks["response"].append(attach_exchange)

    def _call(self, method: str, path: str, token: str | None = None, **kwargs):
        headers = kwargs.pop("headers", {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return self.session.request(method, self.base_url + path, headers=headers,
                                    timeout=TIMEOUT, **kwargs)

    # -- probes --------------------------------------------------------------------------------
    def health(self):
        return self._call("GET", "/health")

    def readiness(self):
        return self._call("GET", "/ready")

    # -- onboarding ----------------------------------------------------------------------------
    def sign_up(self, organization_name: str, campaign: dict, owner: dict):
        return self._call("POST", "/v1/signup", json={
            "organization_name": organization_name, "campaign": campaign, "owner": owner})

    def send_raw_sign_up(self, body: bytes):
        return self._call("POST", "/v1/signup", data=body,
                          headers={"Content-Type": "application/json"})

    def verify_email(self, token: str):
        return self._call("POST", "/v1/email-verifications", json={"token": token})

    def log_in(self, email: str, password: str):
        return self._call("POST", "/v1/sessions", json={"email": email, "password": password})

    def me(self, token: str):
        return self._call("GET", "/v1/me", token)

    def close_account(self, token: str):
        return self._call("DELETE", "/v1/me", token)

    # -- campaign ------------------------------------------------------------------------------
    def campaign(self, token: str, campaign_id: str):
        return self._call("GET", f"/v1/campaigns/{campaign_id}", token)

    def edit_campaign(self, token: str, campaign_id: str, **changes):
        return self._call("PATCH", f"/v1/campaigns/{campaign_id}", token, json=changes)

    def members(self, token: str, campaign_id: str):
        return self._call("GET", f"/v1/campaigns/{campaign_id}/members", token)

    def remove_member(self, token: str, campaign_id: str, user_id: str):
        return self._call("DELETE", f"/v1/campaigns/{campaign_id}/members/{user_id}", token)

    def change_role(self, token: str, campaign_id: str, user_id: str, role: str):
        return self._call("PUT", f"/v1/campaigns/{campaign_id}/members/{user_id}", token,
                          json={"role": role})

    def invite(self, token: str, campaign_id: str, email: str, role: str):
        return self._call("POST", f"/v1/campaigns/{campaign_id}/invitations", token,
                          json={"email": email, "role": role})

    def accept_invitation(self, invitation_token: str, full_name: str, password: str):
        return self._call("POST", "/v1/invitations/accept", json={
            "token": invitation_token, "full_name": full_name, "password": password})

    def set_compliance_contact(self, token: str, campaign_id: str, name: str, email: str):
        return self._call("PUT", f"/v1/campaigns/{campaign_id}/compliance-contact", token,
                          json={"name": name, "email": email})

    def checklist(self, token: str, campaign_id: str):
        return self._call("GET", f"/v1/campaigns/{campaign_id}/checklist", token)

    # -- test clocks (test mode only) ----------------------------------------------------------
    def advance_clock(self, token: str, campaign_id: str, seconds: int):
        return self._call("POST", f"/v1/test/campaigns/{campaign_id}/clock/advance", token,
                          json={"seconds": seconds})

    # -- donations -----------------------------------------------------------------------------
    def set_up_donation_webhook(self, token: str, campaign_id: str):
        return self._call("POST", f"/v1/campaigns/{campaign_id}/donations/webhook", token)

    def rotate_donation_webhook(self, token: str, campaign_id: str):
        return self._call("POST", f"/v1/campaigns/{campaign_id}/donations/webhook/rotation", token)

    def connect_processor(self, token: str, campaign_id: str, client_id: str, client_secret: str):
        return self._call("PUT", f"/v1/campaigns/{campaign_id}/donations/processor", token,
                          json={"client_id": client_id, "client_secret": client_secret})

    def set_elections(self, token: str, campaign_id: str, primary: str | None, general: str,
                      runoff: str | None = None, special: str | None = None):
        body = {"primary": primary, "general": general}
        body |= {k: v for k, v in (("runoff", runoff), ("special", special)) if v is not None}
        return self._call("PUT", f"/v1/campaigns/{campaign_id}/donations/elections", token, json=body)

    def answer_excess_notice(self, token: str, campaign_id: str, flag_id: str, answer: str):
        return self._call("POST", f"/v1/campaigns/{campaign_id}/donations/flags/{flag_id}/answer", token,
                          json={"answer": answer})

    def refund_excess(self, token: str, campaign_id: str, flag_id: str, amount_cents: int):
        return self._call("POST", f"/v1/campaigns/{campaign_id}/donations/flags/{flag_id}/excess-refund",
                          token, json={"amount_cents": amount_cents})

    def record_primary_result(self, token: str, campaign_id: str, result: str):
        return self._call("PUT", f"/v1/campaigns/{campaign_id}/donations/primary-result", token,
                          json={"result": result})

    def contributions(self, token: str, campaign_id: str):
        return self._call("GET", f"/v1/campaigns/{campaign_id}/donations", token)

    def donors(self, token: str, campaign_id: str):
        return self._call("GET", f"/v1/campaigns/{campaign_id}/donations/donors", token)

    def donation_flags(self, token: str, campaign_id: str):
        return self._call("GET", f"/v1/campaigns/{campaign_id}/donations/flags", token)

    def donation_totals(self, token: str, campaign_id: str):
        return self._call("GET", f"/v1/campaigns/{campaign_id}/donations/totals", token)

    def reconcile(self, token: str, campaign_id: str, start: str, end: str):
        return self._call("POST", f"/v1/campaigns/{campaign_id}/donations/reconciliations", token,
                          json={"from": start, "to": end})

    def reconciliation(self, token: str, campaign_id: str, reconciliation_id: str):
        return self._call(
            "GET", f"/v1/campaigns/{campaign_id}/donations/reconciliations/{reconciliation_id}", token)

    def reconciliations(self, token: str, campaign_id: str):
        return self._call("GET", f"/v1/campaigns/{campaign_id}/donations/reconciliations", token)

    def schedule_reconciliation(self, token: str, campaign_id: str, every_hours: int):
        return self._call("PUT", f"/v1/campaigns/{campaign_id}/donations/reconciliation-schedule",
                          token, json={"every_hours": every_hours})

    # -- dialing -------------------------------------------------------------------------------
    def set_clock(self, token: str, campaign_id: str, now: str):
        return self._call("PUT", f"/v1/test/campaigns/{campaign_id}/clock", token, json={"now": now})

    def set_session_clock(self, user_id: str, now: str):
        """A person's session clock, frozen at ``now`` (test mode: when their tokens are issued
        and judged)."""
        return self._call("PUT", f"/v1/test/people/{user_id}/clock", None, json={"now": now})

    def reset_session_clock(self, user_id: str):
        return self._call("DELETE", f"/v1/test/people/{user_id}/clock", None)

    def call_history(self, token: str, campaign_id: str, contact_id: str, caller_id: str,
                     answered: int, abandoned: int, mode: str):
        return self._call("POST", f"/v1/test/campaigns/{campaign_id}/call-history", token,
                          json={"contact_id": contact_id, "caller_id": caller_id,
                                "answered": answered, "abandoned": abandoned, "mode": mode})

    def create_contact(self, token: str, campaign_id: str, details: dict):
        return self._call("POST", f"/v1/campaigns/{campaign_id}/contacts", token, json=details)

    def import_contacts(self, token: str, campaign_id: str, csv_text: str, mode: str):
        return self._call("POST", f"/v1/campaigns/{campaign_id}/contacts/imports", token,
                          params={"mode": mode}, data=csv_text.encode(),
                          headers={"Content-Type": "text/csv"})

    def add_caller_id(self, token: str, campaign_id: str, number: str):
        return self._call("POST", f"/v1/campaigns/{campaign_id}/caller-ids", token,
                          json={"number": number})

    def verify_caller_id(self, token: str, campaign_id: str, caller_id: str, code: str):
        return self._call("POST", f"/v1/campaigns/{campaign_id}/caller-ids/{caller_id}/verification",
                          token, json={"code": code})

    def add_do_not_call(self, token: str, campaign_id: str, phone: str, scope: str, source: str = "request"):
        return self._call("POST", f"/v1/campaigns/{campaign_id}/do-not-call", token,
                          json={"phone": phone, "scope": scope, "source": source})

    def set_dial_settings(self, token: str, campaign_id: str, **settings):
        return self._call("PUT", f"/v1/campaigns/{campaign_id}/dial-settings", token, json=settings)

    # -- operations (API.md, Operations) -------------------------------------------------------
    def health_details(self, token: str | None):
        return self._call("GET", "/v1/health/details", token)

    def metrics(self, token: str | None):
        return self._call("GET", "/metrics", token)

    def end_cool_down(self, breaker: str):
        return self._call("POST", f"/v1/test/breakers/{breaker}/end-cool-down")

    def reset_breakers(self):
        return self._call("DELETE", "/v1/test/breakers")

    def unhandled_error(self, token: str, campaign_id: str, body: dict):
        return self._call("POST", f"/v1/test/campaigns/{campaign_id}/unhandled-error", token, json=body)

    def dial(self, token: str, campaign_id: str, contact_id: str, mode: str, caller_id: str,
             message: str | None = None):
        body = {"contact_id": contact_id, "mode": mode, "caller_id": caller_id}
        if message is not None:  # a prerecorded call's own message (A6.6)
            body["message"] = message
        return self._call("POST", f"/v1/campaigns/{campaign_id}/calls", token, json=body)

    def send_text(self, token: str, campaign_id: str, contact_id: str, mode: str, caller_id: str, body: str):
        return self._call("POST", f"/v1/campaigns/{campaign_id}/texts", token,
                          json={"contact_id": contact_id, "mode": mode, "caller_id": caller_id, "body": body})

    def call(self, token: str, campaign_id: str, call_id: str):
        return self._call("GET", f"/v1/campaigns/{campaign_id}/calls/{call_id}", token)

    def contact(self, token: str, campaign_id: str, contact_id: str):
        return self._call("GET", f"/v1/campaigns/{campaign_id}/contacts/{contact_id}", token)

    def replies(self, token: str, campaign_id: str, status: str = "pending"):
        """The replies waiting for (or given) a person's review (A5.1)."""
        return self._call("GET", f"/v1/campaigns/{campaign_id}/replies?status={status}", token)

    def resolve_reply(self, token: str, campaign_id: str, reply_id: str, resolution: str):
        return self._call("POST", f"/v1/campaigns/{campaign_id}/replies/{reply_id}/resolution", token,
                          json={"resolution": resolution})

    # -- isolation (issue 5) -------------------------------------------------------------------
    def record_verbal_do_not_call(self, token: str, campaign_id: str, call_id: str):
        """A3.2: the person on the call asked, by voice, not to be called again."""
        return self._call("POST", f"/v1/campaigns/{campaign_id}/calls/{call_id}/do-not-call", token)

    def request(self, method: str, path: str, token: str | None = None, body=None):
        """Any route, for the route-driven isolation matrix: ``body`` is a JSON-able value or a
        (content type, text) pair."""
        if isinstance(body, tuple):
            content_type, text = body
            return self._call(method, path, token, data=text.encode(),
                              headers={"Content-Type": content_type})
        return self._call(method, path, token, **({} if body is None else {"json": body}))

    def create_api_key(self, token: str, campaign_id: str, name: str, role: str):
        return self._call("POST", f"/v1/campaigns/{campaign_id}/api-keys", token,
                          json={"name": name, "role": role})

    def api_keys(self, token: str, campaign_id: str):
        return self._call("GET", f"/v1/campaigns/{campaign_id}/api-keys", token)

    def revoke_api_key(self, token: str, campaign_id: str, api_key_id: str):
        return self._call("DELETE", f"/v1/campaigns/{campaign_id}/api-keys/{api_key_id}", token)

    def search_contacts(self, token: str, campaign_id: str, **criteria):
        return self._call("GET", f"/v1/campaigns/{campaign_id}/contacts", token, params=criteria)

    def delete_campaign(self, token: str, campaign_id: str):
        return self._call("DELETE", f"/v1/campaigns/{campaign_id}", token)

    def create_campaign(self, token: str, organization_id: str, campaign: dict):
        return self._call("POST", f"/v1/organizations/{organization_id}/campaigns", token, json=campaign)

    def archive(self, token: str, organization_id: str):
        return self._call("GET", f"/v1/organizations/{organization_id}/archive", token)
