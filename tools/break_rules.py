"""Prove that no scenario cannot fail: break each rule in the platform, watch its scenario go red.

Each row below names a rule, the one-line change to the reference platform that breaks it, and
the scenario that must then fail. The script applies one change at a time, runs that scenario on
the embedded stack, and puts the platform back (always, even on Ctrl-C). It first checks that the
scenario is green on the untouched platform, so "red" means the rule, not the scenario, broke.

    .venv/bin/python tools/break_rules.py            # every row
    .venv/bin/python tools/break_rules.py throttle   # rows whose rule mentions "throttle"

Prints a table and exits non-zero if any broken rule left its scenario green.
"""
from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from support.summary import behave_counts  # noqa: E402  (the run's own summary reader)

BEHAVE = [str(ROOT / ".venv" / "bin" / "behave"), "--format", "progress", "--no-capture"]


@dataclass(frozen=True)
class Break:
    rule: str
    path: str
    old: str
    new: str
    feature: str
    scenario: str  # a regular expression for behave --name


ONBOARDING = "features/onboarding/"
BREAKS = [
    Break("an unverified owner cannot log in", "campaign_platform/api/onboarding.py",
          'if user["email_verified_at"] is None:', "if False:",
          ONBOARDING + "sign_up.feature", "cannot log in before verifying"),
    Break("sign-up sends the verification email", "campaign_platform/api/onboarding.py",
          "await services.mailer.send(owner.email, subject, text)", "pass",
          ONBOARDING + "sign_up.feature", "signs up and its owner logs in for the first time"),
    Break("a verification link works once", "campaign_platform/api/onboarding.py",
          'if verification["used_at"] is not None:', "if False:",
          ONBOARDING + "sign_up.feature", "verification link works only once"),
    Break("a verification link expires after 48 hours", "campaign_platform/domain/policies.py",
          "EMAIL_VERIFICATION_TTL = timedelta(hours=48)", "EMAIL_VERIFICATION_TTL = timedelta(hours=49)",
          ONBOARDING + "sign_up.feature", "valid for 48 hours -- @1.2"),
    Break("one account per email address", "campaign_platform/store/migrations/001_onboarding.sql",
          "CREATE UNIQUE INDEX users_email_key", "CREATE INDEX users_email_key",
          ONBOARDING + "sign_up.feature", "belongs to one account only"),
    Break("one campaign per web address", "campaign_platform/store/migrations/001_onboarding.sql",
          "CONSTRAINT campaigns_slug_key UNIQUE,", ",",
          ONBOARDING + "sign_up.feature", "cannot share a web address"),
    Break("sign-up is one transaction", "campaign_platform/api/onboarding.py",
          "user_id = await onboarding.insert_user(conn, owner.email, owner.full_name, password_hash, None)",
          "async with db.transaction(services.pool) as own: user_id = await onboarding.insert_user("
          "own, owner.email, owner.full_name, password_hash, None)",
          ONBOARDING + "sign_up.feature", "cannot share a web address"),
    Break("passwords have at least 12 characters", "campaign_platform/domain/policies.py",
          "PASSWORD_MIN_LENGTH = 12", "PASSWORD_MIN_LENGTH = 8",
          ONBOARDING + "sign_up.feature", "Weak passwords .* -- @1.1"),
    Break("passwords have at most 128 characters", "campaign_platform/domain/policies.py",
          "PASSWORD_MAX_LENGTH = 128", "PASSWORD_MAX_LENGTH = 1024",
          ONBOARDING + "sign_up.feature", "Weak passwords .* -- @1.5"),
    Break("passwords must be hard to guess", "campaign_platform/domain/policies.py",
          "PASSWORD_MIN_SCORE = 3", "PASSWORD_MIN_SCORE = 0",
          ONBOARDING + "sign_up.feature", "Weak passwords .* -- @1.2"),
    Break("an election date in the past is refused", "campaign_platform/api/onboarding.py",
          "if campaign.election_date < now.date():", "if False:",
          ONBOARDING + "sign_up.feature", "details are checked.* -- @1.2"),
    Break("a refused log-in does not reveal accounts", "campaign_platform/api/onboarding.py",
          '    password_hash = user["password_hash"] if user else None',
          '    if user is None:\n'
          '        raise ApiError(401, "invalid_credentials", "No account uses this address.")\n'
          '    password_hash = user["password_hash"]',
          ONBOARDING + "log_in_throttling.feature", "does not say whether the address has an account"),
    Break("the account locks after 5 failures", "campaign_platform/domain/policies.py",
          "max_failures=5", "max_failures=6",
          ONBOARDING + "log_in_throttling.feature", "locks after the fifth wrong password -- @1.2"),
    Break("the account does not lock before 5 failures", "campaign_platform/domain/policies.py",
          "max_failures=5", "max_failures=4",
          ONBOARDING + "log_in_throttling.feature", "locks after the fifth wrong password -- @1.1"),
    Break("the lock is per account", "campaign_platform/store/cache.py",
          'return "cp:login-failures:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()',
          'return "cp:login-failures:everyone"',
          ONBOARDING + "log_in_throttling.feature", "does not lock out a teammate"),
    Break("a success clears only the account's own failures", "campaign_platform/api/onboarding.py",
          "await cache.clear_login_failures(services.redis, body.email)", "pass",
          ONBOARDING + "log_in_throttling.feature", "clears the account's failed attempts"),
    Break("a viewer cannot invite", "campaign_platform/domain/permissions.py",
          '("invite_members",    Y,    Y,      N,      N,     N,',
          '("invite_members",    Y,    Y,      N,      N,     Y,',
          ONBOARDING + "team_and_roles.feature", "with the viewer role may"),
    Break("finance cannot edit the campaign", "campaign_platform/domain/permissions.py",
          '("edit_campaign",     Y,    Y,      N,      N,     N,',
          '("edit_campaign",     Y,    Y,      Y,      N,     N,',
          ONBOARDING + "team_and_roles.feature", "with the finance role may"),
    Break("a manager may name the compliance contact", "campaign_platform/domain/permissions.py",
          '("manage_compliance", Y,    Y,      N,      N,     N,',
          '("manage_compliance", Y,    N,      N,      N,     N,',
          ONBOARDING + "team_and_roles.feature", "with the manager role may"),
    Break("only an owner grants ownership", "campaign_platform/domain/permissions.py",
          '"manager": frozenset({"manager", "finance", "caller", "viewer"}),',
          '"manager": frozenset({"owner", "manager", "finance", "caller", "viewer"}),',
          ONBOARDING + "team_and_roles.feature", "Only an owner can make someone an owner -- @1.2"),
    Break("an invitation names one of the five roles", "campaign_platform/api/campaigns.py",
          "if value not in permissions.ROLES:", "if False:",
          ONBOARDING + "team_and_roles.feature", "makes no sense.* -- @1.1"),
    Break("a refused acceptance writes nothing", "campaign_platform/api/campaigns.py",
          "        invitation, _ = await _open_invitation(conn, token_hash, test_mode)\n",
          "        invitation, _ = await _open_invitation(conn, token_hash, test_mode)\n"
          '        await onboarding.mark_invitation_accepted(conn, invitation["id"], None, _)\n',
          ONBOARDING + "team_and_roles.feature", "can try again with the same link"),
    Break("an invitation works once", "campaign_platform/api/campaigns.py",
          'if invitation["accepted_at"] is not None:', "if False:",
          ONBOARDING + "team_and_roles.feature", "invitation link works only once"),
    Break("an invitation expires after 7 days", "campaign_platform/domain/policies.py",
          "INVITATION_TTL = timedelta(days=7)", "INVITATION_TTL = timedelta(days=8)",
          ONBOARDING + "team_and_roles.feature", "valid for 7 days -- @1.2"),
    Break("no dialing without a compliance contact", "campaign_platform/domain/checklist.py",
          "lambda f: f.has_compliance_contact", "lambda f: True",
          ONBOARDING + "ready_to_dial.feature", "A new campaign is not ready to dial"),
    Break("the platform is unavailable without its cache", "campaign_platform/api/health.py",
          'ok = postgres["ok"] and redis["ok"]', 'ok = postgres["ok"]',
          ONBOARDING + "platform_readiness.feature", "while its cache does not answer"),
    Break("the platform is unavailable without its database", "campaign_platform/api/health.py",
          'ok = postgres["ok"] and redis["ok"]', 'ok = redis["ok"]',
          ONBOARDING + "platform_readiness.feature", "while its database does not answer"),
]


def run_scenario(item: Break) -> tuple[bool, float]:
    """Green means: behave passed, at least one scenario ran, and none failed."""
    started = time.monotonic()
    done = subprocess.run([*BEHAVE, "--name", item.scenario, item.feature], cwd=ROOT,
                          capture_output=True, text=True)
    counts = behave_counts(done.stdout)
    passed = done.returncode == 0 and counts is not None and counts[0] > 0 and counts[1] == 0
    return passed, time.monotonic() - started


def prove(item: Break) -> str:
    path = ROOT / item.path
    original = path.read_text()
    if original.count(item.old) != 1:
        return f"CANNOT BREAK (the text to change appears {original.count(item.old)} times)"
    green, _ = run_scenario(item)
    if not green:
        return "NOT GREEN on the untouched platform"
    try:
        path.write_text(original.replace(item.old, item.new))
        still_green, took = run_scenario(item)
    finally:
        path.write_text(original)
    return "STILL GREEN: the scenario cannot see this rule" if still_green else f"red ({took:.1f} s)"


def main(argv: list[str]) -> int:
    chosen = [b for b in BREAKS if not argv or any(word in b.rule for word in argv)]
    failures = 0
    print(f"{'rule broken':52} {'scenario':58} result")
    for item in chosen:
        result = prove(item)
        failures += not result.startswith("red")
        print(f"{item.rule:52} {item.scenario[:58]:58} {result}", flush=True)
    print(f"\n{len(chosen) - failures} of {len(chosen)} broken rules turned their scenario red")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
