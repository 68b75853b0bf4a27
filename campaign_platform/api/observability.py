"""The operator's views and every request's measure.

- `RequestMeasure` (ASGI middleware): a request id for each request (`X-Request-Id`, kept from the
  caller when it is a short token, else new), answered in the header; the request's duration in
  the latency histogram under its route template (never the raw path).
- `GET /metrics`: Prometheus text format; `GET /v1/health/details`: each dependency's state,
  latency and breaker. Both are the operator's: `Authorization: Bearer <CP_OPERATOR_TOKEN>`; no
  token 401 `unauthenticated`, another one (a person's, an API key) 403 `forbidden`, and 401
  always while the setting is empty (API.md, Operations).
"""

from __future__ import annotations

import hmac
import re
import time
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from campaign_platform.api.contract import BEARER, answers
from campaign_platform.api.deps import ServicesDep, names_a_principal
from campaign_platform.api.inputs import JsonRoute
from campaign_platform.errors import ApiError
from campaign_platform.integrations import metrics
from campaign_platform.workflows import health as health_workflow

router = APIRouter(route_class=JsonRoute, tags=["operations"])
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def request_id(scope: dict) -> str | None:
    return scope.get("state", {}).get("request_id")


def route_template(scope: dict) -> str:
    route = scope.get("route")
    return getattr(route, "path", None) or "unmatched"


class RequestMeasure:
    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        rid = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = rid
        started, status = time.perf_counter(), 500

        async def sending(message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            metrics.REQUEST_SECONDS.labels(scope["method"], route_template(scope), str(status)).observe(
                time.perf_counter() - started
            )


@answers({401: "unauthenticated", 403: "forbidden"}, BEARER)
async def operator(services: ServicesDep, authorization: Annotated[str | None, Header()] = None) -> None:
    expected = services.settings.operator_token
    scheme, _, token = (authorization or "").partition(" ")
    if not expected or not token.strip() or scheme.lower() != "bearer":
        raise ApiError(401, "unauthenticated", "Send the operator's token as 'Authorization: Bearer <token>'.",
                       headers={"WWW-Authenticate": "Bearer"})  # fmt: skip
    if not hmac.compare_digest(token.strip().encode(), expected.encode()):
        if not await names_a_principal(services, token.strip()):  # no one's token: who is asking?
            raise ApiError(401, "unauthenticated", "The token is not valid.", headers={"WWW-Authenticate": "Bearer"})
        raise ApiError(403, "forbidden", "Only the platform's operator may see this.")


OperatorDep = Annotated[None, Depends(operator)]


@router.get("/metrics", response_class=PlainTextResponse)  # Prometheus text exposition format
async def prometheus_metrics(_: OperatorDep) -> Response:
    body, content_type = metrics.exposition()
    return Response(body, media_type=content_type)


@router.get("/v1/health/details")
async def health_details(services: ServicesDep, _: OperatorDep) -> JSONResponse:
    report = await health_workflow.details(services)
    return JSONResponse(report, status_code=200)


async def report_context(request: Request) -> dict[str, str | None]:
    """What an error report says of its request: no body, header or query."""
    campaign = request.path_params.get("campaign_id") if hasattr(request, "path_params") else None
    return {"route": route_template(request.scope), "method": request.method, "campaign_id": campaign,
            "request_id": request_id(request.scope)}  # fmt: skip
