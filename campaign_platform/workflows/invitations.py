"""Invitations: inviting a teammate and accepting the emailed link (the use cases behind
`POST /v1/campaigns/{id}/invitations` and `POST /v1/invitations/accept`), without HTTP.

An invitation names one role the inviter may grant and is valid 7 days, once. Accepting it
creates the account (a new address: the password policy holds) or proves the existing one (its
password, under the log-in throttle), then the membership; a refused acceptance writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from psycopg.errors import UniqueViolation

from campaign_platform.domain import permissions
from campaign_platform.domain.policies import INVITATION_TTL
from campaign_platform.domain.tokens import hash_link_token, new_link_token
from campaign_platform.errors import ApiError, invalid
from campaign_platform.integrations.mail import invitation_email
from campaign_platform.services import Services
from campaign_platform.store import clocks, db, onboarding
from campaign_platform.store.db import Connection
from campaign_platform.workflows import credentials


@dataclass(frozen=True)
class Invite:
    campaign_id: UUID
    inviter_id: UUID | None
    inviter_role: str
    email: str
    role: str


@dataclass(frozen=True)
class Invited:
    invitation_id: UUID
    expires_at: datetime


@dataclass(frozen=True)
class Acceptance:
    token: str
    full_name: str
    password: str


@dataclass(frozen=True)
class Accepted:
    user_id: UUID
    campaign_id: UUID
    role: str


async def invite(services: Services, request: Invite) -> Invited:
    """Record the invitation and email its link."""
    if not permissions.may_grant(request.inviter_role, request.role):
        raise invalid("role_not_grantable", permissions.grant_refusal(request.inviter_role, request.role), "role")
    token, token_hash = new_link_token()
    campaign_id = request.campaign_id
    async with db.transaction(services.pool, campaign_id) as conn:
        if await onboarding.is_member_email(conn, campaign_id, request.email):
            raise ApiError(409, "already_member", "This person is already on the team.", field="email")
        now = await clocks.campaign_now(conn, campaign_id, services.settings.test_mode)
        expires_at = now + INVITATION_TTL
        invitation_id = await onboarding.insert_invitation(
            conn, campaign_id, request.email, request.role, token_hash, request.inviter_id, now, expires_at
        )
        inviter = await onboarding.get_user(conn, request.inviter_id)
        campaign = await onboarding.get_campaign(conn, campaign_id)

    subject, text = invitation_email(
        inviter["full_name"],
        campaign["name"],
        request.role,
        f"{services.settings.public_url}/accept-invitation?token={token}",
        valid_days=INVITATION_TTL.days,
    )
    await services.mailer.send(request.email, subject, text)
    return Invited(invitation_id, expires_at)


async def accept(services: Services, body: Acceptance) -> Accepted:
    """Join the invitation's campaign with its role; refusals name the body's fields."""
    token_hash = hash_link_token(body.token)
    test_mode = services.settings.test_mode
    # Check first, then do the slow password work outside any transaction, then write.
    async with db.transaction(services.pool) as conn:
        campaign_id = await onboarding.campaign_of_invitation(conn, token_hash)  # ids only
        await db.enter_campaign(conn, campaign_id)
        invitation, _ = await _open_invitation(conn, token_hash, test_mode)
        user = await onboarding.find_user_by_email(conn, invitation["email"])
        campaign = await onboarding.get_campaign(conn, invitation["campaign_id"])
        if user is not None and await onboarding.get_role(conn, invitation["campaign_id"], user["id"]):
            raise _already_member()

    new_hash = None
    if user is None:
        await credentials.enforce_policy(
            body.password, [invitation["email"], body.full_name, campaign["name"]], field="password"
        )
        new_hash = await credentials.hash_password(services.passwords, body.password)
    else:  # the address has an account: prove it is yours
        await credentials.verify_throttled(
            services.redis, services.passwords, invitation["email"], user["password_hash"], body.password
        )

    try:
        async with db.transaction(services.pool, campaign_id) as conn:
            invitation, now = await _open_invitation(conn, token_hash, test_mode)
            if user is None:
                user_id = await onboarding.insert_user(
                    conn, invitation["email"], body.full_name, new_hash, now
                )
            else:
                user_id = user["id"]
                await onboarding.mark_email_verified(conn, user_id, now)  # the link proves the address
            await onboarding.insert_membership(conn, invitation["campaign_id"], user_id, invitation["role"])
            await onboarding.mark_invitation_accepted(conn, invitation["id"], user_id, now)
    except UniqueViolation as exc:  # lost a race with a parallel sign-up or acceptance
        if exc.diag.constraint_name == "memberships_pkey":
            raise _already_member() from None
        if exc.diag.constraint_name == "users_email_key":
            raise ApiError(
                409,
                "email_taken",
                "An account with this email address was just created; accept again with its password.",
                field="password",
            ) from None
        raise
    return Accepted(user_id, invitation["campaign_id"], invitation["role"])


async def _open_invitation(conn: Connection, token_hash: str, test_mode: bool) -> tuple[dict, datetime]:
    """The invitation, locked, if it can still be accepted, and its campaign's clock."""
    invitation = await onboarding.lock_invitation(conn, token_hash)
    if invitation is None:
        raise ApiError(400, "token_invalid", "This invitation link is not valid.", field="token")
    if invitation["accepted_at"] is not None:
        raise ApiError(409, "invitation_used", "This invitation has already been accepted.", field="token")
    now = await clocks.campaign_now(conn, invitation["campaign_id"], test_mode)
    if now >= invitation["expires_at"]:
        raise ApiError(
            410, "invitation_expired", "This invitation has expired; ask for a new one.", field="token"
        )
    return invitation, now


def _already_member() -> ApiError:
    return ApiError(409, "already_member", "You are already on this campaign's team; log in instead.")
