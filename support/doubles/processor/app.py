"""The processor double's HTTP face (processor.md): the control API the suite drives, the pull
API the platform calls, and the CSV downloads."""
from __future__ import annotations

from starlette.applications import Starlette
from starlette.responses import Response

from support.doubles import kit
from support.doubles.processor.ledger import Processor

ACCOUNT = "/control/accounts/{account_id}"


def create_app(processor: Processor | None = None) -> Starlette:
    processor = processor or Processor()
    app = kit.create_app(processor)
    def download(token: str) -> Response:
        job, account = processor.download(token)
        processor.record_call(account, "GET", "/downloads/<token>.csv", 200)
        return Response(job.content.encode(), 200, media_type="text/csv; charset=utf-8")

    kit.control(app, [
        ("GET", "/downloads/{token}.csv", download),
        ("POST", "/control/accounts", processor.open_account, 201),
        ("PUT", ACCOUNT + "/webhook", processor.set_webhook_credentials),
        ("POST", ACCOUNT + "/contributions", processor.contribute, 201),
        ("POST", ACCOUNT + "/refunds", processor.refund, 201),
        ("POST", ACCOUNT + "/cancellations", processor.cancel, 201),
        ("POST", ACCOUNT + "/release", processor.release),
        ("POST", ACCOUNT + "/raw", processor.raw, 201),
        ("GET", ACCOUNT + "/deliveries", processor.deliveries),
        ("PUT", ACCOUNT + "/pull-api", processor.set_pull_api),
        ("GET", ACCOUNT + "/pull-api/calls", processor.calls),
        ("GET", ACCOUNT + "/ledger", processor.ledger),
    ])
    pull_api = kit.Api(authenticate=processor.authenticate,
                       available=lambda account: account.pull_api_available,
                       down="The pull API is unavailable.", record=processor.record_call)
    pull_api.serve(app, [
        ("POST", "/api/v1/csvs", processor.request_csv, 201),
        ("GET", "/api/v1/csvs/{job_id}", processor.poll_csv),
    ])

    return app
