"""Request dependencies, one style: FastAPI `Annotated` aliases a route names in its signature.

- `ServicesDep`: the process's collaborators (campaign_platform.services.Services);
- `UserIdDep`: the person behind a bearer access token;
- `require(permission)`: the principal's membership of the path's campaign, holding a
  permission; each router names the ones it uses, e.g.
  `MayView = Annotated[Member, Depends(require("view_campaign"))]`.

`get_services` is the only reader of `app.state`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated
from uuid import UUID

from fastapi import Depends, Header
from starlette.requests import HTTPConnection

from campaign_platform.api.contract import BEARER, answers
from campaign_platform.domain import permissions
from campaign_platform.domain.tokens import read_access_token
from campaign_platform.errors import ApiError
from campaign_platform.services import Services
from campaign_platform.store import api_keys, clocks, db, onboarding


@dataclass(frozen=True)
class Member:
    """The principal of a campaign-scoped request: a person (user_id) or an API key (api_key_id),
    acting on one campaign with one role."""

    campaign_id: UUID
    user_id: UUID | None
    role: str
    api_key_id: UUID | None = None


@answers({503: "unavailable"})
def get_services(connection: HTTPConnection) -> Services:
    """HTTP routes and WebSocket channels alike."""
    return connection.app.state.services


ServicesDep = Annotated[Services, Depends(get_services)]


def unauthenticated(message: str) -> ApiError:
    return ApiError(401, "unauthenticated", message, headers={"WWW-Authenticate": "Bearer"})


def _bearer(authorization: str | None) -> str:
    if not authorization:
        raise unauthenticated("Log in and send the access token as 'Authorization: Bearer <token>'.")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthenticated("Send the access token as 'Authorization: Bearer <token>'.")
    return token.strip()


async def person_of(services: Services, token: str) -> UUID | None:
    """The person a live access token names (O8: 15 minutes from the log-in, on real time, or on
    the person's session clock in test mode); None for an invalid or expired token."""
    access = read_access_token(token, services.settings.jwt_secret)
    if access is None:
        return None
    now = await clocks.session_now(services.redis, access.user_id, services.settings.test_mode)
    return access.user_id if access.live_at(now) else None


@answers({401: "unauthenticated"}, BEARER)
async def current_user_id(
    services: ServicesDep, authorization: Annotated[str | None, Header()] = None
) -> UUID:
    """A person's routes: an access token only."""
    token = _bearer(authorization)
    if api_keys.is_api_key(token):
        raise unauthenticated("An API key cannot use this route; log in as a person.")
    user_id = await person_of(services, token)
    if user_id is None:
        raise unauthenticated("The access token is invalid or has expired; log in again.")
    return user_id


UserIdDep = Annotated[UUID, Depends(current_user_id)]


@answers({401: "unauthenticated", 404: "not_found"}, BEARER)
async def organization_person(
    services: ServicesDep, authorization: Annotated[str | None, Header()] = None
) -> UUID:
    """An organization's routes: a person's access token. A valid API key acts for one campaign,
    never for its organization: it gets the answer of an organization that does not exist."""
    token = _bearer(authorization)
    if api_keys.is_api_key(token):
        async with db.transaction(services.pool) as conn:
            key = await api_keys.authenticate(conn, token)
        if key is None or key["revoked"]:
            raise unauthenticated("The API key is not valid.")
        raise ApiError(404, "not_found", "No such organization.")
    user_id = await person_of(services, token)
    if user_id is None:
        raise unauthenticated("The access token is invalid or has expired; log in again.")
    return user_id


OrganizationPersonDep = Annotated[UUID, Depends(organization_person)]


async def names_a_principal(services: Services, token: str) -> bool:
    """`token` is a person's valid access token or a live API key (someone the platform knows)."""
    if api_keys.is_api_key(token):
        async with db.transaction(services.pool) as conn:
            key = await api_keys.authenticate(conn, token)
        return key is not None and not key["revoked"]
    return read_access_token(token, services.settings.jwt_secret) is not None


def parse_organization_id(organization_id: str) -> UUID:
    """A malformed id names no organization: 404 like any other unknown one."""
    try:
        return UUID(organization_id)
    except ValueError:
        raise ApiError(404, "not_found", "No such organization.") from None


def parse_campaign_id(campaign_id: str) -> UUID:
    """A malformed id names no campaign: 404 like any other unknown one."""
    try:
        return UUID(campaign_id)
    except ValueError:
        raise campaign_not_found() from None


def campaign_not_found() -> ApiError:
    return ApiError(404, "not_found", "No such campaign.")


class Refused(Exception):
    """A principal that may not act on the campaign: `status` 401 (who are you?) or 404."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


async def member_of(services: Services, token: str, campaign: UUID) -> Member:
    """The principal `token` names, as a member of `campaign`; Refused otherwise. An API key of
    another campaign is refused exactly as a person who is not a member: the campaign's
    existence does not leak."""
    if api_keys.is_api_key(token):
        async with db.transaction(services.pool) as conn:
            key = await api_keys.authenticate(conn, token)
        if key is None:
            raise Refused(401, "The API key is not valid.")
        if key["revoked"]:
            raise Refused(401, "This API key has been revoked.")
        if key["campaign_id"] != campaign:
            raise Refused(404, "No such campaign.")
        return Member(campaign, None, key["role"], key["api_key_id"])
    user_id = await person_of(services, token)
    if user_id is None:
        raise Refused(401, "The access token is invalid or has expired; log in again.")
    async with db.transaction(services.pool, campaign, user_id) as conn:
        role = await onboarding.get_role(conn, campaign, user_id)
        closed = role is None and await onboarding.is_closed(conn, user_id)
    if closed:  # O11: a closed account's token names nobody
        raise Refused(401, "This account has been closed; its access token no longer works.")
    if role is None:
        raise Refused(404, "No such campaign.")
    return Member(campaign, user_id, role)


def check_permission(member: Member, permission: str) -> None:
    """403 when the member's role lacks `permission`, or when an API key asks for what only
    people may do."""
    if member.api_key_id is not None and permission in permissions.PEOPLE_ONLY:
        raise ApiError(403, "forbidden", permissions.key_refusal(permission))
    if not permissions.can(member.role, permission):
        raise ApiError(403, "forbidden", permissions.refusal(member.role, permission))


def require(permission: str) -> Callable[..., Awaitable[Member]]:
    """Dependency: the principal's membership of the path's campaign, holding `permission`."""
    if permission not in permissions.PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}")

    async def dependency(
        campaign_id: str, services: ServicesDep, authorization: Annotated[str | None, Header()] = None
    ) -> Member:
        token = _bearer(authorization)
        campaign = parse_campaign_id(campaign_id)
        try:
            member = await member_of(services, token, campaign)
        except Refused as refused:
            if refused.status == 401:
                raise unauthenticated(str(refused)) from None
            raise campaign_not_found() from None  # existence of other campaigns does not leak
        check_permission(member, permission)
        return member

    return answers({401: "unauthenticated", 403: "forbidden", 404: "not_found"}, BEARER)(dependency)
