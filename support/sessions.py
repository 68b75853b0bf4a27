"""A person's session in a scenario (O8, O11): when they logged in on their session clock, and the
forged tokens a tamperer would try in place of the one the platform issued.

The forgeries start from the person's own access token, read without checking it (PyJWT), and
change one thing each: the key it is signed with, a claim, the algorithm its header names, or
its signature. The platform must refuse every one of them as it refuses no token at all.
"""
from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass
from datetime import datetime

import jwt

from support.checks import assert_ok


@dataclass
class Session:
    """When the person logged in, on their session clock (the scenario's note, not context's)."""

    logged_in_at: datetime | None = None


def freeze(world, person, at: datetime) -> None:
    """The person's session clock stands at `at` (test mode: PUT /v1/test/people/{id}/clock)."""
    assert_ok(world.client.set_session_clock(person.user_id, at.isoformat()))


def _segment(value: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(value, separators=(",", ":")).encode()).rstrip(b"=").decode()


def _resign(token: str, header: dict | None = None, claims: dict | None = None) -> str:
    """The token with its header or claims replaced and its original signature kept."""
    head, body, signature = token.split(".")
    return ".".join((_segment(header) if header is not None else head,
                     _segment(claims) if claims is not None else body, signature))


def _claims(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def _header(token: str) -> dict:
    return jwt.get_unverified_header(token)


def _unsigned(token: str, alg: str) -> str:
    head, body, _ = token.split(".")
    return ".".join((_segment({**_header(token), "alg": alg}), body, ""))


# How a feature names a forgery -> (the person's token, someone else's user id) -> the forged token.
FORGERIES = {
    "signed with another key": lambda token, other: jwt.encode(
        _claims(token), secrets.token_hex(32), algorithm="HS256"),
    "rewritten to name someone else": lambda token, other: _resign(
        token, claims={**_claims(token), "sub": str(other)}),
    "rewritten to last an hour longer": lambda token, other: _resign(
        token, claims={**_claims(token), "exp": _claims(token)["exp"] + 3600}),
    'marked as needing no signature ("none")': lambda token, other: _unsigned(token, "none"),
    'marked as needing no signature ("NONE")': lambda token, other: _unsigned(token, "NONE"),
    "relabelled as signed another way (HS512)": lambda token, other: _resign(
        token, header={**_header(token), "alg": "HS512"}),
    # four characters off the signature: still three well-formed parts, a signature that does not match
    "cut short": lambda token, other: token[:-4],
    # half the token: not three parts any more, not a token at all
    "cut in half": lambda token, other: token[: len(token) // 2],
    "stripped of its signature": lambda token, other: token.rsplit(".", 1)[0] + ".",
}
