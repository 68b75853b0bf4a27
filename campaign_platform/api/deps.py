"""Request dependencies: the app's services, bearer authentication, campaign permissions."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated
from uuid import UUID

from fastapi import Depends, Header, Request
from psycopg_pool import AsyncConnectionPool
from redis.asyncio import Redis

from campaign_platform.domain import permissions
from campaign_platform.domain.tokens import read_access_token
from campaign_platform.errors import ApiError
from campaign_platform.integrations.mail import Mailer
from campaign_platform.settings import Settings
from campaign_platform.store import db, onboarding


@dataclass(frozen=True)
class Services:
    settings: Settings
    pool: AsyncConnectionPool[db.Connection]
    redis: Redis
    mailer: Mailer


@dataclass(frozen=True)
class Member:
    campaign_id: UUID
    user_id: UUID
    role: str


def get_services(request: Request) -> Services:
    return request.app.state.services


ServicesDep = Annotated[Services, Depends(get_services)]


def unauthenticated(message: str) -> ApiError:
    return ApiError(401, "unauthenticated", message, headers={"WWW-Authenticate": "Bearer"})


async def current_user_id(
    services: ServicesDep, authorization: Annotated[str | None, Header()] = None
) -> UUID:
    if not authorization:
        raise unauthenticated("Log in and send the access token as 'Authorization: Bearer <token>'.")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthenticated("Send the access token as 'Authorization: Bearer <token>'.")
    user_id = read_access_token(token.strip(), services.settings.jwt_secret)
    if user_id is None:
        raise unauthenticated("The access token is invalid or has expired; log in again.")
    return user_id


UserIdDep = Annotated[UUID, Depends(current_user_id)]


def parse_campaign_id(campaign_id: str) -> UUID:
    """A malformed id names no campaign: 404 like any other unknown one."""
    try:
        return UUID(campaign_id)
    except ValueError:
        raise campaign_not_found() from None


def campaign_not_found() -> ApiError:
    return ApiError(404, "not_found", "No such campaign.")


def require(permission: str) -> Callable[..., Awaitable[Member]]:
    """Dependency: the caller's membership of the path's campaign, holding `permission`."""
    if permission not in permissions.PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}")

    async def dependency(campaign_id: str, user_id: UserIdDep, services: ServicesDep) -> Member:
        campaign = parse_campaign_id(campaign_id)
        async with db.transaction(services.pool) as conn:
            role = await onboarding.get_role(conn, campaign, user_id)
        if role is None:
            raise campaign_not_found()  # existence of other campaigns does not leak
        if not permissions.can(role, permission):
            raise ApiError(403, "forbidden", permissions.refusal(role, permission))
        return Member(campaign, user_id, role)

    return dependency
