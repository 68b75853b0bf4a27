"""The published contract: what each route answers, and the OpenAPI document built from it.

One place per fact. The statuses and error codes a route can answer are derived from its
declaration:

- its dependencies, each marked with `answers(...)` where it is defined: a person's bearer token
  (401), a campaign's membership and permission (401, 403, 404), the services (503);
- its inputs: a JSON body (400 `invalid_json`, 422 `invalid_input`), validated parameters (422);
- what the route itself refuses, named in its decorator: `responses=refusals({409: "webhook_exists"})`.

`openapi(app)` turns them into the document served at `/openapi.json`: every error response is
the platform's envelope `{"error": {"code", "message", "field"?, "fields"?}}` with its codes as
an enum (never FastAPI's `{"detail": [...]}`), bearer routes name the `bearerAuth` scheme (not
an optional `Authorization` header), and the hooks publish their bodies and credentials.
`markdown_tables(document)` renders API.md's route table from the document
(tests/test_api_contract.py keeps API.md equal to it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from http import HTTPStatus
from typing import Any, TypeVar

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.routing import compile_path

Codes = dict[int, tuple[str, ...]]
F = TypeVar("F", bound=Callable[..., Any])

BEARER = "bearerAuth"
PROCESSOR_BASIC = "processorBasic"
CARRIER_SIGNATURE = "carrierSignature"

SECURITY_SCHEMES: dict[str, dict[str, Any]] = {
    BEARER: {
        "type": "http",
        "scheme": "bearer",
        "description": "A person's access token (the JWT of POST /v1/sessions) or an API key (`cpk_...`).",
    },
    PROCESSOR_BASIC: {
        "type": "http",
        "scheme": "basic",
        "description": "The webhook credentials the campaign's POST .../donations/webhook answered.",
    },
    CARRIER_SIGNATURE: {
        "type": "apiKey",
        "in": "header",
        "name": "Carrier-Signature",
        "description": "`t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\">` with a signing secret.",
    },
}

ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string", "description": "Machine-readable; see API.md, Errors."},
                "message": {"type": "string", "description": "For people."},
                "field": {"type": "string", "description": "The one input field at fault."},
                "fields": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["field", "message"],
                        "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
                    },
                },
            },
        }
    },
}

_TEXT = {"type": ["string", "null"]}
_TIME = {"type": "string", "format": "date-time", "description": "ISO 8601 with a UTC offset."}

# The bodies the hooks read raw (they are verified before they are parsed).
BODY_SCHEMAS: dict[str, dict[str, Any]] = {
    "DonationNotification": {
        "title": "DonationNotification",
        "description": "The processor's notification (rule B6): a contribution, or a refund when a line item has "
                       "`refundedAt`. Unknown fields are ignored.",
        "type": "object",
        "required": ["donor", "lineitems"],
        "properties": {
            "donor": {
                "type": "object",
                "required": ["firstname", "lastname"],
                "properties": {
                    "firstname": {"type": "string", "minLength": 1},
                    "lastname": {"type": "string", "minLength": 1},
                    **{name: _TEXT for name in ("email", "zip", "addr1", "city", "state", "country", "phone")},
                    "employerData": {"type": "object", "properties": {"employer": _TEXT, "occupation": _TEXT}},
                },
            },
            "contribution": {"type": "object", "properties": {"recurringPeriod": _TEXT, "orderNumber": _TEXT}},
            "lineitems": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["lineitemId", "amount", "paidAt"],
                    "properties": {
                        "lineitemId": {"type": ["string", "integer"]},
                        "amount": {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]{1,2})?$",
                                   "description": "Dollars as text, e.g. \"25.00\" (never a JSON number)."},
                        "paidAt": _TIME,
                        "refundedAt": {**_TIME, "type": ["string", "null"]},
                    },
                },
            },
        },
    },
    "CarrierReport": {
        "title": "CarrierReport",
        "description": "A call event (`ringing`, `answered`, `agent_connected`, `completed`, `key_press`) or an "
                       "inbound text (`message.received`); another event is acknowledged and ignored.",
        "type": "object",
        "required": ["event_id", "event"],
        "properties": {
            "event_id": {"type": "string", "minLength": 1, "maxLength": 200},
            "event": {"type": "string"},
            "call_id": {"type": "string"},
            "occurred_at": _TIME,
            "answered_by": {"type": "string", "enum": ["human", "machine"]},
            "digit": {"type": "string"},
            "from": {"type": "string", "description": "E.164"},
            "to": {"type": "string", "description": "E.164"},
            "body": {"type": "string"},
            "received_at": _TIME,
        },
    },
}


def raw_body(media_types: Mapping[str, Any], security: str | None = None) -> dict[str, Any]:
    """`openapi_extra` of a route that reads its body itself: the body it reads (a schema name of
    BODY_SCHEMAS, or a schema) per media type, and the credentials it checks."""
    content = {media: {"schema": {"$ref": f"#/components/schemas/{schema}"} if isinstance(schema, str) else schema}
               for media, schema in media_types.items()}  # fmt: skip
    extra: dict[str, Any] = {"requestBody": {"required": True, "content": content}}
    if security:
        extra["security"] = [{security: []}]
    return extra


# Text the database can store (domain.text): no NUL. What a route reads - its path and query
# parameters, every string and key of its JSON body, known fields or not - says so in the document
# (api/inputs.py refuses it as 422 `invalid_text`). A lone surrogate is refused too; JSON Schema
# counts code points and cannot name one, and UTF-8 cannot carry one.
NO_NUL = r"^[^\x00]*$"
STORABLE_JSON: dict[str, Any] = {
    "title": "StorableJson",
    "description": "Any JSON value whose text (every string and key, however deep) holds no NUL.",
    "anyOf": [
        {"type": ["null", "boolean", "number"]},
        {"type": "string", "pattern": NO_NUL},
        {"type": "array", "items": {"$ref": "#/components/schemas/StorableJson"}},
        {"type": "object", "propertyNames": {"pattern": NO_NUL},
         "additionalProperties": {"$ref": "#/components/schemas/StorableJson"}},
    ],
}
_CONSTRAINED_TEXT = ("pattern", "format", "enum", "const")


def storable_text(schema: dict[str, Any], schemas: dict[str, Any], seen: set[str], constrained: bool = False) -> None:
    """Say in `schema` (in place, and in the components it names, each once) that its text holds
    no NUL: a string without a pattern, format or enum gets NO_NUL; an object names its keys' and
    its other fields' rule (`propertyNames`, `additionalProperties`: StorableJson)."""
    ref = schema.get("$ref")
    if ref:
        name = ref.rsplit("/", 1)[-1]
        if name not in seen and name in schemas:
            seen.add(name)
            storable_text(schemas[name], schemas, seen)
        return
    constrained = constrained or any(key in schema for key in _CONSTRAINED_TEXT)
    types = schema.get("type")
    types = [types] if isinstance(types, str) else (types or [])
    if "string" in types and not constrained:
        schema["pattern"] = NO_NUL
    if "object" in types or "properties" in schema:
        schema.setdefault("propertyNames", {"pattern": NO_NUL})
        extra = schema.get("additionalProperties", True)
        if extra is True:
            schema["additionalProperties"] = {"$ref": "#/components/schemas/StorableJson"}
        elif isinstance(extra, dict):
            storable_text(extra, schemas, seen)
    for child in schema.get("properties", {}).values():
        storable_text(child, schemas, seen)
    for key in ("anyOf", "oneOf", "allOf", "prefixItems"):
        for child in schema.get(key, []):
            storable_text(child, schemas, seen, constrained)
    if isinstance(schema.get("items"), dict):
        storable_text(schema["items"], schemas, seen)


# What inputs alone can answer.
JSON_BODY: Codes = {400: ("invalid_json",), 422: ("invalid_input",)}
PARAMETERS: Codes = {422: ("invalid_input",)}
# The edge (api/edge.py) answers these before any route, on every route (API.md, "Limits and edge checks").
ALWAYS: Codes = {400: ("invalid_host",), 408: ("request_timeout",), 413: ("payload_too_large",),
                 422: ("invalid_text",), 500: ("internal_error",)}  # fmt: skip

_CONTRACT = "__contract__"


def normalise(codes: Mapping[int, str | Iterable[str]]) -> Codes:
    return {status: (value,) if isinstance(value, str) else tuple(value) for status, value in codes.items()}


def merge(*parts: Mapping[int, Iterable[str]]) -> Codes:
    merged: dict[int, list[str]] = {}
    for part in parts:
        for status, codes in part.items():
            known = merged.setdefault(status, [])
            known.extend(code for code in codes if code not in known)
    return {status: tuple(merged[status]) for status in sorted(merged)}


def answers(codes: Mapping[int, str | Iterable[str]], security: str | None = None) -> Callable[[F], F]:
    """Mark a dependency with the refusals it can raise (and the security scheme it reads)."""

    def mark(function: F) -> F:
        setattr(function, _CONTRACT, (normalise(codes), security))
        return function

    return mark


def refusals(codes: Mapping[int, str | Iterable[str]]) -> dict[int | str, dict[str, Any]]:
    """A route's own refusals, for its decorator's `responses=`."""
    return {status: {"description": _phrase(status), "x-codes": list(values)}
            for status, values in normalise(codes).items()}  # fmt: skip


def route_answers(route: APIRoute) -> tuple[Codes, set[str]]:
    """Every error status and code `route` can answer, and the security schemes it reads."""
    parts: list[Mapping[int, Iterable[str]]] = [ALWAYS]
    schemes: set[str] = set()
    for dependant in _dependants(route.dependant):
        marked = getattr(dependant.call, _CONTRACT, None)
        if marked is not None:
            parts.append(marked[0])
            if marked[1]:
                schemes.add(marked[1])
    if route.body_field is not None:
        parts.append(JSON_BODY)
    if _validated_parameters(route.dependant):
        parts.append(PARAMETERS)
    own = {int(status): entry["x-codes"] for status, entry in route.responses.items() if "x-codes" in entry}
    parts.append(own)
    return merge(*parts), schemes


def _dependants(dependant: Dependant) -> Iterable[Dependant]:
    yield dependant
    for child in dependant.dependencies:
        yield from _dependants(child)


def _validated_parameters(dependant: Dependant) -> bool:
    """A query parameter whose type is not plain text (a literal, a number) can fail validation."""
    return any(param.field_info.annotation is not str and param.field_info.annotation != (str | None)
               for d in _dependants(dependant) for param in d.query_params)  # fmt: skip


def _phrase(status: int) -> str:
    return HTTPStatus(status).phrase


def _error_response(status: int, codes: Iterable[str]) -> dict[str, Any]:
    codes = list(codes)
    return {
        "description": f"{_phrase(status)}: " + ", ".join(f"`{code}`" for code in codes),
        "content": {"application/json": {"schema": {
            "allOf": [
                {"$ref": "#/components/schemas/Error"},
                {"properties": {"error": {"properties": {"code": {"enum": codes}}}}},
            ]
        }}},
    }  # fmt: skip


def api_routes(app: FastAPI) -> list[tuple[str, APIRoute]]:
    """(published path, route) of every HTTP route in the document (included routers unfolded)."""
    found = []
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute) and getattr(context, "include_in_schema", True):
            found.append((context.path_format, route))
    return found


def openapi(app: FastAPI) -> dict[str, Any]:
    """The document served at /openapi.json (built once per process)."""
    if app.openapi_schema:
        return app.openapi_schema
    document = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    components = document.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    for fastapi_shape in ("HTTPValidationError", "ValidationError"):
        schemas.pop(fastapi_shape, None)
    schemas["Error"] = ERROR_SCHEMA
    schemas.update(BODY_SCHEMAS)
    schemas["StorableJson"] = STORABLE_JSON
    components["securitySchemes"] = SECURITY_SCHEMES
    seen: set[str] = set()
    for path, route in api_routes(app):
        codes, schemes = route_answers(route)
        for method in route.methods:
            operation = document["paths"][path][method.lower()]
            for parameter in operation.get("parameters", []):
                if parameter["in"] in ("path", "query"):
                    storable_text(parameter["schema"], schemas, seen)
            if route.body_field is not None:  # not the hooks: they record what they must, cleaned
                for media in operation.get("requestBody", {}).get("content", {}).values():
                    storable_text(media["schema"], schemas, seen)
            responses = operation["responses"]
            responses.pop("422", None)  # FastAPI's {"detail": [...]}
            own_shape = {str(status) for status, entry in route.responses.items() if "x-codes" not in entry}
            for status, values in codes.items():
                if str(status) not in own_shape:  # e.g. /ready's 503 is its report, not an error
                    responses[str(status)] = _error_response(status, values)
            for status in list(responses):
                responses[status].pop("x-codes", None)
            schemes |= {scheme for need in operation.get("security", []) for scheme in need}
            if schemes:
                operation["security"] = [{scheme: []} for scheme in sorted(schemes)]
            parameters = [p for p in operation.get("parameters", [])
                          if not (p["in"] == "header" and p["name"].lower() == "authorization")]  # fmt: skip
            if parameters:
                operation["parameters"] = parameters
            else:
                operation.pop("parameters", None)
    app.openapi_schema = document
    return document


# --- which route a path names ------------------------------------------------------------------


def allowed_methods(app: FastAPI, path: str) -> list[str]:
    """The methods of the published path `path` names (GET brings HEAD, as Starlette serves it).
    As OpenAPI matches paths, a concrete segment wins over a template: `/contacts/imports` is the
    imports path (POST), never a contact named "imports" (GET of `/contacts/{contact_id}`)."""
    if not hasattr(app.state, "route_methods"):
        app.state.route_methods = [
            (compile_path(template)[0], _literal_segments(template),
             {method.upper() for method in operations if method != "parameters"})
            for template, operations in app.openapi()["paths"].items()
        ]  # fmt: skip
    matches = [(literal, accepted) for pattern, literal, accepted in app.state.route_methods if pattern.match(path)]
    most_literal = max((literal for literal, _ in matches), default=())
    methods = {method for literal, accepted in matches if literal == most_literal for method in accepted}
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


def _literal_segments(template: str) -> tuple[bool, ...]:
    """Which segments of a path template are concrete, left to right (compared as OpenAPI does)."""
    return tuple(not segment.startswith("{") for segment in template.strip("/").split("/"))


# --- API.md -----------------------------------------------------------------------------------

TABLE_START = "<!-- routes:start -->"
TABLE_END = "<!-- routes:end -->"
_SCHEME_WORDS = {BEARER: "bearer", PROCESSOR_BASIC: "Basic (webhook)", CARRIER_SIGNATURE: "Carrier-Signature"}


def operations(document: Mapping[str, Any]) -> Iterable[tuple[str, str, dict[str, Any]]]:
    for path in sorted(document["paths"]):
        for method, operation in sorted(document["paths"][path].items()):
            yield method.upper(), path, operation


def error_codes(operation: Mapping[str, Any]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for status, response in operation["responses"].items():
        schema = response.get("content", {}).get("application/json", {}).get("schema", {})
        for part in schema.get("allOf", []):
            enum = part.get("properties", {}).get("error", {}).get("properties", {}).get("code", {}).get("enum")
            if enum:
                found[int(status)] = list(enum)
    return found


def markdown_table(document: Mapping[str, Any]) -> str:
    """API.md's table of routes: one row per route and method, every status and error code."""
    lines = [
        TABLE_START,
        "| method | path | auth | success | refusals (status: codes) |",
        "|---|---|---|---|---|",
    ]
    for method, path, operation in operations(document):
        success = ", ".join(status for status in sorted(operation["responses"]) if status.startswith("2"))
        schemes = sorted(scheme for need in operation.get("security", []) for scheme in need)
        auth = ", ".join(_SCHEME_WORDS[scheme] for scheme in schemes) or "none"
        codes = error_codes(operation)
        refused = "; ".join(f"{status}: " + (", ".join(f"`{code}`" for code in codes[int(status)])
                                             if int(status) in codes else "its own body")
                            for status in sorted(operation["responses"]) if not status.startswith("2"))  # fmt: skip
        lines.append(f"| {method} | `{path}` | {auth} | {success} | {refused} |")
    lines.append(TABLE_END)
    return "\n".join(lines)


def replace_table(markdown: str, table: str) -> str:
    head, start, rest = markdown.partition(TABLE_START)
    _, end, tail = rest.partition(TABLE_END)
    if not start or not end:
        raise ValueError("API.md has no generated route table (its start and end markers)")
    return head + table + tail


def _main() -> None:
    """Rewrite API.md's route table from the document of a test-mode app (no database needed)."""
    import os
    from pathlib import Path

    os.environ.setdefault("CP_JWT_SECRET", "x" * 32)
    os.environ["CP_TEST_MODE"] = "1"
    from campaign_platform.app import create_app
    from campaign_platform.settings import Settings

    api_md = Path(__file__).resolve().parents[1] / "API.md"
    document = create_app(Settings.from_env()).openapi()
    api_md.write_text(replace_table(api_md.read_text(), markdown_table(document)))
    print(f"{api_md}: {sum(1 for _ in operations(document))} routes")


if __name__ == "__main__":
    _main()
