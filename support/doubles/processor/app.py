"""The processor double's HTTP face (processor.md): the control API the suite drives, the pull
API the platform calls, and the CSV downloads."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import Response

from support.doubles import kit
from support.doubles.kit import JSON, DoubleError
from support.doubles.processor.ledger import Processor

ACCOUNT = "/control/accounts/{account_id}"


def create_app(processor: Processor | None = None) -> FastAPI:
    processor = processor or Processor()
    app = kit.create_app(processor, "processor double")

    # -- control -------------------------------------------------------------------------------
    @app.post("/control/accounts")
    async def open_account(request: Request):
        return JSON(processor.open_account(await kit.body(request)), 201)

    @app.put(ACCOUNT + "/webhook")
    async def webhook(account_id: str, request: Request):
        return JSON(processor.set_webhook_credentials(account_id, await kit.body(request)))

    @app.post(ACCOUNT + "/contributions")
    async def contributions(account_id: str, request: Request):
        return JSON(await processor.contribute(account_id, await kit.body(request)), 201)

    @app.post(ACCOUNT + "/refunds")
    async def refunds(account_id: str, request: Request):
        return JSON(await processor.refund(account_id, await kit.body(request)), 201)

    @app.post(ACCOUNT + "/release")
    async def release(account_id: str):
        return JSON(await processor.release(account_id))

    @app.post(ACCOUNT + "/raw")
    async def raw(account_id: str, request: Request):
        return JSON(await processor.raw(account_id, await kit.body(request)), 201)

    @app.get(ACCOUNT + "/deliveries")
    async def deliveries(account_id: str, lineitem_id: str | None = None):
        return JSON(processor.deliveries(account_id, lineitem_id))

    @app.put(ACCOUNT + "/pull-api")
    async def pull_api(account_id: str, request: Request):
        return JSON(processor.set_pull_api(account_id, await kit.body(request)))

    @app.get(ACCOUNT + "/pull-api/calls")
    async def pull_api_calls(account_id: str):
        return JSON(processor.calls(account_id))

    @app.get(ACCOUNT + "/ledger")
    async def ledger(account_id: str):
        return JSON(processor.ledger(account_id))

    # -- the pull API: credentials first, then availability; every call is logged ---------------
    async def pull(request: Request, status: int, action) -> JSON:
        account, right = processor.pull_account(request.headers.get("Authorization"))
        method, path = request.method, kit.raw_path(request)
        try:
            if not right:
                raise DoubleError(401, "invalid_credentials",
                                  "HTTP Basic client_id:client_secret required",
                                  {"WWW-Authenticate": 'Basic realm="pull-api"'})
            if not account.pull_api_available:
                raise kit.unavailable("The pull API is unavailable.")
            payload = await action(account)
        except DoubleError as error:
            if account is not None:
                processor.record_call(account, method, path, error.status)
            raise
        processor.record_call(account, method, path, status)
        return JSON(payload, status)

    @app.post("/api/v1/csvs")
    async def request_csv(request: Request):
        async def action(account):
            return processor.request_csv(account, await kit.body(request))
        return await pull(request, 201, action)

    @app.get("/api/v1/csvs/{job_id}")
    async def poll_csv(job_id: str, request: Request):
        async def action(account):
            return processor.poll_csv(account, job_id)
        return await pull(request, 200, action)

    @app.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "DELETE", "PATCH"])
    async def no_pull_route(request: Request, rest: str):
        async def action(_account):
            raise kit.not_found()
        return await pull(request, 200, action)

    @app.get("/downloads/{token}.csv")
    async def download(token: str):
        job, account = processor.download(token)
        processor.record_call(account, "GET", "/downloads/<token>.csv", 200)
        return Response(job.content.encode(), 200, media_type="text/csv; charset=utf-8")

    return app
