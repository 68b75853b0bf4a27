"""The carrier double's HTTP face (carrier.md): the control API the suite drives and the
provider API the platform calls."""
from __future__ import annotations

from starlette.applications import Starlette

from support.doubles import kit
from support.doubles.carrier.state import Carrier

ACCOUNT = "/control/accounts/{account_id}"


def create_app(carrier: Carrier | None = None) -> Starlette:
    carrier = carrier or Carrier()
    app = kit.create_app(carrier)
    kit.control(app, [
        ("POST", "/control/accounts", carrier.open_account, 201),
        ("PUT", ACCOUNT + "/signing", carrier.set_signing_secret),
        ("PUT", ACCOUNT + "/api", carrier.set_api),
        ("PUT", "/control/lookups/{number}", carrier.set_line_type),
        ("POST", "/control/calls/{call_id}/events", carrier.call_event, 201),
        ("POST", "/control/calls/{call_id}/no-answer", carrier.no_answer, 201),
        ("POST", ACCOUNT + "/inbound-texts", carrier.inbound_text, 201),
        ("POST", ACCOUNT + "/reports", carrier.report, 201),
        ("POST", ACCOUNT + "/hold", carrier.hold),
        ("GET", "/control/cursor", carrier.cursor),
        ("GET", ACCOUNT + "/calls", carrier.calls),
        ("GET", ACCOUNT + "/messages", carrier.messages),
        ("GET", ACCOUNT + "/callbacks", carrier.callbacks),
        ("GET", ACCOUNT + "/api/requests", carrier.api_requests),
        ("GET", ACCOUNT + "/verification-codes", carrier.verification_codes),
    ])
    provider_api = kit.Api(authenticate=carrier.authenticate,
                           available=lambda account: account.api_available,
                           down="The carrier API is unavailable.", record=carrier.record_request)
    provider_api.serve(app, [
        ("POST", "/api/v1/calls", carrier.place_call, 201),
        ("POST", "/api/v1/messages", carrier.send_message, 201),
        ("POST", "/api/v1/caller-ids", carrier.start_verification, 201),
        ("POST", "/api/v1/caller-ids/{verification_id}/check", carrier.check_verification),
        ("GET", "/api/v1/lookups/{number}", carrier.lookup),
    ])
    return app
