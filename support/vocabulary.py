"""The business words of the features, mapped once to what the platform contract says.

A refusal in Gherkin ("the password is shorter than 12 characters") is checked as the platform's
answer: its status, its machine-readable code, the field at fault, and a human message.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Refusal:
    status: int
    code: str
    field: str | None = None  # the field at fault, by its own name ("password", not "owner.password")


DURATION_UNITS = {"day": 86_400, "hour": 3_600, "minute": 60, "second": 1}


def seconds_in(duration: str) -> int:
    """ "6 days, 23 hours" or "14 minutes 59 seconds" -> seconds."""
    parts = re.findall(r"(\d+)\s+(day|hour|minute|second)s?", duration)
    assert parts, f"cannot read the duration {duration!r}"
    return sum(int(n) * DURATION_UNITS[unit] for n, unit in parts)


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
    "the role is not one of the six roles": Refusal(422, "invalid_input", "role"),
    "their role may not remove that teammate": Refusal(403, "forbidden"),
    "their role may not move that teammate": Refusal(403, "forbidden"),
    "a campaign keeps at least one owner": Refusal(409, "last_owner"),
    "whoever signed the organization up answers for its archive": Refusal(409, "organization_owner"),
    "the invitee is already on the team": Refusal(409, "already_member"),
    "it was already used": Refusal(409, "invitation_used"),
    "it has expired": Refusal(410, "invitation_expired"),
    # dialing
    "the platform cannot check the rules now": Refusal(503, "unavailable"),
    "nobody answered the call": Refusal(409, "call_not_answered"),
    # operations (features/operations/): a third party failing, the operator's views
    "the carrier did not answer": Refusal(503, "unavailable"),
    "the reassigned-numbers database did not answer": Refusal(503, "unavailable"),
    "only the platform's operator may see it": Refusal(403, "forbidden"),
    "the operator's credential is missing": Refusal(401, "unauthenticated"),
    "the code is wrong": Refusal(422, "wrong_code"),
    "the reply was already resolved": Refusal(409, "reply_already_resolved"),
    "a caller does not review replies": Refusal(403, "forbidden"),
    # contact search
    "the state is not a US state code": Refusal(422, "invalid_state", "state"),
    "the line type is neither of the two": Refusal(422, "invalid_line_type", "line_type"),
    "the limit is not a number from 1 to 500": Refusal(422, "invalid_input", "limit"),
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

# What the processor is answered, by the platform's error code (campaign_platform/API.md).
WEBHOOK_ERRORS = {
    "invalid_credentials": 401,
    "invalid_json": 400,
    "payload_too_large": 413,
    "no_line_items": 422,
    "invalid_amount": 422,
    "amount_not_positive": 422,
    "amount_out_of_range": 422,
    "invalid_input": 422,
    "unavailable": 503,
}


def _with_amount(amount):
    def defect(notification: dict) -> str:
        notification["lineitems"][0]["amount"] = amount
        return json.dumps(notification)
    return defect


def _without(*path: str | int):
    def defect(notification: dict) -> str:
        holder = notification
        for key in path[:-1]:
            holder = holder[key]
        del holder[path[-1]]
        return json.dumps(notification)
    return defect


def _with_unknown_fields(notification: dict) -> str:
    notification["campaignMood"] = "optimistic"
    notification["donor"]["favouriteColour"] = "teal"
    notification["lineitems"][0]["giftAid"] = {"eligible": True}
    return json.dumps(notification)


# "the processor sends Alex's $25.00 contribution with <defect>": a valid notification (B6), then
# the defect applied to it, giving the exact body sent.
MALFORMED_NOTIFICATIONS = {
    "no line items": lambda n: json.dumps({**n, "lineitems": []}),
    'an amount of "abc"': _with_amount("abc"),
    'an amount of "1.234"': _with_amount("1.234"),
    "an amount given as a number": _with_amount(25.0),
    'an amount of "-5.00"': _with_amount("-5.00"),
    'an amount of "0.00"': _with_amount("0.00"),
    'an amount of "1000000000000.00"': _with_amount("1000000000000.00"),
    "no donor first name": _without("donor", "firstname"),
    "no line item ID": _without("lineitems", 0, "lineitemId"),
    "a form post instead of a notification": lambda n: "donor=Alex&amount=25.00",
    "a body of 1 MB": lambda n: json.dumps({**n, "padding": "x" * 1_000_000}),
    "fields the platform does not know": _with_unknown_fields,
    "a cancellation without the time it was cancelled": lambda n: json.dumps(
        {**n, "contribution": {**n["contribution"], "status": "cancelled", "cancelledAt": None}}),
}

# "the call is <outcome>": a blocked call's reason code and the rule family that blocked it
# (campaign_platform/domain/dialing). "placed" is the one outcome that is not a block.
DIAL_OUTCOMES = {
    "blocked as outside calling hours": ("outside_calling_hours", "A1"),
    "blocked by the state's hours": ("outside_calling_hours", "A2"),
    "blocked as a no-call day": ("state_sunday", "A2"),
    "blocked as a no-call holiday": ("state_holiday", "A2"),
    "blocked as too many calls in 24 hours": ("frequency_cap", "A2"),
    "blocked as too many autodialed calls in 8 hours": ("frequency_cap", "A2"),
    "blocked as on the do-not-call list": ("do_not_call", "A3"),
    "blocked as on the national registry the organization honours": ("do_not_call", "A3.1"),
    "blocked as without consent": ("no_consent", "A4.1"),
    "blocked as without consent, a VoIP line being treated as wireless": ("no_consent", "A4.7"),
    "blocked as without consent, a toll-free number's owner paying for the call": ("no_consent", "A4.8"),
    "blocked as without consent, an unknown line being treated as wireless": ("no_consent", "A4.6"),
    "blocked as over the prerecorded-call limit": ("prerecorded_cap", "A4.4"),
    "blocked as the caller ID is not verified": ("caller_id_unverified", "A6.7"),
    "blocked as predictive dialing is paused": ("abandonment_pause", "A6.1"),
    "blocked as a reassigned number": ("reassigned_number", "A7.1"),
    "blocked as the reassigned-numbers database has no data": ("reassigned_no_data", "A7.3"),
}
