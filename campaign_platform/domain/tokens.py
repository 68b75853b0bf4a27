"""One-time link tokens (only their SHA-256 is stored) and signed access tokens (JWT HS256)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from uuid import UUID

import jwt

from campaign_platform.domain.policies import ACCESS_TOKEN_ISSUER, ACCESS_TOKEN_TTL_SECONDS

_ALGORITHM = "HS256"


def new_link_token() -> tuple[str, str]:
    """(token for the emailed link, hash to store)."""
    token = secrets.token_urlsafe(32)
    return token, hash_link_token(token)


def hash_link_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_access_token(user_id: UUID, secret: str, now: datetime) -> str:
    issued_at = int(now.timestamp())
    claims = {
        "sub": str(user_id),
        "iat": issued_at,
        "exp": issued_at + ACCESS_TOKEN_TTL_SECONDS,
        "iss": ACCESS_TOKEN_ISSUER,
    }
    return jwt.encode(claims, secret, algorithm=_ALGORITHM)


def read_access_token(token: str, secret: str) -> UUID | None:
    """The user id of a valid, unexpired token; None for anything else."""
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[_ALGORITHM],
            issuer=ACCESS_TOKEN_ISSUER,
            options={"require": ["sub", "iat", "exp", "iss"]},
        )
        return UUID(claims["sub"])
    except (jwt.InvalidTokenError, ValueError, TypeError):
        return None
