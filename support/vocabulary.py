"""The business words of the features, mapped once to what the platform contract says.

A refusal in Gherkin ("the password is shorter than 12 characters") is checked as the platform's
answer: its status, its machine-readable code, the field at fault, and a human message.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Refusal:
    status: int
    code: str
    field: str | None = None  # the field at fault, by its own name ("password", not "owner.password")


REFUSALS = {
    # onboarding: sign-up
    "the email address is taken": Refusal(409, "email_taken"),
    "the web address is taken": Refusal(409, "slug_taken"),
    "the password is shorter than 12 characters": Refusal(422, "password_too_short", "password"),
    "the password is longer than 128 characters": Refusal(422, "password_too_long", "password"),
    "the password is too easy to guess": Refusal(422, "password_too_weak", "password"),
    "the state is not a US state": Refusal(422, "invalid_input", "state"),
    "the election date is in the past": Refusal(422, "election_date_in_past", "election_date"),
    "the election date is not a date": Refusal(422, "invalid_input", "election_date"),
    "the web address may only hold letters, digits and hyphens":
        Refusal(422, "invalid_input", "slug"),
    "the email address is not an email address": Refusal(422, "invalid_input", "email"),
    "the form cannot be read": Refusal(400, "invalid_json"),
    # onboarding: verification and log-in
    "the email address is not verified": Refusal(403, "email_not_verified"),
    "the link was already used": Refusal(409, "token_used"),
    "the link has expired": Refusal(410, "token_expired"),
    # teams
    "the role cannot be granted": Refusal(422, "role_not_grantable"),
    "the role is not one of the five roles": Refusal(422, "invalid_input", "role"),
    "the invitee is already on the team": Refusal(409, "already_member"),
    "it was already used": Refusal(409, "invitation_used"),
    "it has expired": Refusal(410, "invitation_expired"),
}

# "signs up with <detail> <value>": which sign-up field a detail of the form is.
SIGN_UP_DETAILS = {
    "state": ("campaign", "state"),
    "election date": ("campaign", "election_date"),
    "web address": ("campaign", "slug"),
    "email address": ("owner", "email"),
    "password": ("owner", "password"),
}

# The platform's dependencies as operators name them -> the name of both the embedded stack's
# process and the platform's readiness check.
DEPENDENCIES = {"database": "postgres", "cache": "redis"}

FORBIDDEN = Refusal(403, "forbidden")
WRONG_CREDENTIALS = Refusal(401, "invalid_credentials")
TOO_MANY_ATTEMPTS = Refusal(429, "too_many_attempts")
