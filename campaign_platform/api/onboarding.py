"""Onboarding: sign-up (the use case: workflows.onboarding), email verification, log-in, the
current user."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Response
from pydantic import BaseModel, StringConstraints

from campaign_platform.api import live
from campaign_platform.api.contract import refusals
from campaign_platform.api.deps import ServicesDep, UserIdDep, unauthenticated
from campaign_platform.api.inputs import Email, IsoDate, JsonRoute, Name, Slug, StateCode, Token
from campaign_platform.domain.policies import ACCESS_TOKEN_TTL_SECONDS
from campaign_platform.domain.tokens import hash_link_token, issue_access_token
from campaign_platform.errors import ApiError
from campaign_platform.store import cache, clocks, db, onboarding
from campaign_platform.workflows import credentials, team
from campaign_platform.workflows.onboarding import NewCampaign, Owner, SignUp, sign_up

router = APIRouter(route_class=JsonRoute, prefix="/v1", tags=["onboarding"])


class CampaignIn(BaseModel):
    name: Name
    office: Name
    state: StateCode
    election_date: IsoDate
    slug: Slug


class OwnerIn(BaseModel):
    full_name: Name
    email: Email
    password: str


class SignupIn(BaseModel):
    organization_name: Name
    campaign: CampaignIn
    owner: OwnerIn


class TokenIn(BaseModel):
    token: Token


class SessionIn(BaseModel):
    email: Annotated[str, StringConstraints(strip_whitespace=True, max_length=320)]
    password: Annotated[str, StringConstraints(max_length=1024)]


@router.post(
    "/signup", status_code=201,
    responses=refusals({
        409: ("email_taken", "slug_taken"),
        422: ("election_date_in_past", "password_too_short", "password_too_long", "password_too_weak"),
    }),
)
async def signup(body: SignupIn, services: ServicesDep) -> dict:
    owner, campaign = body.owner, body.campaign
    signed_up = await sign_up(services, SignUp(
        body.organization_name,
        NewCampaign(campaign.name, campaign.office, campaign.state, campaign.election_date, campaign.slug),
        Owner(owner.full_name, owner.email, owner.password),
    ))  # fmt: skip
    return {
        "organization_id": signed_up.organization_id,
        "campaign_id": signed_up.campaign_id,
        "user_id": signed_up.user_id,
        "slug": campaign.slug,
    }


@router.post(
    "/email-verifications",
    responses=refusals({400: "token_invalid", 409: "token_used", 410: "token_expired"}),
)
async def verify_email(body: TokenIn, services: ServicesDep) -> dict:
    token_hash = hash_link_token(body.token)
    async with db.transaction(services.pool) as conn:
        await db.enter_campaign(conn, await onboarding.campaign_of_verification(conn, token_hash))  # ids only
        verification = await onboarding.lock_email_verification(conn, token_hash)
        if verification is None:
            raise ApiError(400, "token_invalid", "This verification link is not valid.", field="token")
        if verification["used_at"] is not None:
            raise ApiError(409, "token_used", "This verification link has already been used.", field="token")
        now = await clocks.campaign_now(conn, verification["campaign_id"], services.settings.test_mode)
        if now >= verification["expires_at"]:
            raise ApiError(
                410, "token_expired", "This verification link has expired; sign up again.", field="token"
            )
        await onboarding.mark_email_verification_used(conn, token_hash, now)
        await onboarding.mark_email_verified(conn, verification["user_id"], now)
    return {"email": verification["email"], "verified": True}


@router.post(
    "/sessions",
    responses=refusals({401: "invalid_credentials", 403: "email_not_verified", 429: "too_many_attempts"}),
)
async def log_in(body: SessionIn, services: ServicesDep) -> dict:
    async with db.transaction(services.pool) as conn:
        user = await onboarding.find_user_by_email(conn, body.email)
    if user is not None and user["closed_at"] is not None:  # O11: a closed account is no account
        user = None
    password_hash = user["password_hash"] if user else None
    await credentials.verify_throttled(services.redis, services.passwords, body.email, password_hash, body.password)
    if user["email_verified_at"] is None:  # only said once the password is right
        raise ApiError(403, "email_not_verified", "Verify your email address first: open the emailed link.")
    await cache.clear_login_failures(services.redis, body.email)
    if services.passwords.needs_rehash(password_hash):  # made at another cost: replace it
        new_hash = await credentials.hash_password(services.passwords, body.password)
        async with db.transaction(services.pool) as conn:
            await onboarding.update_password_hash(conn, user["id"], new_hash)
    issued_at = await clocks.session_now(services.redis, user["id"], services.settings.test_mode)  # O8
    return {
        "access_token": issue_access_token(user["id"], services.settings.jwt_secret, issued_at),
        "token_type": "bearer",
        "expires_in": ACCESS_TOKEN_TTL_SECONDS,
    }


@router.get("/me")
async def me(user_id: UserIdDep, services: ServicesDep) -> dict:
    async with db.transaction(services.pool, user_id=user_id) as conn:  # the person's own memberships
        user = await onboarding.get_user(conn, user_id)
        campaigns = await onboarding.list_user_campaigns(conn, user_id)
    if user is None or user["closed_at"] is not None:
        raise unauthenticated("This account has been closed.")
    return {
        "user_id": user["id"],
        "email": user["email"],
        "full_name": user["full_name"],
        "campaigns": [dict(row) for row in campaigns],
    }


@router.delete("/me", status_code=204, responses=refusals({409: ["last_owner", "organization_owner"]}))
async def close_account(user_id: UserIdDep, services: ServicesDep) -> Response:
    """O11: the person closes their account: off every team at once (their live channels there
    close, 4404), and no token of theirs is taken again (401)."""
    for campaign_id in await team.close_account(services, user_id):
        await live.announce(services.redis, campaign_id, {"type": live.MEMBER_REMOVED, "user_id": str(user_id)})
    return Response(status_code=204)
