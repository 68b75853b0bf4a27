"""ASGI application: create_app() assembles routers, lifespan resources and error rendering."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import psycopg
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from redis import exceptions as redis_errors
from starlette.exceptions import HTTPException as StarletteHTTPException

from campaign_platform import __version__
from campaign_platform.api import (
    api_keys,
    caller_ids,
    calls,
    campaigns,
    carrier_hooks,
    contacts,
    do_not_call,
    donations,
    health,
    hooks,
    live,
    observability,
    onboarding,
    organizations,
    reconciliations,
    replies,
    testing,
    texts,
)
from campaign_platform.api import voter_sync as voter_sync_routes
from campaign_platform.api.contract import allowed_methods, openapi
from campaign_platform.api.edge import Edge
from campaign_platform.api.inputs import NOT_JSON
from campaign_platform.errors import ApiError
from campaign_platform.integrations import error_reports
from campaign_platform.services import open_services
from campaign_platform.settings import Settings
from campaign_platform.workflows import scheduler, voter_sync

log = logging.getLogger(__name__)

_DESCRIPTION = (
    "The platform's HTTP contract (prose: API.md). Every refusal is "
    '`{"error": {"code", "message", "field"?, "fields"?}}` with the codes each response lists.'
)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with open_services(settings) as services:
            app.state.services = services  # read by api.deps.get_services only
            ticking = asyncio.create_task(
                scheduler.run_forever(services, settings.scheduler_seconds), name="reconciliation scheduler"
            )
            syncing = asyncio.create_task(
                voter_sync.run_forever(services, settings.scheduler_seconds), name="voter sync"
            )
            try:
                yield
            finally:
                ticking.cancel()
                syncing.cancel()
                await asyncio.wait({ticking, syncing}, timeout=1)

    app = FastAPI(title="Campaign platform", version=__version__, lifespan=lifespan, description=_DESCRIPTION)
    app.openapi = lambda: openapi(app)  # the contract: api/contract.py
    app.state.settings = settings
    app.router.redirect_slashes = False  # a redirect would be built from the client's Host: 404 instead
    app.add_middleware(Edge, limits=settings.limits)  # host, size, text: api/edge.py
    error_reports.start(settings.sentry_dsn, "test" if settings.test_mode else "production")
    app.add_middleware(observability.RequestMeasure)
    app.include_router(hooks.router)  # first: the busiest routes are matched first
    app.include_router(carrier_hooks.router)
    app.include_router(calls.router)
    app.include_router(health.router)
    app.include_router(observability.router)
    app.include_router(onboarding.router)
    app.include_router(campaigns.router)
    app.include_router(donations.router)
    app.include_router(reconciliations.router)
    app.include_router(contacts.router)
    app.include_router(caller_ids.router)
    app.include_router(do_not_call.router)
    app.include_router(do_not_call.calls_router)
    app.include_router(replies.router)
    app.include_router(texts.router)
    app.include_router(voter_sync_routes.router)
    app.include_router(api_keys.router)
    app.include_router(organizations.router)
    app.include_router(live.router)
    if settings.test_mode:
        app.include_router(testing.router)
        app.include_router(testing.operations)
        app.include_router(testing.people)

    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    for down in (psycopg.OperationalError, redis_errors.ConnectionError, redis_errors.TimeoutError):
        app.add_exception_handler(down, _unavailable)
    app.add_exception_handler(Exception, _internal_error)
    return app


def _error(
    status: int, code: str, message: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body = {"error": {"code": code, "message": message, **extra}}
    return JSONResponse(body, status_code=status, headers=headers)


async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
    # An error may carry a record (a sync under way, a reply already resolved): encoded as answers are.
    return JSONResponse(jsonable_encoder(exc.body()), status_code=exc.status, headers=exc.headers or None)


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    if any(_is_not_json(error) for error in errors):
        return _error(400, "invalid_json", "Send a JSON object as the body (Content-Type: application/json).")
    fields = [{"field": _field_name(error["loc"]), "message": error["msg"]} for error in errors]
    extra: dict[str, Any] = {"fields": fields}
    if len(fields) == 1:
        extra["field"] = fields[0]["field"]
    return _error(422, "invalid_input", "Some fields are missing or not valid: see error.fields.", **extra)


def _is_not_json(error: dict[str, Any]) -> bool:
    if error["type"] == "json_invalid" or error.get("input") is NOT_JSON:
        return True
    # No body at all, or a body sent with another content type (it arrives as raw bytes).
    if tuple(error["loc"]) != ("body",):
        return False
    return error["type"] == "missing" or isinstance(error.get("input"), bytes)


def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [str(part) for part in loc]
    if len(parts) > 1 and parts[0] == "body":
        parts = parts[1:]
    return ".".join(parts)


_HTTP_CODES = {
    404: ("not_found", "No such route."),
    405: ("method_not_allowed", "This route does not accept that method."),
}


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    code, message = _HTTP_CODES.get(exc.status_code, ("http_error", str(exc.detail)))
    headers = dict(exc.headers or {})
    if exc.status_code == 405:  # every method of the path, not only the first route's
        headers["Allow"] = ", ".join(allowed_methods(request.app, request.url.path))
    return _error(exc.status_code, code, message, headers=headers or None)


async def _unavailable(request: Request, exc: Exception) -> JSONResponse:
    log.warning("%s %s: dependency unavailable: %s", request.method, request.url.path, type(exc).__name__)
    message = "A service the platform depends on is unavailable; retry later."
    return _error(503, "unavailable", message, headers={"Retry-After": "5"})


async def _internal_error(request: Request, exc: Exception) -> JSONResponse:
    # The traceback goes to the log (Starlette re-raises after this response), never to the client;
    # the connection is closed after this answer; the error tracker gets it with the request's
    # context and nothing secret (error_reports.py).
    context = await observability.report_context(request)
    error_reports.report(exc, context)
    return _error(500, "internal_error", "Something went wrong on our side.", request_id=context["request_id"],
                  headers={"Connection": "close"})  # uvicorn drops the connection: the client is told


app = create_app()
