"""One-time link tokens (only their SHA-256 is stored) and signed access tokens (JWT HS256)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
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


@dataclass(frozen=True)
class AccessToken:
    """A signed access token's claims, its signature and issuer checked."""

    user_id: UUID
    issued_at: int  # seconds since the epoch
    expires_at: int

    def live_at(self, now: datetime) -> bool:
        """O8: a token serves from its issue until its 15 minutes are up: 14:59 after the log-in
        it serves, at 15:00 exactly it has expired (as PyJWT judges `exp`)."""
        return self.issued_at <= now.timestamp() < self.expires_at


def read_access_token(token: str, secret: str) -> AccessToken | None:
    """The claims of a well-signed token of this issuer, or None. Its time is not judged here:
    the caller asks `live_at` with its clock (real time; a person's test clock in test mode)."""
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[_ALGORITHM],
            issuer=ACCESS_TOKEN_ISSUER,
            options={"require": ["sub", "iat", "exp", "iss"], "verify_exp": False, "verify_iat": False},
        )
        return AccessToken(UUID(claims["sub"]), int(claims["iat"]), int(claims["exp"]))
    except (jwt.InvalidTokenError, ValueError, TypeError, OverflowError):
        return None
