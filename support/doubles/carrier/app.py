"""The carrier double's HTTP face (carrier.md): the control API the suite drives and the
provider API the platform calls."""
from __future__ import annotations

from fastapi import FastAPI, Request

from support.doubles import kit
from support.doubles.carrier.state import Carrier
from support.doubles.kit import JSON, DoubleError

ACCOUNT = "/control/accounts/{account_id}"


def create_app(carrier: Carrier | None = None) -> FastAPI:
    carrier = carrier or Carrier()
    app = kit.create_app(carrier, "carrier double")

    # -- control -------------------------------------------------------------------------------
    @app.post("/control/accounts")
    async def open_account(request: Request):
        return JSON(carrier.open_account(await kit.body(request)), 201)

    @app.put(ACCOUNT + "/signing")
    async def signing(account_id: str, request: Request):
        return JSON(carrier.set_signing_secret(account_id, await kit.body(request)))

    @app.put(ACCOUNT + "/api")
    async def api_availability(account_id: str, request: Request):
        return JSON(carrier.set_api(account_id, await kit.body(request)))

    @app.put("/control/lookups/{number}")
    async def set_line_type(number: str, request: Request):
        return JSON(carrier.set_line_type(number, await kit.body(request)))

    @app.post("/control/calls/{call_id}/events")
    async def call_event(call_id: str, request: Request):
        return JSON(await carrier.call_event(call_id, await kit.body(request)), 201)

    @app.post(ACCOUNT + "/inbound-texts")
    async def inbound_text(account_id: str, request: Request):
        return JSON(await carrier.inbound_text(account_id, await kit.body(request)), 201)

    @app.post(ACCOUNT + "/hold")
    async def hold(account_id: str, request: Request):
        return JSON(carrier.hold(account_id, await kit.body(request)))

    @app.get("/control/cursor")
    async def cursor():
        return JSON({"cursor": carrier.sequence.last})

    @app.get(ACCOUNT + "/calls")
    async def calls(account_id: str, to: str | None = None, campaign_ref: str | None = None,
                    since: str | None = None):
        return JSON(carrier.calls(account_id, kit.cursor_param(since), to=to,
                                  campaign_ref=campaign_ref))

    @app.get(ACCOUNT + "/messages")
    async def messages(account_id: str, to: str | None = None, since: str | None = None):
        return JSON(carrier.listing(account_id, "messages", kit.cursor_param(since), to=to))

    @app.get(ACCOUNT + "/callbacks")
    async def callbacks(account_id: str, call_id: str | None = None, since: str | None = None):
        return JSON(carrier.listing(account_id, "callbacks", kit.cursor_param(since),
                                    call_id=call_id))

    @app.get(ACCOUNT + "/api/requests")
    async def api_requests(account_id: str, since: str | None = None):
        return JSON(carrier.listing(account_id, "requests", kit.cursor_param(since)))

    @app.get(ACCOUNT + "/verification-codes")
    async def verification_codes(account_id: str, number: str | None = None):
        return JSON(carrier.verification_codes(account_id, number))

    # -- the provider API: the key first (401 is not logged), then availability; every
    # request with a known key is logged with its answer ----------------------------------------
    async def provider(request: Request, status: int, action) -> JSON:
        account = carrier.api_account(request.headers.get("Authorization"))
        if account is None:
            raise DoubleError(401, "invalid_api_key", "Authorization: Bearer <api_key> required",
                              {"WWW-Authenticate": 'Bearer realm="carrier"'})
        method, path = request.method, kit.raw_path(request)
        try:
            if not account.api_available:
                raise kit.unavailable("The carrier API is unavailable.")
            payload = action(account, await kit.body(request))
        except DoubleError as error:
            carrier.record_request(account, method, path, error.status)
            raise
        carrier.record_request(account, method, path, status)
        return JSON(payload, status)

    @app.post("/api/v1/calls")
    async def place_call(request: Request):
        return await provider(request, 201, carrier.place_call)

    @app.post("/api/v1/messages")
    async def send_message(request: Request):
        return await provider(request, 201, carrier.send_message)

    @app.post("/api/v1/caller-ids")
    async def start_verification(request: Request):
        return await provider(request, 201, carrier.start_verification)

    @app.post("/api/v1/caller-ids/{verification_id}/check")
    async def check_verification(verification_id: str, request: Request):
        return await provider(request, 200, lambda account, body: carrier.check_verification(
            account, verification_id, body))

    @app.get("/api/v1/lookups/{number}")
    async def lookup(number: str, request: Request):
        return await provider(request, 200, lambda account, body: carrier.lookup(number))

    @app.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "DELETE", "PATCH"])
    async def no_api_route(request: Request, rest: str):
        def action(account, body):
            raise kit.not_found()
        return await provider(request, 200, action)

    return app
