"""What every third-party double shares, on the platform's own web stack (Starlette, under
FastAPI, on uvicorn).

- ``fields``: ``DoubleError`` (a refusal: HTTP status, a specific code, a human message, answered
  as ``{"error": {"code", "message"}}``), the field checks of request bodies (400
  ``invalid_input`` naming the field), times (ISO 8601 with an offset), HTTP Basic and Bearer
  credentials.
- ``records``: ``Log`` (what a double records, in order, each with a number from one
  ``Sequence`` per double, looked up by an indexed field and since a cursor without reading the
  whole run) and ``Outbound`` (deliveries to the platform, each attempt's outcome logged).
- ``web``: ``create_app`` (``/health``, the error shape, an unknown route 404 ``not_found``, the
  state's start and stop), ``control`` (the suite's routes from a table), ``Api`` (the routes
  the platform calls, behind its credentials, every answer logged), ``main``/``serve`` (the
  ``--port`` command line; SIGTERM or Ctrl-C shuts down cleanly, exit 0) and ``Running`` (a
  double in a thread of this process, for unit tests).

The state behind a double is used from its event loop only, so it needs no lock.
"""
from support.doubles.kit.fields import (
                                        DoubleError,
                                        basic_credentials,
                                        bearer_token,
                                        cursor_param,
                                        encode,
                                        flag,
                                        found,
                                        invalid,
                                        iso,
                                        not_found,
                                        now,
                                        one_of,
                                        parse_time,
                                        required_text,
                                        unavailable,
)
from support.doubles.kit.records import RESPONSE_CHARS, Log, Outbound, Sequence, succeeded
from support.doubles.kit.web import (
                                        JSON,
                                        Api,
                                        Running,
                                        body,
                                        control,
                                        create_app,
                                        error_response,
                                        main,
                                        raw_path,
                                        serve,
                                        serve_many,
)

__all__ = ["JSON", "RESPONSE_CHARS", "Api", "DoubleError", "Log", "Outbound", "Running",
           "Sequence", "basic_credentials", "bearer_token", "body", "control", "create_app",
           "cursor_param", "encode", "error_response", "flag", "found", "invalid", "iso", "main",
           "not_found", "now", "one_of", "parse_time", "raw_path", "required_text", "serve", "serve_many",
           "succeeded", "unavailable"]
