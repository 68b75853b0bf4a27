"""The VAN double's HTTP face (van.md): the control API the suite drives, VAN's API under
``/v4`` (what the platform calls, behind HTTP Basic credentials), and export downloads."""
from __future__ import annotations

import inspect
from collections.abc import Callable

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from support.doubles import kit
from support.doubles.kit import DoubleError
from support.doubles.van.state import Van

COMMITTEE = "/control/committees/{committee_id}"


def create_app(van: Van | None = None) -> Starlette:
    van = van or Van()
    app = kit.create_app(van)

    def download(token: str) -> StreamingResponse:
        return StreamingResponse(van.download(token), 200, media_type="text/csv; charset=utf-8")

    kit.control(app, [
        ("GET", "/downloads/{token}.csv", download),
        ("POST", "/control/committees", van.open_committee, 201),
        ("POST", COMMITTEE + "/people", van.load_people, 201),
        ("PATCH", COMMITTEE + "/people/{van_id}", van.change_person),
        ("GET", COMMITTEE + "/people/{van_id}", van.person),
        ("POST", COMMITTEE + "/saved-lists", van.add_saved_list, 201),
        ("PUT", COMMITTEE + "/faults", van.set_faults),
        ("GET", "/control/cursor", van.cursor),
        ("GET", COMMITTEE + "/requests", van.requests),
        ("GET", COMMITTEE + "/canvass-responses", van.canvass_responses),
        ("GET", COMMITTEE + "/phone-updates", van.phone_updates),
    ])
    kit.control(app, [(method, "/v4" + path, _guarded(van, action, status), status)
                      for method, path, action, status in (
        ("POST", "/echoes", van.echo, 200),
        ("GET", "/savedLists", van.saved_lists, 200),
        ("GET", "/savedLists/{saved_list_id}", van.saved_list, 200),
        ("POST", "/exportJobs", van.create_export, 201),
        ("GET", "/exportJobs/{export_job_id}", van.export_job, 200),
        ("POST", "/people/find", van.find_person, 200),
        ("POST", "/people/findOrCreate", van.find_or_create, 200),
        ("GET", "/people/{van_id}", van.get_person, 200),
        ("POST", "/people/{van_id}/canvassResponses", van.canvass_response, 204),
        ("GET", "/canvassResponses/resultCodes", van.result_codes, 200),
    )])
    unknown = _guarded(van, _no_route, 404)
    app.router.add_route("/v4/{rest:path}", _plain(unknown),
                         methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
    return app


def _no_route(committee, rest: str):
    raise kit.not_found()


def _plain(action: Callable) -> Callable:
    async def endpoint(request: Request):
        return await action(request=request, **request.path_params)
    return endpoint


def _guarded(van: Van, action: Callable, status: int) -> Callable:
    """VAN's API route: the caller's committee (401 otherwise), the request logged, the faults
    and the rate limit applied, then ``action(committee, ...)``; every answer's status logged."""
    signature = inspect.signature(action)
    taken = list(signature.parameters.values())[1:]
    wants_request = any(parameter.name == "request" for parameter in taken)

    async def endpoint(*, request: Request, **given):
        committee = van.authenticate(request)
        entry = van.record(committee, request)
        try:
            await van.admit(committee, entry)
            if wants_request:
                given["request"] = request
            result = action(committee, **given)
            if inspect.isawaitable(result):
                result = await result
        except DoubleError as error:
            entry["status"] = error.status
            raise
        entry["status"] = status
        return Response(status_code=204) if status == 204 else kit.JSON(result, status)

    parameters = [inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY)] + [
        parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY)
        for parameter in taken if parameter.name != "request"]
    endpoint.__signature__ = signature.replace(parameters=parameters)
    return endpoint
