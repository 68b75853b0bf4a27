"""Prove that no scenario cannot fail: break each rule in the platform, watch its scenario go red.

Each row below names a rule, the one-line change to the reference platform that breaks it, and
the scenario that must then fail. For each row the script makes a throwaway copy of the
repository (the files git tracks or would track, as they are in the working tree, with .venv
linked), checks that the scenario is green there, applies the change to the copy, runs the
scenario again on the embedded stack and deletes the copy. The working tree is never written to,
so a Ctrl-C or a kill leaves nothing to put back. "Green first" means "red" is the rule's doing,
not the scenario's.

    .venv/bin/python tools/break_rules.py            # every row
    .venv/bin/python tools/break_rules.py throttle   # rows whose rule mentions "throttle"
    .venv/bin/python tools/break_rules.py features/donations/   # rows of one workflow
    .venv/bin/python tools/break_rules.py --jobs 2 features/isolation/   # two rows at a time

Prints a table and exits non-zero if any broken rule left its scenario green.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from support.stack import MIGRATION_CODE, MIGRATIONS_DIR  # noqa: E402  (what keys the cluster cache)
from support.summary import behave_counts  # noqa: E402  (the run's own summary reader)

BEHAVE = [".venv/bin/behave", "--format", "progress", "--no-capture"]  # run in the copy
COPY_PREFIX = "break-rules-"
# Files a cached migrated cluster is made from (support/stack.py, cluster_key): a row that edits
# one gets a cluster of its own, built in its copy and gone with it.
CLUSTER_INPUTS = (MIGRATIONS_DIR.relative_to(ROOT).as_posix() + "/",
                  MIGRATION_CODE.relative_to(ROOT).as_posix())


@dataclass(frozen=True)
class Break:
    rule: str
    path: str
    old: str
    new: str
    feature: str
    scenario: str  # a regular expression for behave --name
    also: tuple[tuple[str, str, str], ...] = ()  # more (path, old, new) edits, for a rule guarded twice


ONBOARDING = "features/onboarding/"
DONATIONS = "features/donations/"
DIALING = "features/dialing/"
ISOLATION = "features/isolation/"
OPERATIONS = "features/operations/resilience.feature"
VOTER_SYNC = "features/voter_sync/"
BREAKS = [
    Break("an unverified owner cannot log in", "campaign_platform/api/onboarding.py",
          'if user["email_verified_at"] is None:', "if False:",
          ONBOARDING + "sign_up.feature", "cannot log in before verifying"),
    Break("sign-up sends the verification email", "campaign_platform/workflows/onboarding.py",
          "await services.mailer.send(owner.email, subject, text)", "pass",
          ONBOARDING + "sign_up.feature", "signs up and its owner logs in for the first time"),
    Break("a verification link works once", "campaign_platform/api/onboarding.py",
          'if verification["used_at"] is not None:', "if False:",
          ONBOARDING + "sign_up.feature", "verification link works only once"),
    Break("a verification link expires after 48 hours", "campaign_platform/domain/policies.py",
          "EMAIL_VERIFICATION_TTL = timedelta(hours=48)", "EMAIL_VERIFICATION_TTL = timedelta(hours=49)",
          ONBOARDING + "sign_up.feature", "valid for 48 hours -- @2.1"),
    Break("one account per email address", "campaign_platform/store/migrations/001_onboarding.sql",
          "CREATE UNIQUE INDEX users_email_key", "CREATE INDEX users_email_key",
          ONBOARDING + "sign_up.feature", "belongs to one account only"),
    Break("one campaign per web address", "campaign_platform/store/migrations/001_onboarding.sql",
          "CONSTRAINT campaigns_slug_key UNIQUE,", ",",
          ONBOARDING + "sign_up.feature", "cannot share a web address"),
    Break("sign-up is one transaction", "campaign_platform/workflows/onboarding.py",
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
    Break("an election date in the past is refused", "campaign_platform/workflows/onboarding.py",
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
          ONBOARDING + "log_in_throttling.feature", "locks after the fifth wrong password -- @2.1"),
    Break("the account does not lock before 5 failures", "campaign_platform/domain/policies.py",
          "max_failures=5", "max_failures=4",
          ONBOARDING + "log_in_throttling.feature", "locks after the fifth wrong password -- @1.1"),
    Break("O8: a session ends at 15 minutes", "campaign_platform/domain/policies.py",
          "ACCESS_TOKEN_TTL_SECONDS = 15 * 60", "ACCESS_TOKEN_TTL_SECONDS = 15 * 60 + 1",
          ONBOARDING + "sessions.feature", "^15 minutes after logging in"),
    Break("O8: a session ends at 15 minutes exactly", "campaign_platform/domain/tokens.py",
          "now.timestamp() < self.expires_at", "now.timestamp() <= self.expires_at",
          ONBOARDING + "sessions.feature", "^15 minutes after logging in"),
    Break("O8: a session serves until its 15 minutes are up", "campaign_platform/domain/policies.py",
          "ACCESS_TOKEN_TTL_SECONDS = 15 * 60", "ACCESS_TOKEN_TTL_SECONDS = 15 * 60 - 1",
          ONBOARDING + "sessions.feature", "^14 minutes 59 seconds after logging in"),
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
          ONBOARDING + "team_and_roles.feature", "Only an owner can make someone an owner -- @2.1"),
    Break("an invitation names one of the five roles", "campaign_platform/api/inputs.py",
          "if value not in permissions.ROLES:", "if False:",
          ONBOARDING + "team_and_roles.feature", "makes no sense.* -- @1.1"),
    Break("a refused acceptance writes nothing", "campaign_platform/workflows/invitations.py",
          "        invitation, _ = await _open_invitation(conn, token_hash, test_mode)\n",
          "        invitation, _ = await _open_invitation(conn, token_hash, test_mode)\n"
          '        await onboarding.mark_invitation_accepted(conn, invitation["id"], None, _)\n',
          ONBOARDING + "team_and_roles.feature", "can try again with the same link"),
    Break("an invitation works once", "campaign_platform/workflows/invitations.py",
          'if invitation["accepted_at"] is not None:', "if False:",
          ONBOARDING + "team_and_roles.feature", "invitation link works only once"),
    Break("an invitation expires after 7 days", "campaign_platform/domain/policies.py",
          "INVITATION_TTL = timedelta(days=7)", "INVITATION_TTL = timedelta(days=8)",
          ONBOARDING + "team_and_roles.feature", "valid for 7 days -- @2.1"),
    Break("no dialing without a compliance contact", "campaign_platform/domain/checklist.py",
          "lambda f: f.has_compliance_contact", "lambda f: True",
          ONBOARDING + "ready_to_dial.feature", "A new campaign is not ready to dial"),
    Break("the platform is unavailable without its cache", "campaign_platform/api/health.py",
          'ok = postgres["ok"] and redis["ok"]', 'ok = postgres["ok"]',
          ONBOARDING + "platform_readiness.feature", "while its cache does not answer"),
    Break("the platform is unavailable without its database", "campaign_platform/api/health.py",
          'ok = postgres["ok"] and redis["ok"]', 'ok = redis["ok"]',
          ONBOARDING + "platform_readiness.feature", "while its database does not answer"),
    # -- donations (issue 3) ---------------------------------------------------------------------
    Break("B4: a line item is recorded once (both guards)",
          "campaign_platform/store/migrations/002_donations.sql",
          "CONSTRAINT contributions_lineitem_key UNIQUE (campaign_id, lineitem_id)",
          "CONSTRAINT contributions_lineitem_key UNIQUE (campaign_id, lineitem_id, received_at)",
          DONATIONS + "recording.feature", "delivers twice is recorded once",
          also=(("campaign_platform/store/donations.py",
                 "    WHERE NOT EXISTS (SELECT 1 FROM existing)\n", ""),)),
    Break("B2: the webhook password is checked", "campaign_platform/domain/hook_credentials.py",
          'return "current" if current_ok else', 'return "current" if True else',
          DONATIONS + "recording.feature", "wrong password is refused"),
    Break("B4: answer 'unavailable' while the database is down", "campaign_platform/api/hooks.py",
          "DATABASE_DEADLINE_SECONDS = 3.0", "DATABASE_DEADLINE_SECONDS = 30.0",
          DONATIONS + "recording.feature", "while the database is down"),
    Break("totals: the cache follows every commit", "campaign_platform/workflows/ingest.py",
          "    if recorded.changes:\n        await _update_totals(", "    if False:\n        await _update_totals(",
          DONATIONS + "recording.feature", "first contribution is recorded"),
    Break("totals: the live event is published", "campaign_platform/store/totals.py",
          "redis.call('PUBLISH', ARGV[2],", "local _ = (ARGV[2] ..",
          DONATIONS + "recording.feature", "first contribution is recorded",
          also=(("campaign_platform/store/totals.py",
                 'pipe.publish(channel(campaign_id), json.dumps({**event, "totals": totals}))',
                 "pass"),)),
    Break("totals: rebuilt from the records when lost", "campaign_platform/workflows/ingest.py",
          "    if current is None:\n        current = await rebuild_totals(services, campaign_id, force=False)\n    return current",
          "    if current is None:\n        current = dict.fromkeys(totals.FIELDS, 0)\n    return current",
          DONATIONS + "live_dashboard.feature", "rebuilt from the records"),
    Break("refunds: a refund nets the total", "campaign_platform/store/totals.py",
          "return (0, self.amount_cents, -self.amount_cents, 0)",
          "return (0, self.amount_cents, self.amount_cents, 0)",
          DONATIONS + "refunds.feature", "marks the contribution refunded and nets the total"),
    Break("refunds: a refund is netted once", "campaign_platform/store/donations.py",
          "FROM target WHERE c.id = target.id AND target.refunded_at IS NULL",
          "FROM target WHERE c.id = target.id",
          DONATIONS + "refunds.feature", "refund delivered twice is netted once"),
    Break("refunds: a refund before its contribution is kept", "campaign_platform/workflows/ingest.py",
          "if refund_at is not None:  # the refund came first", "if False:  # the refund came first",
          DONATIONS + "refunds.feature", "arrives before its contribution"),
    Break("C1: $3,500 per election in 2025-2026", "campaign_platform/store/migrations/002_donations.sql",
          "(2026, 350000,", "(2026, 350001,",
          DONATIONS + "contribution_limits.feature", "counts toward the primary.* -- @2.1"),
    Break("C1: the limit itself is allowed", "campaign_platform/domain/fec.py",
          "election_net_cents - limit_cents))", "election_net_cents - limit_cents + 1))",
          DONATIONS + "contribution_limits.feature", "counts toward the general.* -- @1.2"),
    Break("C1: the 2024 cycle's limit is $3,300", "campaign_platform/store/migrations/002_donations.sql",
          "(2024, 330000,", "(2024, 350000,",
          DONATIONS + "contribution_limits.feature", "election's cycle.* -- @2.1"),
    Break("C2: primary-day gifts count toward the primary", "campaign_platform/domain/fec.py",
          "paid_on <= elections.primary", "paid_on < elections.primary",
          DONATIONS + "contribution_limits.feature", "counts toward the primary.* -- @2.2"),
    Break("C2: the general has its own limit", "campaign_platform/domain/fec.py",
          'return Election("general", elections.general)', 'return Election("primary", elections.general)',
          DONATIONS + "contribution_limits.feature", "general election has its own.* -- @1.1"),
    Break("C12: 60 days to remedy an excess", "campaign_platform/domain/fec.py",
          '"C12", 60,', '"C12", 61,',
          DONATIONS + "contribution_limits.feature", "counts toward the primary.* -- @2.1"),
    Break("C12: refunding the excess resolves it", "campaign_platform/domain/fec.py",
          'RESOLVED_BY_REFUND = frozenset({"excessive", "questionable", "over_platform_limit"})',
          'RESOLVED_BY_REFUND = frozenset({"questionable", "over_platform_limit"})',
          DONATIONS + "contribution_limits.feature", "closes its flag"),
    Break("C3: gifts of an earlier cycle do not count", "campaign_platform/workflows/ingest.py",
          "cycle=fec.cycle_for(paid_on, context.elections.general, context.office).key,",
          "cycle=fec.cycle_for(context.elections.general, context.elections.general, context.office).key,",
          DONATIONS + "election_cycle.feature", "For a House seat.* -- @1.1"),
    Break("C3: a cycle begins the day after the previous general election", "campaign_platform/domain/fec.py",
          "if _general_in(general, year) < paid_on:", "if _general_in(general, year) <= paid_on:",
          DONATIONS + "election_cycle.feature", "For a House seat.* -- @1.1"),
    Break("C3: a House seat's cycle is two years", "campaign_platform/domain/fec.py",
          '"us house": 2,', '"us house": 6,',
          DONATIONS + "election_cycle.feature", "For a House seat.* -- @1.1"),
    Break("C3: a Senate seat's cycle is six years", "campaign_platform/domain/fec.py",
          '"us senate": 6,', '"us senate": 2,',
          DONATIONS + "election_cycle.feature", "For a Senate seat.* -- @2.1"),
    Break("C4: itemize over $200, not at $200", "campaign_platform/domain/fec.py",
          "return cycle_net_cents > ITEMIZATION_THRESHOLD_CENTS",
          "return cycle_net_cents >= ITEMIZATION_THRESHOLD_CENTS",
          DONATIONS + "itemization.feature", "gave \\$150.00 .* -- @1.1"),
    Break("C7: ask when either employer or occupation is missing", "campaign_platform/domain/fec.py",
          "return not (employer and occupation)", "return not (employer or occupation)",
          DONATIONS + "itemization.feature", "did not say an occupation"),
    Break("C7: ask within 30 days", "campaign_platform/domain/fec.py",
          '"C7",  30,', '"C7",  31,',
          DONATIONS + "itemization.feature", "gave \\$150.00 .* -- @2.1"),
    Break("C7: one request for each gift that lacks them", "campaign_platform/store/migrations/005_revocation.sql",
          "CREATE UNIQUE INDEX donation_flags_best_efforts_key ON donation_flags (contribution_id)",
          "CREATE UNIQUE INDEX donation_flags_best_efforts_key ON donation_flags (campaign_id, donor_id, cycle)",
          DONATIONS + "itemization.feature", "Each gift that lacks the employer and occupation"),
    Break("C7: when the request went is recorded", "campaign_platform/workflows/ingest.py",
          "            await donations.mark_follow_up_sent(conn, follow_up.flag_id, now)", "            pass",
          DONATIONS + "itemization.feature", "Day 30 after a gift .* who gave an email address"),
    Break("C7: a request not sent by day 30 is late", "campaign_platform/domain/fec.py",
          '        return sent_on > due\n    return status == "open" and today > due',
          '        return sent_on > due\n    return status == "open" and today > due + timedelta(days=1)',
          DONATIONS + "itemization.feature", "Day 31 after a gift .* who gave no email address"),
    Break("B8: money taken over the platform's limit is flagged for review", "campaign_platform/workflows/ingest.py",
          "    if money.needs_review(item.amount_cents):", "    if False:",
          DONATIONS + "malformed_notifications.feature", "already took is recorded: flagged"),
    Break("B8: a review over the platform's limit is due within 10 days", "campaign_platform/domain/fec.py",
          '"B8",  10,', '"B8",  11,',
          DONATIONS + "malformed_notifications.feature", "already took is recorded: flagged"),
    Break("C11: a questionable contribution's review is late from day 11", "campaign_platform/domain/fec.py",
          '        return status == "open" and today > due\n    if sent_on',
          '        return status == "open" and today >= due + timedelta(days=1) and False\n    if sent_on',
          DONATIONS + "itemization.feature", "its review is late"),
    Break("A5.1: a stop sign alone is a revocation", "campaign_platform/domain/dialing/opt_out.py",
          "        if symbols and symbols <= _SYMBOLS | {", "        if symbols and symbols is _SYMBOLS | {",
          DIALING + "opt_out.feature", "replies \"🛑\""),
    Break("D1: only v1 signatures count", "campaign_platform/domain/carrier_signature.py",
          '        elif key == "v1":', '        elif key >= "v1":',
          DIALING + "carrier_callbacks.feature", "signed only in a scheme the platform does not know"),
    Break("B8: money taken over the platform's limit is recorded", "campaign_platform/domain/money.py",
          "if amount >= Decimal(10) ** MAX_WHOLE_DIGITS:", "if amount * 100 > REVIEW_ABOVE_CENTS:",
          DONATIONS + "malformed_notifications.feature", "already took is recorded: flagged"),
    Break("C10/C11: a foreign address is reviewed", "campaign_platform/domain/fec.py",
          'DOMESTIC_COUNTRIES = frozenset({"US",', 'DOMESTIC_COUNTRIES = frozenset({"CA", "US",',
          DONATIONS + "itemization.feature", "address in CA"),
    Break("B6: an amount must be more than zero", "campaign_platform/domain/money.py",
          "if amount <= 0:", "if amount < 0:",
          DONATIONS + "malformed_notifications.feature", 'amount of "0.00"'),
    Break("B6: a notification is at most 64 KiB", "campaign_platform/api/hooks.py",
          "MAX_BODY_BYTES = 64 * 1024", "MAX_BODY_BYTES = 4096 * 1024",
          DONATIONS + "malformed_notifications.feature", "a body of 1 MB",
          also=(("campaign_platform/settings.py",  # guarded twice: the edge's limit on every route
                 "max_body_bytes: int = 64 * 1024", "max_body_bytes: int = 4096 * 1024"),)),
    Break("B2: the old password works for 24 hours only", "campaign_platform/domain/hook_credentials.py",
          "ROTATION_GRACE = timedelta(hours=24)", "ROTATION_GRACE = timedelta(hours=25)",
          DONATIONS + "webhook_credentials.feature", "after a rotation.* -- @2.1"),
    Break("B5: reconciliation backfills what is missing", "campaign_platform/workflows/reconciliation.py",
          "if await _backfill(services, background, context, row, ingest.RECORDED):", "if False:",
          DONATIONS + "reconciliation.feature", "backfills a contribution whose webhook was lost"),
    Break("B5: reconciliation records nothing already recorded again",
          "campaign_platform/workflows/reconciliation.py",
          "ours = known.get(row.lineitem_id)\n        if ours is None:\n            if await _backfill(",
          "ours = None\n        if ours is None:\n            if await _backfill(",
          DONATIONS + "reconciliation.feature", "records nothing again that the webhooks already recorded",
          also=(("campaign_platform/store/migrations/002_donations.sql",
                 "CONSTRAINT contributions_lineitem_key UNIQUE (campaign_id, lineitem_id)",
                 "CONSTRAINT contributions_lineitem_key UNIQUE (campaign_id, lineitem_id, received_at)"),
                ("campaign_platform/store/donations.py",
                 "    WHERE NOT EXISTS (SELECT 1 FROM existing)\n", ""))),
    Break("B7: reconciliation retries a processor that is down", "campaign_platform/workflows/reconciliation.py",
          "MAX_ATTEMPTS = 4", "MAX_ATTEMPTS = 1",
          DONATIONS + "reconciliation.feature", "while the processor is down"),
    Break("only the money team watches the dashboard", "campaign_platform/api/live.py",
          '"view_donations", totals.channel', '"view_campaign", totals.channel',
          DONATIONS + "live_dashboard.feature", "with the caller role"),
    # -- dialing (issue 4) -----------------------------------------------------------------------
    Break("A1.1: no calls from 9:00 pm", "campaign_platform/domain/dialing/data/state_rules.yaml",
          '  weekday: {start: "08:00", end: "21:00"}', '  weekday: {start: "08:00", end: "21:01"}',
          DIALING + "calling_hours.feature", "9:00 pm on a Tuesday"),
    Break("A1.4: a split-zone number must be callable in every zone", "campaign_platform/domain/dialing/windows.py",
          "for zone in zones]", "for zone in zones[:1]]",
          DIALING + "calling_hours.feature", "850, no address known, at 7:00 pm"),
    Break("A2: Florida ends at 8 pm", "campaign_platform/domain/dialing/data/state_rules.yaml",
          '    name: Florida\n    source: Fla. Stat. §501.616(6)(a),(b) as amended 2021\n    weekday: {start: "08:00", end: "20:00"}',
          '    name: Florida\n    source: Fla. Stat. §501.616(6)(a),(b) as amended 2021\n    weekday: {start: "08:00", end: "21:00"}',
          DIALING + "state_rules.feature", "Florida: a call at 8:00 pm"),
    Break("A2: no calls on Sundays in Louisiana", "campaign_platform/domain/dialing/data/state_rules.yaml",
          '    saturday: {start: "08:00", end: "20:00"}\n    sunday: null\n    holidays: true\n  AL:',
          '    saturday: {start: "08:00", end: "20:00"}\n    sunday: {start: "08:00", end: "20:00"}\n    holidays: true\n  AL:',
          DIALING + "state_rules.feature", "Louisiana: a call at 10:00 am on a Sunday"),
    Break("A3: the do-not-call list is checked", "campaign_platform/domain/dialing/rules.py",
          "    for entry in facts.do_not_call:", "    for entry in ():",
          DIALING + "do_not_call.feature", "campaign's do-not-call list is not called"),
    Break("A3.2: a do-not-call entry blocks its own number only", "campaign_platform/store/dialing.py",
          "WHERE d.organization_id = c.organization_id AND d.e164 = ct.e164",
          "WHERE d.organization_id = c.organization_id",
          DIALING + "do_not_call.feature", "not on the do-not-call list is called"),
    Break("A2: Maine's cap counts autodialed calls only", "campaign_platform/domain/dialing/rules.py",
          'modes = AUTODIALED if cap.counts == "autodialed" else MODES', "modes = MODES",
          DIALING + "state_rules.feature", "after one predictive call, a manual call is placed"),
    Break("A2: Maine allows one autodialed call in 8 hours",
          "campaign_platform/domain/dialing/data/state_rules.yaml",
          "frequency_cap: {calls: 1, hours: 8, counts: autodialed}",
          "frequency_cap: {calls: 2, hours: 8, counts: autodialed}",
          DIALING + "state_rules.feature", "after one predictive call, a predictive call is blocked"),
    Break("A2: the caller is told the state's cap", "campaign_platform/domain/dialing/rules.py",
          'calls = "call" if cap.calls == 1 else "calls"', 'calls = "calls"',
          DIALING + "state_rules.feature", "blocked by Maine's cap is told"),
    Break("A4.1: the caller is told which kind of call needs consent",
          "campaign_platform/domain/dialing/rules.py",
          'kind = "A prerecorded" if request.mode == "prerecorded" else "An autodialed"',
          'kind = "An autodialed"',
          DIALING + "consent.feature", "told why: a prerecorded call"),
    Break("A3.4: a request made on February 29 is honoured through March 1",
          "campaign_platform/domain/dialing/rules.py",
          "return moment.replace(year=moment.year + years, month=3, day=1)",
          "return moment.replace(year=moment.year + years, month=2, day=28)",
          DIALING + "do_not_call.feature", "February 29, 2028, on March 1, 2033"),
    Break("A2: a Saturday holiday is observed the Friday before, across the new year",
          "campaign_platform/domain/dialing/windows.py",
          "for year in (day.year, day.year + 1):", "for year in (day.year,):",
          DIALING + "state_rules.feature", "Alabama: a call at 10:00 am on December 31, 2027"),
    Break("A1.1: the caller is told the hours that apply", "campaign_platform/domain/dialing/windows.py",
          'return f"{moment.hour % 12 or 12}:', 'return f"{moment.hour}:',
          DIALING + "calling_hours.feature", "told the hours that apply where Sam lives, in Miami"),
    Break("A1.3: a ZIP code of another state than the address's does not decide the zone",
          "campaign_platform/domain/dialing/windows.py",
          "if entry is not None and entry[0] == state:", "if entry is not None:",
          DIALING + "calling_hours.feature", "Sam lives in Austin, with a Los Angeles ZIP code"),
    Break("A1.3: the address's ZIP code pins the time zone within its state",
          "campaign_platform/domain/dialing/windows.py",
          'if len(matches) != 1 or not _is_zone(matches[0].get("timezone") or ""):', "if True:",
          DIALING + "calling_hours.feature", "Sam lives in Austin: a call at 9:30 am"),
    Break("A1.5: only Florida's rules follow its area codes", "campaign_platform/domain/dialing/windows.py",
          '"frequency_cap": None, "area_code_presumption": False}',
          '"frequency_cap": None, "area_code_presumption": True}',
          DIALING + "calling_hours.feature", "Texas number of someone living in Los Angeles"),
    Break("A6.1: predictive dialing pauses at 3%, not below", "campaign_platform/domain/dialing/rules.py",
          "abandonment_limit: Fraction = Fraction(3, 100)", "abandonment_limit: Fraction = Fraction(3, 101)",
          DIALING + "abandonment.feature", "3 of 101 answered calls abandoned"),
    Break("A1.3: a ZIP code the postal list does not know leaves the state's zones",
          "campaign_platform/domain/dialing/windows.py",
          'if len(matches) != 1 or not _is_zone(matches[0].get("timezone") or ""):',
          'if len(matches) > 1 or not _is_zone(matches[0].get("timezone") or ""):',
          DIALING + "calling_hours.feature", "Columbus, with a ZIP code no post office knows"),
    Break("C3: an odd year's election belongs to the cycle that ends the year after",
          "campaign_platform/domain/fec.py",
          "return election_on.year + election_on.year % 2", "return election_on.year - election_on.year % 2",
          DONATIONS + "contribution_limits.feature", "November 4, 2025 has the 2026 cycle's limit: .3,500.00"),
    Break("I3: no API key carries the owner role", "campaign_platform/domain/permissions.py",
          'return granted_role != "owner" and may_grant(role, granted_role)',
          "return may_grant(role, granted_role)",
          ISOLATION + "api_keys.feature", "No API key carries the owner role"),
    Break("C10: an address with no country given is not foreign", "campaign_platform/domain/fec.py",
          "if country is None or not country.strip():", "if country is not None and not country.strip():",
          DONATIONS + "itemization.feature", "no country given is not flagged"),
    Break("A4.1: consent for autodialed calls to wireless numbers", "campaign_platform/domain/dialing/rules.py",
          "if request.mode not in AUTODIALED or facts.line_type == LANDLINE or facts.consent:",
          "if True:",
          DIALING + "consent.feature", "predictive call to a wireless phone without consent"),
    Break("A6.7: only a verified caller ID", "campaign_platform/domain/dialing/rules.py",
          "    if facts.caller_id_verified:\n        return None", "    if True:\n        return None",
          DIALING + "caller_id.feature", "never verified is blocked"),
    Break("A6.1: predictive dialing pauses at 3% abandoned", "campaign_platform/domain/dialing/rules.py",
          "abandonment_limit: Fraction = Fraction(3, 100)", "abandonment_limit: Fraction = Fraction(31, 1000)",
          DIALING + "abandonment.feature", "3 of 100 answered calls abandoned \\(3.0%\\), a predictive"),
    Break("A5.2: STOP opts out", "campaign_platform/domain/dialing/data/replies.yaml",
          "  opt_out: [stop, quit,", "  opt_out: [quit,",
          DIALING + "opt_out.feature", 'replies "STOP": opted out',
          also=(("campaign_platform/domain/dialing/data/replies.yaml",
                 "revocation_words: [stop, stopall,", "revocation_words: [stopall,"),)),
    Break("A5.3: a keyword with punctuation and spaces around it opts out",
          "campaign_platform/domain/dialing/opt_out.py",
          '    plain = re.sub(r"[^\\w\\s]|_", " ", plain)\n', "",
          DIALING + "opt_out.feature", 'replies "Stop\\.": opted out'),
    Break("A5.1: a stop word with polite words is a revocation", "campaign_platform/domain/dialing/opt_out.py",
          "tokens <= _REVOCATION_WORDS | _POLITE_WORDS", "tokens <= _REVOCATION_WORDS",
          DIALING + "opt_out.feature", 'replies "stop please": opted out'),
    Break("A5.1: free text that says stop is a revocation", "campaign_platform/domain/dialing/opt_out.py",
          "    if any(p.search(words) for p in _REVOCATION):", "    if False:",
          DIALING + "opt_out.feature", 'replies "Remove me from your list": opted out'),
    Break("A5.1: an unclear reply waits for a person", "campaign_platform/domain/dialing/opt_out.py",
          'return Reading(REVIEW, "unclear phrase")', 'return Reading(None, "unclear phrase")',
          DIALING + "opt_out.feature", "cannot read with confidence.* -- @1.1"),
    Break("A5.1: a reply resolved as an opt-out opts the number out at once",
          "campaign_platform/workflows/reply_review.py",
          "if resolution == OPT_OUT:  # the same path as a STOP", "if False:  # the same path as a STOP",
          DIALING + "opt_out.feature", "resolves Sam's unclear reply as an opt-out"),
    Break("A5.1: a reply is resolved once", "campaign_platform/workflows/reply_review.py",
          "        if reply[\"resolution\"] is not None:\n            raise already_resolved(reply)\n", "",
          DIALING + "opt_out.feature", "A reply is resolved once"),
    Break("A5.1: a caller does not resolve replies", "campaign_platform/domain/permissions.py",
          '("review_replies",    Y,    Y,      N,      N,', '("review_replies",    Y,    Y,      N,      Y,',
          DIALING + "opt_out.feature", "A caller cannot resolve a reply"),
    Break("pacing: the live-call limit holds", "campaign_platform/store/pacing.py",
          "if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return {0, 'concurrency'} end",
          "",
          DIALING + "pacing.feature", "cannot exceed the limit"),
    Break("D1: the callback signature is checked", "campaign_platform/domain/carrier_signature.py",
          '            matched |= hmac.compare_digest(want, candidate.encode("ascii", "replace"))',
          "            matched = True",
          DIALING + "carrier_callbacks.feature", "signed with the wrong secret"),
    Break("D2: callbacks older than 300 s are refused", "campaign_platform/domain/carrier_signature.py",
          "    if abs(now - timestamp) > tolerance:", "    if now - timestamp < -tolerance:",
          DIALING + "carrier_callbacks.feature", "301 seconds before it arrived"),
    Break("D2: a report signed within 300 s after it arrived is accepted",
          "campaign_platform/domain/carrier_signature.py",
          "    if abs(now - timestamp) > tolerance:", "    if abs(now % timestamp) > tolerance:",
          DIALING + "carrier_callbacks.feature", "signed 200 seconds after it arrived"),
    Break("D1: a signature header over 1,024 characters is refused",
          "campaign_platform/domain/carrier_signature.py",
          "MAX_HEADER_CHARS = 1024", "MAX_HEADER_CHARS = 2048",
          DIALING + "carrier_callbacks.feature", "signature of 1,025 characters"),
    Break("D1: a signature time of more than 12 digits is refused",
          "campaign_platform/domain/carrier_signature.py",
          "or len(value) > 12:", "or len(value) > 13:",
          DIALING + "carrier_callbacks.feature", "time written in 13 digits"),
    Break("D1: at most four v1 values are checked", "campaign_platform/domain/carrier_signature.py",
          "MAX_SIGNATURES = 4", "MAX_SIGNATURES = 5",
          DIALING + "carrier_callbacks.feature", "genuine signature fifth of five"),
    Break("D3: a replayed callback counts once", "campaign_platform/store/dialing.py",
          "        (event_id, event, campaign_id, payload),\n    )\n    return cur.rowcount == 1",
          "        (event_id, event, campaign_id, payload),\n    )\n    return True",
          DIALING + "carrier_callbacks.feature", "received twice counts once"),
    # -- isolation (issue 5) ---------------------------------------------------------------------
    Break("the membership check of one route (see a contact)", "campaign_platform/api/contacts.py",
          "async def get_contact(contact_id: str, member: MayView, services: ServicesDep) -> dict:",
          "async def get_contact(contact_id: str, member: MayViewAnyCampaign, services: ServicesDep) -> dict:",
          ISOLATION + "routes.feature", "The owner of a rival campaign cannot see a contact",
          also=(("campaign_platform/api/contacts.py",
                 'MaySearch = Annotated[Member, Depends(require("view_contacts"))]\n',
                 'MaySearch = Annotated[Member, Depends(require("view_contacts"))]\n\n\n'
                 "async def _no_membership_check(campaign_id: str) -> Member:\n"
                 "    from campaign_platform.api.deps import parse_campaign_id\n"
                 '    return Member(parse_campaign_id(campaign_id), None, "owner")\n\n\n'
                 "MayViewAnyCampaign = Annotated[Member, Depends(_no_membership_check)]\n"),)),
    Break("row-level security on one table (contacts)",
          "campaign_platform/store/migrations/004_isolation.sql",
          "ALTER TABLE campaigns ENABLE ROW LEVEL SECURITY;",
          "ALTER TABLE contacts DISABLE ROW LEVEL SECURITY;\nALTER TABLE campaigns ENABLE ROW LEVEL SECURITY;",
          ISOLATION + "database.feature", "finds no record of a rival"),
    Break("row-level security refuses writes into a rival (contacts)",
          "campaign_platform/store/migrations/004_isolation.sql",
          "ALTER TABLE campaigns ENABLE ROW LEVEL SECURITY;",
          "ALTER TABLE contacts DISABLE ROW LEVEL SECURITY;\nALTER TABLE campaigns ENABLE ROW LEVEL SECURITY;",
          ISOLATION + "database.feature", "cannot add, move, change or delete a rival's records"),
    Break("organization-wide rows stay in their organization (text opt-outs)",
          "campaign_platform/store/migrations/004_isolation.sql",
          "    USING (organization_id = app_organization()) WITH CHECK (organization_id = app_organization());",
          "    USING (true) WITH CHECK (true);",
          ISOLATION + "database.feature", "nothing of a rival organization's"),
    Break("a revoked API key stops at once", "campaign_platform/api/deps.py",
          'if key["revoked"]:', "if False:",
          ISOLATION + "api_keys.feature", "A revoked key stops working at once"),
    Break("an API key acts on its own campaign only", "campaign_platform/api/deps.py",
          'if key["campaign_id"] != campaign:', "if False:",
          ISOLATION + "api_keys.feature", "A key of one campaign cannot"),
    Break("an API key cannot do what only people may", "campaign_platform/api/deps.py",
          "if member.api_key_id is not None and permission in permissions.PEOPLE_ONLY:", "if False:",
          ISOLATION + "api_keys.feature", "A key cannot create an API key"),
    Break("a finance member cannot search contacts", "campaign_platform/domain/permissions.py",
          '("view_contacts",     Y,    Y,      N,      Y,     N,',
          '("view_contacts",     Y,    Y,      Y,      Y,     N,',
          ISOLATION + "roles.feature", "the finance role is refused to search the contacts"),
    Break("search values are bound parameters", "campaign_platform/store/dialing.py",
          "        _SEARCH_CONTACTS,\n",
          "        _SEARCH_CONTACTS.replace(\"ILIKE %(name)s\", \"ILIKE '\" + (q or \"\").replace(\"%\", \"%%\") + \"'\", 1),\n",
          ISOLATION + "search.feature", "looks like a command to the database finds nobody"),
    Break("offboarding deletes the campaign's cache", "campaign_platform/workflows/offboarding.py",
          "    await cache.forget_campaign(services.redis, campaign_id)\n", "",
          ISOLATION + "offboarding.feature", "A deleted campaign is gone at once, with nothing left"),
    Break("I6/C15/A3.6: offboarding keeps what the law keeps (the archive is written)",
          "campaign_platform/store/migrations/006_retention.sql",
          "        RETURNING organization_id INTO o;\n    INSERT INTO archived_records (",
          "        RETURNING organization_id INTO o;\n"
          "    CREATE TEMP TABLE destroyed_records ON COMMIT DROP AS SELECT * FROM archived_records LIMIT 0;\n"
          "    INSERT INTO destroyed_records (",
          ISOLATION + "offboarding.feature", "The records the law keeps move to the organization's archive"),
    Break("A3.4: an archived do-not-call request is kept 5 years",
          "campaign_platform/store/migrations/006_retention.sql",
          "('do_not_call',     'A3.4', 5, 'request',", "('do_not_call',     'A3.4', 4, 'request',",
          ISOLATION + "offboarding.feature", "The records the law keeps move to the organization's archive"),
    Break("I6: a manager of the organization's campaigns cannot export its archive",
          "campaign_platform/store/onboarding.py",
          '"SELECT 1 FROM organizations WHERE id = %(o)s AND owner_id = %(u)s"',
          '"SELECT 1 FROM organizations WHERE id = %(o)s AND (owner_id = %(u)s OR %(u)s IN ('
          "SELECT m.user_id FROM memberships m JOIN campaigns c ON c.id = m.campaign_id "
          "WHERE c.organization_id = %(o)s AND m.role = 'manager'))\"",
          ISOLATION + "offboarding.feature", "The manager of another of its campaigns cannot export"),
    Break("I6: a rival organization cannot export an organization's archive",
          "campaign_platform/workflows/offboarding.py",
          "        if not await onboarding.owns_organization(conn, organization_id, user_id):\n"
          "            raise organization_not_found()\n", "",
          ISOLATION + "offboarding.feature", "A rival organization finds no trace of the archive"),
    Break("I4/I6: the database shows an organization's archive to its owner alone",
          "campaign_platform/store/migrations/006_retention.sql",
          "CREATE POLICY organization_owner_rows ON archived_records FOR SELECT\n"
          "    USING (organization_id IN (SELECT id FROM organizations WHERE owner_id = app_user()));",
          "CREATE POLICY organization_owner_rows ON archived_records FOR SELECT USING (true);",
          ISOLATION + "offboarding.feature", "A rival organization finds no trace of the archive"),
    Break("only the owner deletes a campaign", "campaign_platform/domain/permissions.py",
          '("delete_campaign",   Y,    N,      N,      N,     N,',
          '("delete_campaign",   Y,    Y,      N,      N,     N,',
          ISOLATION + "offboarding.feature", "Only the owner may delete a campaign"),
    # -- isolation between rival campaigns: live channels, pace, throttles, hooks (issue 5) -------
    Break("isolation: the per-second pace is the campaign's own", "campaign_platform/store/pacing.py",
          'return campaign_prefix(campaign_id) + f"cps:{unix_second}"', 'return f"cp:campaign:cps:{unix_second}"',
          ISOLATION + "pacing_and_throttles.feature", "at its limit of 2 calls per second"),
    Break("isolation: the live-call count is the campaign's own", "campaign_platform/store/pacing.py",
          'return campaign_prefix(campaign_id) + "active-calls"', 'return "cp:campaign:active-calls"',
          ISOLATION + "pacing_and_throttles.feature", "at its limit of 3 live calls at once"),
    Break("isolation: the log-in lock is per account (rival)", "campaign_platform/store/cache.py",
          'return "cp:login-failures:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()',
          'return "cp:login-failures:everyone"',
          ISOLATION + "pacing_and_throttles.feature", "does not lock out Frank, who owns a rival"),
    Break("isolation: the log-in lock is per account (team)", "campaign_platform/store/cache.py",
          'return "cp:login-failures:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()',
          'return "cp:login-failures:everyone"',
          ISOLATION + "pacing_and_throttles.feature", "does not lock out Frank, who is on the same"),
    Break("isolation: donation events go to the campaign's channel", "campaign_platform/store/totals.py",
          'return campaign_prefix(campaign_id) + "donations"', 'return "cp:campaign:donations"',
          ISOLATION + "live_channels.feature", "Fifty contributions"),
    Break("isolation: call events go to the campaign's channel", "campaign_platform/store/pacing.py",
          'return campaign_prefix(campaign_id) + "calls"', 'return "cp:campaign:calls"',
          ISOLATION + "live_channels.feature", "Twenty calls"),
    Break("isolation: a live channel admits members only", "campaign_platform/api/live.py",
          "    except Refused as refused:\n        return UNAUTHENTICATED if refused.status == 401 else NOT_FOUND",
          "    except Refused as refused:\n        if refused.status == 401:\n            return UNAUTHENTICATED\n"
          '        member = Member(campaign, None, "owner")',
          ISOLATION + "live_channels.feature", "rival campaign learn nothing"),
    Break("isolation: a live channel admits members only (owner)", "campaign_platform/api/live.py",
          "    except Refused as refused:\n        return UNAUTHENTICATED if refused.status == 401 else NOT_FOUND",
          "    except Refused as refused:\n        if refused.status == 401:\n            return UNAUTHENTICATED\n"
          '        member = Member(campaign, None, "owner")',
          ISOLATION + "live_channels.feature", "owner of one campaign cannot watch"),
    Break("isolation: a live channel admits a key of its campaign only", "campaign_platform/api/deps.py",
          '        if key["campaign_id"] != campaign:\n            raise Refused(404, "No such campaign.")',
          '        if False:\n            raise Refused(404, "No such campaign.")',
          ISOLATION + "live_channels.feature", "API key of one campaign"),
    Break("isolation: a live channel needs the role's permission", "campaign_platform/api/live.py",
          "        check_permission(member, permission)\n    except ApiError:",
          "        pass\n    except ApiError:",
          ISOLATION + "live_channels.feature", "told their role may not watch"),
    Break("isolation: B2 credentials open their own endpoint only", "campaign_platform/workflows/hook_endpoints.py",
          "    if _matching(stored, offered, context, services) is None:\n        raise ApiError(",
          "    if _matching(stored, offered, context, services) is None and not any(\n"
          "            _matching(s, offered, c, services) for c, s in services.hook_endpoints.values()):\n"
          "        raise ApiError(",
          ISOLATION + "hooks.feature", "do not open the webhook of"),
    Break("isolation: a webhook endpoint names its own campaign",
          "campaign_platform/store/migrations/004_isolation.sql",
          "$$ SELECT campaign_id FROM webhook_endpoints WHERE id = p_endpoint_id $$;",
          "$$ SELECT campaign_id FROM webhook_endpoints ORDER BY created_at DESC LIMIT 1 $$;",
          ISOLATION + "hooks.feature", "lands in its records only"),
    Break("isolation: a carrier report moves the call it names (lookup and lock)",
          "campaign_platform/store/migrations/004_isolation.sql",
          "$$ SELECT campaign_id FROM calls WHERE carrier_call_id = p_carrier_call_id $$;",
          "$$ SELECT campaign_id FROM calls WHERE e164 = (SELECT e164 FROM calls WHERE carrier_call_id ="
          " p_carrier_call_id) AND status <> 'completed' ORDER BY placed_at LIMIT 1 $$;",
          ISOLATION + "hooks.feature", "moves that call only",
          also=(("campaign_platform/store/dialing.py",
                 'f"SELECT {_CALL_COLUMNS} FROM calls WHERE carrier_call_id = %s FOR UPDATE", (carrier_call_id,)',
                 'f"SELECT {_CALL_COLUMNS} FROM calls WHERE e164 = (SELECT cp_e164_of_carrier_call(%s))'
                 ' AND status <> \'completed\' ORDER BY placed_at LIMIT 1 FOR UPDATE", (carrier_call_id,)'),
                ("campaign_platform/store/migrations/004_isolation.sql",
                 "CREATE FUNCTION cp_campaign_of_carrier_call(p_carrier_call_id text) RETURNS uuid",
                 "CREATE FUNCTION cp_e164_of_carrier_call(p_carrier_call_id text) RETURNS text\n"
                 "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS\n"
                 "$$ SELECT e164 FROM calls WHERE carrier_call_id = p_carrier_call_id $$;\n"
                 "GRANT EXECUTE ON FUNCTION cp_e164_of_carrier_call TO campaign_app;\n"
                 "CREATE FUNCTION cp_campaign_of_carrier_call(p_carrier_call_id text) RETURNS uuid"))),
    Break("isolation: A3.5 an opt-out binds its organization only (query and policy)",
          "campaign_platform/store/dialing.py",
          "    WHERE d.organization_id = c.organization_id AND d.e164 = ct.e164\n"
          "      AND (d.campaign_id IS NULL OR d.campaign_id = c.id) AND d.expires_at >= n.now",
          "    WHERE d.e164 = ct.e164 AND d.expires_at >= n.now",
          ISOLATION + "hooks.feature", "STOP to",
          also=(("campaign_platform/store/migrations/004_isolation.sql",
                 "    USING (campaign_id = app_campaign() OR (campaign_id IS NULL AND organization_id = app_organization()))\n"
                 "    WITH CHECK",
                 "    USING (true)\n    WITH CHECK"),)),
    Break("isolation: a removed teammate's live channels close at once", "campaign_platform/api/campaigns.py",
          '    await live.announce(services.redis, member.campaign_id, {"type": live.MEMBER_REMOVED, "user_id": str(target)})\n',
          "",
          ISOLATION + "live_channels.feature", "removed from the team loses the campaign at once"),
    Break("isolation: a removed teammate loses the campaign at once", "campaign_platform/store/onboarding.py",
          '"DELETE FROM memberships WHERE campaign_id = %s AND user_id = %s RETURNING role"',
          '"SELECT role FROM memberships WHERE campaign_id = %s AND user_id = %s"',
          ISOLATION + "live_channels.feature", "removed from the team loses the campaign at once"),
    # -- issue 15: hostile input ------------------------------------------------------------------
    Break("I1 a genuine report of no campaign is acknowledged, kept by none (not claimed under RLS)",
          "campaign_platform/store/dialing.py",
          "    if campaign_id is None:\n        row = await fetch_one(conn, \"SELECT cp_claim_unmatched_event(",
          "    if campaign_id is None and False:\n        row = await fetch_one(conn, \"SELECT cp_claim_unmatched_event(",
          DIALING + "carrier_callbacks.feature", "is acknowledged and ignored"),
    Break("A4.6 a consent given at an impossible time is refused",
          "campaign_platform/domain/contacts.py",
          "        elif not clock.within_calendar(given_at):",
          "        elif False:",
          DIALING + "contacts_import.feature", "whose consent was given",
          also=(("campaign_platform/store/migrations/007_hostile_input.sql",  # guarded twice
                 "ALTER TABLE contacts ADD CONSTRAINT contacts_consent_in_calendar\n"
                 "    CHECK (consent_given_at >= '1900-01-01 00:00:00+00' AND consent_given_at < '9000-01-01 00:00:00+00');",
                 "SELECT 1;"),)),
    Break("B8 money the processor took is recorded when the donor's text cannot be stored",
          "campaign_platform/domain/notifications.py",
          '    body, cleaned = text.clean({key: value for key, value in body.items() if key != "lineitems"})',
          "    cleaned = []",
          DONATIONS + "recording.feature", "when the donor's name comes"),
    # operations (R1-R5): the breakers, the operator's views, error reports
    Break("R1 a third party's breaker opens after 5 failures in a row (never opens)",
          "campaign_platform/integrations/resilience.py",
          "context.threshold, context.ttl = self.failures, self.cool_down",
          "context.threshold, context.ttl = 10**9, self.cool_down",
          OPERATIONS, "After five failures in a row"),
    Break("R1 four failures in a row do not open the breaker (opens one early)",
          "campaign_platform/integrations/resilience.py",
          "context.threshold, context.ttl = self.failures, self.cool_down",
          "context.threshold, context.ttl = self.failures - 1, self.cool_down",
          OPERATIONS, "Four failures in a row"),
    Break("R2 after the cool-down one probe only (a probe storm)",
          "campaign_platform/integrations/resilience.py",
          "if not await self.redis.set(lock, probe, nx=True, px=int(self.probe_seconds * 1000)):",
          "if False:",
          OPERATIONS, "only one call tries the carrier"),
    Break("R2 after the cool-down a probe goes through and its success closes the breaker",
          "campaign_platform/integrations/resilience.py",
          "probe = uuid.uuid4().hex  # the cool-down passed: one probe for every worker",
          "raise BreakerOpen(name, 1)",
          OPERATIONS, "its success resumes calling"),
    Break("R3 the health view is the operator's alone (open to a caller)",
          "campaign_platform/api/observability.py",
          'raise ApiError(403, "forbidden", "Only the platform\'s operator may see this.")',
          "return None",
          OPERATIONS, "Only the operator sees the platform's health -- @1.1"),
    Break("R4 a blocked call moves the dashboard's counter",
          "campaign_platform/workflows/dialing.py",
          "metrics.CALLS_BLOCKED.labels(decision.rule).inc()", "pass",
          OPERATIONS, "counts as blocked, and as nothing else"),
    Break("R4 a recorded gift moves the dashboard's contributions counter",
          "campaign_platform/workflows/ingest.py",
          'metrics.CONTRIBUTIONS_RECORDED.labels(source).inc(sum(o["outcome"] == RECORDED for o in recorded.outcomes))',
          "pass",
          OPERATIONS, "moves the dashboard's counters by exactly one contribution"),
    Break("R5 an error report carries no secret (scrubbing off)",
          "campaign_platform/integrations/error_reports.py",
          "before_send=scrub,", "before_send=None,",
          OPERATIONS, "report keeps every secret and personal detail out"),
    Break("R5 an error report carries the request's context",
          "campaign_platform/integrations/error_reports.py",
          "scope.set_tag(name, value)", "pass",
          OPERATIONS, "reaches the error tracker with its context"),
    # -- voter sync with VAN (issue 14: V1-V7) ----------------------------------------------------
    Break("V1: a resync writes VAN's changed phone (mapping)", "campaign_platform/store/voter_sync.py",
          '"  e164 = i.e164,"', '"  e164 = c.e164,"',
          VOTER_SYNC + "sync.feature", "A resync after VAN changed people"),
    Break("V6: an interrupted sync resumes where it stopped", "campaign_platform/workflows/voter_sync.py",
          "            if seen <= skip:", "            if False:",
          VOTER_SYNC + "resilience.feature", "nothing lost, nothing doubled .errors."),
    Break("V6: a sync VAN interrupts waits for it (does not give up)", "campaign_platform/store/voter_sync.py",
          "\"UPDATE van_sync_jobs SET status = 'waiting', interruptions",
          "\"UPDATE van_sync_jobs SET status = 'failed', interruptions",
          VOTER_SYNC + "resilience.feature", "keeps what it brought in and waits .errors."),
    Break("V2: a sync never lifts a withdrawn consent", "campaign_platform/store/voter_sync.py",
          '"  state = coalesce(i.state, c.state), zip = coalesce(i.zip, c.zip), updated_at = now()"',
          '"  state = coalesce(i.state, c.state), zip = coalesce(i.zip, c.zip), updated_at = now(),'
          ' consent_revoked_at = NULL"',
          VOTER_SYNC + "compliance.feature", "opted out on the platform and reappears in VAN"),
    Break("V2: a sync never removes a do-not-call entry", "campaign_platform/store/voter_sync.py",
          "    await conn.execute(_ENQUEUE_KNOWN_DO_NOT_CALL, params)",
          '    await conn.execute("DELETE FROM do_not_call WHERE e164 = ANY(%(e164s)s::text[])", params)',
          VOTER_SYNC + "compliance.feature", "A do-not-call request survives the sync"),
    Break("V3: a VAN phone is not consent", "campaign_platform/store/voter_sync.py",
          '" INSERT INTO contacts (campaign_id, van_id, name, e164, state, zip)"\n'
          '    " SELECT %(campaign_id)s, i.van_id, i.name, i.e164, i.state, i.zip FROM i"',
          '" INSERT INTO contacts (campaign_id, van_id, name, e164, state, zip, consent_given_at, consent_method)"\n'
          '    " SELECT %(campaign_id)s, i.van_id, i.name, i.e164, i.state, i.zip, now(), \'VAN\' FROM i"',
          VOTER_SYNC + "compliance.feature", "A phone VAN marks as opted in is not consent"),
    Break("V3: a VAN opt-in does not let the dialer call", "campaign_platform/store/voter_sync.py",
          '" INSERT INTO contacts (campaign_id, van_id, name, e164, state, zip)"\n'
          '    " SELECT %(campaign_id)s, i.van_id, i.name, i.e164, i.state, i.zip FROM i"',
          '" INSERT INTO contacts (campaign_id, van_id, name, e164, state, zip, consent_given_at, consent_method)"\n'
          '    " SELECT %(campaign_id)s, i.van_id, i.name, i.e164, i.state, i.zip, now(), \'VAN\' FROM i"',
          VOTER_SYNC + "compliance.feature", "cannot be called by the dialer after the sync"),
    Break("V3: a changed phone starts without consent", "campaign_platform/store/voter_sync.py",
          '"  consent_given_at = CASE WHEN c.e164 = i.e164 THEN c.consent_given_at END,"',
          '"  consent_given_at = c.consent_given_at,"',
          VOTER_SYNC + "compliance.feature", "A phone that changed in VAN starts without consent",
          also=(("campaign_platform/store/voter_sync.py",
                 '"  consent_method = CASE WHEN c.e164 = i.e164 THEN c.consent_method END,"',
                 '"  consent_method = c.consent_method,"'),)),
    Break("V4: no burst over VAN's limit", "campaign_platform/integrations/van.py",
          "        self.interval = SPARE / per_second", "        self.interval = 0.0",
          VOTER_SYNC + "resilience.feature", "without a burst over its limit"),
    Break("V4: VAN's Retry-After is waited out", "campaign_platform/integrations/van.py",
          "                pacer.hold(pause)  # honoured by every call of this committee, not only this one",
          "                pass",
          VOTER_SYNC + "resilience.feature", "asks the platform to slow down"),
    Break("V5: an opt-out goes back to VAN (push-back)", "campaign_platform/workflows/voter_sync.py",
          '        await van.flag_do_not_call(committee, item["van_id"], phone)\n        return',
          "        return",
          VOTER_SYNC + "results.feature", "STOP reaches VAN as a do-not-call flag"),
    Break("V5/V6: a flag VAN was down for waits (not dropped)", "campaign_platform/workflows/voter_sync.py",
          'await store.mark_failed(conn, item["id"], str(exc), retry_at)',
          'await store.mark_sent(conn, item["id"])',
          VOTER_SYNC + "results.feature", "While VAN is down the flag waits"),
    Break("V5/V6: a flag that waited goes when VAN is back (not dropped)", "campaign_platform/workflows/voter_sync.py",
          'await store.mark_failed(conn, item["id"], str(exc), retry_at)',
          'await store.mark_sent(conn, item["id"])',
          VOTER_SYNC + "results.feature", "A flag that waited for VAN goes once when VAN is back"),
    Break("V5: a call's result goes back as its result code", "campaign_platform/domain/van.py",
          'CALL_RESULTS = {"human": "Canvassed", "machine": "Left Message", None: "Not Home"}',
          'CALL_RESULTS = {"human": "Canvassed", "machine": "Not Home", None: "Not Home"}',
          VOTER_SYNC + "results.feature", "one canvass result: Left Message"),
    Break("isolation: a rival's voter sync (query and row security)", "campaign_platform/store/voter_sync.py",
          '        conn, f"SELECT {_JOB_COLUMNS} FROM van_sync_jobs WHERE campaign_id = %s AND id = %s", (campaign_id, sync_id)',
          '        conn, f"SELECT {_JOB_COLUMNS} FROM van_sync_jobs WHERE %s::uuid IS NOT NULL AND id = %s", (campaign_id, sync_id)',
          ISOLATION + "routes.feature", "A rival's voter sync cannot be reached",
          also=(("campaign_platform/store/migrations/008_voter_sync.sql",
                 "    FOREACH t IN ARRAY ARRAY['van_connections', 'van_sync_jobs', 'van_outbox'] LOOP",
                 "    FOREACH t IN ARRAY ARRAY['van_connections', 'van_outbox'] LOOP"),)),
    Break("isolation: VAN credentials and voters stay in their campaign (row security)",
          "campaign_platform/store/migrations/008_voter_sync.sql",
          "        EXECUTE format('CREATE POLICY campaign_rows ON %I USING (campaign_id = app_campaign())'\n"
          "                       ' WITH CHECK (campaign_id = app_campaign())', t);\n    END LOOP;\nEND\n$$;\n\n-- V5",
          "        EXECUTE format('CREATE POLICY campaign_rows ON %I USING (true)', t);\n    END LOOP;\nEND\n$$;\n\n-- V5",
          ISOLATION + "database.feature", "finds no record of a rival"),
    # sources (C10, C11, C14, C17, B8, B9): 48-hour notices, questioned sources, conduits, cancellations
    Break("C14: a notice for $1,000.00, not only above", "campaign_platform/domain/fec.py",
          "NOTICE_THRESHOLD_CENTS = 100_000", "NOTICE_THRESHOLD_CENTS = 100_001",
          DONATIONS + "forty_eight_hour_notices.feature", "^.1,000.00 received on October 20, 2026 needs"),
    Break("C14: no notice for $999.99", "campaign_platform/domain/fec.py",
          "NOTICE_THRESHOLD_CENTS = 100_000", "NOTICE_THRESHOLD_CENTS = 99_999",
          DONATIONS + "forty_eight_hour_notices.feature", "999.99 received on October 20"),
    Break("C14: the 20th day before the election is outside the window", "campaign_platform/domain/fec.py",
          "NOTICE_OPENS_DAYS_BEFORE = 19", "NOTICE_OPENS_DAYS_BEFORE = 20",
          DONATIONS + "forty_eight_hour_notices.feature", "October 14, 2026 does not need"),
    Break("C14: the 19th day before the election is inside the window", "campaign_platform/domain/fec.py",
          "NOTICE_OPENS_DAYS_BEFORE = 19", "NOTICE_OPENS_DAYS_BEFORE = 18",
          DONATIONS + "forty_eight_hour_notices.feature", "October 15, 2026 needs"),
    Break("C14: the 3rd day before the election is inside the window", "campaign_platform/domain/fec.py",
          "NOTICE_CLOSES_DAYS_BEFORE = 3", "NOTICE_CLOSES_DAYS_BEFORE = 4",
          DONATIONS + "forty_eight_hour_notices.feature", "October 31, 2026 needs"),
    Break("C14: the last 48 hours before the election are outside the window", "campaign_platform/domain/fec.py",
          "NOTICE_CLOSES_DAYS_BEFORE = 3", "NOTICE_CLOSES_DAYS_BEFORE = 2",
          DONATIONS + "forty_eight_hour_notices.feature", "November 1, 2026 does not need"),
    Break("C14: the primary has its own window", "campaign_platform/domain/fec.py",
          'for kind, on in (("primary", elections.primary), ("general", elections.general)):',
          'for kind, on in (("general", elections.general),):',
          DONATIONS + "forty_eight_hour_notices.feature", "April 16, 2026 needs"),
    Break("C14: the notice due is shown to the treasurer", "campaign_platform/workflows/ingest.py",
          "    if fec.needs_48_hour_notice(item.amount_cents, paid_on, context.elections) is not None:",
          "    if False:",
          DONATIONS + "forty_eight_hour_notices.feature", "2,500.00 received on October 20, 2026 needs"),
    Break("C14: a notice is not late at 48 hours exactly", "campaign_platform/domain/fec.py",
          "return now > received_at + NOTICE_WITHIN",
          "return now >= received_at + NOTICE_WITHIN",
          DONATIONS + "forty_eight_hour_notices.feature", "^48 hours after receiving"),
    Break("C14: a notice is late after 48 hours", "campaign_platform/domain/fec.py",
          "NOTICE_WITHIN = timedelta(hours=48)", "NOTICE_WITHIN = timedelta(hours=49)",
          DONATIONS + "forty_eight_hour_notices.feature", "^48 hours and 1 minute after receiving"),
    Break("C14: a notice is late by the hour, not by the day", "campaign_platform/api/donations.py",
          'if row["kind"] in fec.OVERDUE_BY_THE_HOUR:', "if False:",
          DONATIONS + "forty_eight_hour_notices.feature", "^48 hours and 1 minute after receiving"),
    Break("C10: a corporate name is questioned", "campaign_platform/domain/fec.py",
          "    if CORPORATE_WORDS.intersection(name):", "    if False:",
          DONATIONS + "prohibited_sources.feature", 'under the name "Harper Consulting LLC"'),
    Break("C10: a word inside a name is not a corporate word", "campaign_platform/domain/fec.py",
          "    if CORPORATE_WORDS.intersection(name):",
          '    if any(word in " ".join(name) for word in CORPORATE_WORDS):',
          DONATIONS + "prohibited_sources.feature", 'under the name "Abe Lincoln"'),
    Break("C10: a partnership may give", "campaign_platform/domain/fec.py",
          '"llc", "pllc",', '"llc", "llp", "pllc",',
          DONATIONS + "prohibited_sources.feature", 'under the name "Harper Partners LLP"'),
    Break("C10: a union's name is questioned", "campaign_platform/domain/fec.py",
          'LABOR_WORDS = frozenset({"union", ', 'LABOR_WORDS = frozenset({',
          DONATIONS + "prohibited_sources.feature", 'under the name "Steelworkers Union"'),
    Break("C10: a union local by its number is questioned", "campaign_platform/domain/fec.py",
          'w == "local" and nxt.isdigit()', "False",
          DONATIONS + "prohibited_sources.feature", 'under the name "Plumbers Local 42"'),
    Break("C10: a word inside a name is not a union's word", "campaign_platform/domain/fec.py",
          'if any(w in LABOR_WORDS - {"local"} for w in name)',
          'if any(word in w for w in name for word in LABOR_WORDS - {"local"})',
          DONATIONS + "prohibited_sources.feature", 'under the name "Sam Unionville"'),
    Break("C10: a self-employed federal contractor is questioned", "campaign_platform/domain/fec.py",
          "    if self_employed and any(words in job for words in CONTRACTOR_OCCUPATIONS):",
          "    if False:",
          DONATIONS + "prohibited_sources.feature", "as a self-employed federal contractor"),
    Break("C10: a federal contractor's employee may give", "campaign_platform/domain/fec.py",
          "    if self_employed and any(words in job for words in CONTRACTOR_OCCUPATIONS):",
          "    if any(words in job for words in CONTRACTOR_OCCUPATIONS):",
          DONATIONS + "prohibited_sources.feature", "as a federal contractor at Lockheed Martin"),
    Break("C10: a US territory is not foreign", "campaign_platform/domain/fec.py",
          "    if is_foreign(country) and country.strip().upper() not in US_TERRITORIES:",
          "    if is_foreign(country):",
          DONATIONS + "prohibited_sources.feature", "from an address in PR"),
    Break("C10: another name under a known email address is questioned", "campaign_platform/domain/fec.py",
          "    if name_differs_on_shared_email:", "    if False:",
          DONATIONS + "prohibited_sources.feature", "by Sam, is flagged"),
    Break("C10: the same donor from another ZIP code is not another name", "campaign_platform/store/donations.py",
          '" AND (o.first_name_key, o.last_name_key) <> (d.first_name_key, d.last_name_key)"', '""',
          DONATIONS + "prohibited_sources.feature", "by Alex, is not flagged"),
    Break("C11: evidence of legality within 30 days, late from day 31", "campaign_platform/domain/fec.py",
          'FlagRule("legality_evidence",       "C11", 30,', 'FlagRule("legality_evidence",       "C11", 31,',
          DONATIONS + "prohibited_sources.feature", "On day 31 after a gift from a foreign address, the evidence"),
    Break("C11: evidence of legality not late on day 30", "campaign_platform/domain/fec.py",
          'FlagRule("legality_evidence",       "C11", 30,', 'FlagRule("legality_evidence",       "C11", 29,',
          DONATIONS + "prohibited_sources.feature", "On day 30 after a gift from a foreign address, the evidence"),
    Break("C11: a questioned contribution gets its 30-day evidence clock", "campaign_platform/workflows/ingest.py",
          'return [*flags, flag("legality_evidence")] if reasons else []', "return flags",
          DONATIONS + "prohibited_sources.feature", "US citizen living abroad"),
    Break("C11: a refund closes the evidence clock", "campaign_platform/domain/fec.py",
          'RESOLVED_BY_REFUND = RESOLVED_BY_REFUND | {"legality_evidence"}',
          "RESOLVED_BY_REFUND = RESOLVED_BY_REFUND | set()",
          DONATIONS + "prohibited_sources.feature", "Refunding a questioned contribution"),
    Break("B8: a contribution over the per-election limit is recorded, not refused", "campaign_platform/workflows/ingest.py",
          '        flags.append(flag("excessive", excess))  # C12: 60 days to remedy',
          '        raise ValueError("over the limit")',
          DONATIONS + "processor_events.feature", "5,000.00 is money received"),
    Break("B9: a cancellation is recorded, not taken for a contribution", "campaign_platform/workflows/ingest.py",
          "            if notification.is_cancellation:", "            if False:",
          DONATIONS + "processor_events.feature", "A cancelled monthly contribution"),
    Break("B9: a cancellation never records money", "campaign_platform/workflows/ingest.py",
          "            if notification.is_cancellation:", "            if False:",
          DONATIONS + "processor_events.feature", "A cancellation naming a contribution the platform does not have"),
    Break("B6: a cancellation says when it was cancelled", "campaign_platform/domain/notifications.py",
          'cancelled_at = _time(contribution.get("cancelledAt"), "contribution.cancelledAt", errors, required=True)',
          'cancelled_at = _time(contribution.get("cancelledAt"), "contribution.cancelledAt", errors, required=False)',
          DONATIONS + "malformed_notifications.feature", "without the time it was cancelled"),
    Break("B9: a cancelled recurring contribution expects no more instalments", "campaign_platform/api/donations.py",
          'return "cancelled" if row["recurring_cancelled_at"] is not None else "active"', 'return "active"',
          DONATIONS + "processor_events.feature", "A cancelled monthly contribution"),
    Break("B9: a recurring contribution nobody cancelled expects more", "campaign_platform/api/donations.py",
          'return "cancelled" if row["recurring_cancelled_at"] is not None else "active"', 'return "cancelled"',
          DONATIONS + "processor_events.feature", "nobody cancelled expects further"),
    Break("C7: an answered request is not late", "campaign_platform/domain/fec.py",
          '        return sent_on > due\n    return status == "open" and today > due',
          '        return sent_on > due\n    return today > due',
          DONATIONS + "itemization.feature", "who answered it by giving them is not late"),
    Break("C7: a request the mail server refused is not taken as sent", "campaign_platform/workflows/ingest.py",
          "    if not await services.mailer.send(follow_up.to, subject, body):",
          "    if not await services.mailer.send(follow_up.to, subject, body) and False:",
          DONATIONS + "itemization.feature", "Day 31 after a gift whose request the mail server refused"),
    Break("C17: the conduit is recorded with the donor's contribution", "campaign_platform/workflows/ingest.py",
          "conduit=fec.CONDUIT_NAME,", "conduit=None,",
          DONATIONS + "processor_events.feature", "Two donors giving through the conduit"),
]


def tracked_files(root: Path = ROOT) -> list[str]:
    """What git tracks, and new files it would track (not ignored), relative to root."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=root, capture_output=True, check=True).stdout
    return sorted({name for name in listed.decode().split("\0") if name})


@contextlib.contextmanager
def scratch_copy(root: Path = ROOT) -> Iterator[Path]:
    """A throwaway copy of the repository's files as they are in the working tree, .venv linked;
    deleted afterwards. (A copy left by a killed run is removed by the next run: sweep_copies.)"""
    copy = Path(tempfile.mkdtemp(prefix=COPY_PREFIX))
    try:
        (copy / "owner.pid").write_text(str(os.getpid()))
        for name in tracked_files(root):
            source = root / name
            if not source.is_file() and not source.is_symlink():
                continue  # deleted in the working tree, or a submodule
            target = copy / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target, follow_symlinks=False)
        if (root / ".venv").exists():
            (copy / ".venv").symlink_to((root / ".venv").resolve())
        yield copy
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def sweep_copies() -> None:
    """Remove copies whose run is gone (a kill -9); a copy just made, without owner.pid yet, stays."""
    for path in Path(tempfile.gettempdir()).glob(COPY_PREFIX + "*"):
        try:
            owner = int((path / "owner.pid").read_text())
            os.kill(owner, 0)
        except ProcessLookupError:
            shutil.rmtree(path, ignore_errors=True)
        except (OSError, ValueError):
            with contextlib.suppress(OSError):  # gone meanwhile
                if time.time() - path.stat().st_mtime > 60:
                    shutil.rmtree(path, ignore_errors=True)


def _edits(item: Break) -> list[tuple[str, str, str]]:
    return [(item.path, item.old, item.new), *item.also]


def cannot_break(copy: Path, item: Break) -> str | None:
    """Why the row's edits cannot be made: a text to change not there exactly once."""
    for path, old, _ in _edits(item):
        found = (copy / path).read_text().count(old)
        if found != 1:
            return f"CANNOT BREAK (the text to change appears {found} times in {path})"
    return None


def apply_break(copy: Path, item: Break) -> None:
    """Make the row's edits in the copy (cannot_break said they can be made)."""
    for path, old, new in _edits(item):
        target = copy / path
        target.write_text(target.read_text().replace(old, new))


def run_scenario(item: Break, copy: Path, env: dict[str, str] | None = None) -> tuple[bool, float]:
    """Green means: behave passed, at least one scenario ran, and none failed."""
    started = time.monotonic()
    done = subprocess.run([*BEHAVE, "--name", item.scenario, item.feature], cwd=copy,
                          capture_output=True, text=True, env={**os.environ, **(env or {})})
    counts = behave_counts(done.stdout)
    passed = done.returncode == 0 and counts is not None and counts[0] > 0 and counts[1] == 0
    return passed, time.monotonic() - started


def prove(item: Break) -> str:
    with scratch_copy() as copy:
        cannot = cannot_break(copy, item)
        if cannot:
            return cannot
        green, _ = run_scenario(item, copy)
        if not green:
            return "NOT GREEN on the untouched platform"
        apply_break(copy, item)
        # A broken migration makes a cluster of its own: not kept in the shared cache.
        own_cluster = any(path.startswith(CLUSTER_INPUTS) for path, _, _ in _edits(item))
        env = {"CAMPAIGN_SUITE_CACHE": str(copy / ".stack" / "clusters")} if own_cluster else None
        still_green, took = run_scenario(item, copy, env)
    return "STILL GREEN: the scenario cannot see this rule" if still_green else f"red ({took:.1f} s)"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("words", nargs="*", help="rows whose rule mentions a word, or feature paths")
    parser.add_argument("--jobs", type=int, default=1, help="rows at a time (each in its own copy)")
    args = parser.parse_args(argv)
    chosen = [b for b in BREAKS if not args.words or any(
        word in b.rule or b.feature.startswith(word) for word in args.words)]
    sweep_copies()
    failures = 0
    print(f"{'rule broken':52} {'scenario':58} result")
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for item, result in zip(chosen, pool.map(prove, chosen), strict=True):
            failures += not result.startswith("red")
            print(f"{item.rule:52} {item.scenario[:58]:58} {result}", flush=True)
    print(f"\n{len(chosen) - failures} of {len(chosen)} broken rules turned their scenario red")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
