"""Signing up (the use case behind `POST /v1/signup`), without HTTP.

An organization, its first campaign and that campaign's owner, in one transaction; then the
owner's verification email (valid 48 hours). Refusals: an election date in the past and a weak
password (422), an email address or web address already taken (409).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID, uuid4

from psycopg.errors import UniqueViolation

from campaign_platform.domain.clock import real_now
from campaign_platform.domain.policies import EMAIL_VERIFICATION_TTL
from campaign_platform.domain.tokens import new_link_token
from campaign_platform.errors import ApiError, invalid
from campaign_platform.integrations.mail import verification_email
from campaign_platform.services import Services
from campaign_platform.store import db, onboarding
from campaign_platform.workflows import credentials

# unique constraint -> the refusal it means
_CONFLICTS = {
    "users_email_key": ("email_taken", "An account with this email address already exists.", "owner.email"),
    "campaigns_slug_key": ("slug_taken", "This campaign address is taken; choose another.", "campaign.slug"),
}


@dataclass(frozen=True)
class NewCampaign:
    name: str
    office: str
    state: str
    election_date: date
    slug: str


@dataclass(frozen=True)
class Owner:
    full_name: str
    email: str
    password: str


@dataclass(frozen=True)
class SignUp:
    organization_name: str
    campaign: NewCampaign
    owner: Owner


@dataclass(frozen=True)
class SignedUp:
    organization_id: UUID
    campaign_id: UUID
    user_id: UUID


def _refuse_past_election(campaign: NewCampaign, now: datetime, field: str) -> None:
    if campaign.election_date < now.date():
        raise invalid("election_date_in_past", "The election date is in the past.", field)


async def sign_up(services: Services, request: SignUp) -> SignedUp:
    """Refusals name the sign-up body's fields (`campaign.election_date`, `owner.password`, ...)."""
    owner, campaign = request.owner, request.campaign
    now = real_now()  # the campaign does not exist yet, so neither does its clock
    _refuse_past_election(campaign, now, "campaign.election_date")
    await credentials.enforce_policy(
        owner.password,
        [owner.email, owner.full_name, campaign.name, campaign.slug, request.organization_name],
        field="owner.password",
    )
    password_hash = await credentials.hash_password(services.passwords, owner.password)
    token, token_hash = new_link_token()
    campaign_id = uuid4()  # chosen here: the transaction acts for the campaign it creates
    try:
        async with db.transaction(services.pool, campaign_id) as conn:
            user_id = await onboarding.insert_user(conn, owner.email, owner.full_name, password_hash, None)
            organization_id = await onboarding.insert_organization(conn, request.organization_name, user_id)
            await onboarding.insert_campaign(
                conn, campaign_id, organization_id, campaign.name, campaign.office, campaign.state,
                campaign.election_date, campaign.slug,
            )
            await onboarding.insert_membership(conn, campaign_id, user_id, "owner")
            await onboarding.insert_email_verification(
                conn, token_hash, user_id, campaign_id, now, now + EMAIL_VERIFICATION_TTL
            )
    except UniqueViolation as exc:
        conflict = _CONFLICTS.get(exc.diag.constraint_name or "")
        if conflict is None:
            raise
        code, message, field = conflict
        raise ApiError(409, code, message, field=field) from None

    subject, text = verification_email(
        owner.full_name,
        campaign.name,
        f"{services.settings.public_url}/verify-email?token={token}",
        valid_hours=int(EMAIL_VERIFICATION_TTL.total_seconds() // 3600),
    )
    await services.mailer.send(owner.email, subject, text)
    return SignedUp(organization_id, campaign_id, user_id)


_SLUG_TAKEN = ("slug_taken", "This campaign address is taken; choose another.", "slug")


async def add_campaign(services: Services, organization_id: UUID, user_id: UUID, campaign: NewCampaign) -> UUID:
    """Another campaign of the organization, by its owner (who owns the new campaign too);
    anyone else gets the answer of an organization that does not exist."""
    now = real_now()
    campaign_id = uuid4()
    try:
        async with db.transaction(services.pool, campaign_id, user_id) as conn:
            if not await onboarding.owns_organization(conn, organization_id, user_id):
                raise ApiError(404, "not_found", "No such organization.")
            _refuse_past_election(campaign, now, "election_date")
            await onboarding.insert_campaign(
                conn, campaign_id, organization_id, campaign.name, campaign.office, campaign.state,
                campaign.election_date, campaign.slug,
            )
            await onboarding.insert_membership(conn, campaign_id, user_id, "owner")
    except UniqueViolation as exc:
        if exc.diag.constraint_name != "campaigns_slug_key":
            raise
        code, message, field = _SLUG_TAKEN
        raise ApiError(409, code, message, field=field) from None
    return campaign_id
