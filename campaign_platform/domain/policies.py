"""The numbers and lists the onboarding rules use, one place per fact."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class Throttle:
    max_failures: int
    window_seconds: int


# Log-ins: 5 failures per account within 15 minutes lock the account until the window ends.
LOGIN_THROTTLE = Throttle(max_failures=5, window_seconds=15 * 60)

EMAIL_VERIFICATION_TTL = timedelta(hours=48)
INVITATION_TTL = timedelta(days=7)
ACCESS_TOKEN_TTL_SECONDS = 15 * 60
ACCESS_TOKEN_ISSUER = "campaign-platform"

PASSWORD_MIN_LENGTH = 12
PASSWORD_MAX_LENGTH = 128  # also bounds the work argon2 and zxcvbn do per attempt
PASSWORD_MIN_SCORE = 3  # zxcvbn score, 0..4

NAME_MAX_LENGTH = 200  # people, organizations, campaigns, offices
TOKEN_MAX_LENGTH = 256  # one-time tokens as received (ours are 43 characters)

SLUG_PATTERN = re.compile(r"[a-z][a-z0-9-]{2,62}")  # matched in full
SLUG_RULE = "Use 3 to 63 characters: lower-case letters, digits and hyphens, starting with a letter."

US_STATE_CODES = frozenset(
    # the 50 states
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD "
    "MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC "
    "SD TN TX UT VT VA WA WV WI WY "
    # the District of Columbia and the territories that hold federal elections
    "DC AS GU MP PR VI".split()
)
