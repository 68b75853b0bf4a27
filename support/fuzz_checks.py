"""The suite's own schemathesis checks (loaded by support/fuzz.py through SCHEMATHESIS_HOOKS).

Each applies to one pass, named by CP_FUZZ_PASS:

- rival: on a campaign-scoped route, a rival's answer is the one the same request about an unknown
  campaign gets, byte
  for byte (API.md, Isolation: existence does not leak);
- stranger: a route that takes a bearer token answers 401 `unauthenticated` without one, whatever
  else the request holds: who is asking comes before what they sent (issue 15). Only the edge's
  answers about the request's form come first (API.md, Limits and edge checks: 400
  `invalid_host`, 408, 413 with a declared length, a NUL in the path); the stranger pass sends
  none of them (its host is trusted, its bodies small, its paths the world's ids), so every
  answer here must be 401. A NUL in the query or a JSON body is content: 401 first.
"""

from __future__ import annotations

import ast
import os
import threading

import requests
import schemathesis

# CPython 3.11 keeps the AST constructor's recursion depth in state the threads share
# (python/cpython#106905): two of schemathesis's worker threads parsing source at once (hypothesis
# reads a filter lambda's source to name it) fail with "SystemError: AST constructor recursion
# depth mismatch", a Runtime Error of the run, not an answer of the platform. One parse at a time.
_PARSING = threading.Lock()
_parse = ast.parse


def _one_parse_at_a_time(*args, **kwargs):
    with _PARSING:
        return _parse(*args, **kwargs)


ast.parse = _one_parse_at_a_time

UNKNOWN_CAMPAIGN = "00000000-0000-4000-8000-000000000000"


def _pass() -> str:
    return os.environ.get("CP_FUZZ_PASS", "")


def _as_declared(response, case) -> bool:
    """The request used the operation's own method (not an unsupported-method probe)."""
    return response.request.method.upper() == case.operation.method.upper()


def _with_the_token(response) -> bool:
    """The request carried the pass's bearer token (schemathesis also tries without it)."""
    return response.request.headers.get("Authorization") == f"Bearer {os.environ.get('CP_FUZZ_BEARER')}"


def _unknown_campaign_answer(request, campaign_id: str) -> tuple[int, bytes]:
    """The same request (method, headers, body) about a campaign that does not exist."""
    answer = requests.request(request.method, request.url.replace(campaign_id, UNKNOWN_CAMPAIGN),
                              headers=dict(request.headers), data=request.body, timeout=30)
    return answer.status_code, answer.content


@schemathesis.check
def rival_gets_unknown_campaign(ctx, response, case):
    """A rival's token on Fuzz Home's routes: the unknown campaign's 404, byte for byte."""
    if _pass() != "rival" or not case.operation.path.startswith("/v1/campaigns/{campaign_id}"):
        return None
    if not _as_declared(response, case) or not _with_the_token(response):
        return None
    expected = _unknown_campaign_answer(response.request, case.path_parameters["campaign_id"])
    if (response.status_code, response.content) != expected:
        raise AssertionError(f"a rival got {response.status_code} {response.content[:200]!r}, not the unknown "
                             f"campaign's {expected[0]} {expected[1][:200]!r}")
    return True


@schemathesis.check
def stranger_is_refused(ctx, response, case):
    """No credentials on a bearer route: 401 unauthenticated."""
    security = case.operation.definition.raw.get("security") or []
    if _pass() != "stranger" or not any("bearerAuth" in need for need in security):
        return None
    if not _as_declared(response, case):
        return None
    if response.status_code != 401:
        raise AssertionError(f"without a token the answer was {response.status_code}, not 401")
    return True
