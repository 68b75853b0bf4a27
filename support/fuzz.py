"""Schemathesis against the platform's own OpenAPI document, with ids a world built.

    ./run fuzz [-D profile=NAME] [--examples N] [--seed S] [--phases examples,coverage,fuzzing]

Three passes, each `schemathesis run --checks all` (response conformance included) with every
path parameter set to an id of a campaign with one of everything (support/rivals.py):

- **owner**: Fuzz Yard's owner's access token; every operation but deleting the campaign (the
  pass needs the campaign; offboarding has its own scenarios);
- **rival**: the owner of another campaign, on every campaign-scoped operation of Fuzz Home: each
  answer must be the one the same request about an unknown campaign gets, byte for byte (check
  `rival_gets_unknown_campaign`, support/fuzz_checks.py), and Fuzz Home's fingerprint (every row
  and Redis key) is unchanged;
- **stranger**: no credentials at all, on Fuzz Home: every bearer route must answer 401
  (`stranger_is_refused`).

Tokens and webhook credentials reach schemathesis through environment variables its config
file names (`${CP_FUZZ_...}`), never through a file or the command line; what the passes report
goes through the suite's redaction before it is printed or attached.

A finding is a (pass, operation, check) with its first failing status; KNOWN_UNTIL_MERGED lists
the ones another branch fixes (issue 15's defects), so the pass stays red on anything new.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from support import rivals
from support.fingerprint import differences, fingerprint
from support.reporting import redact_text, silenced

ROOT = Path(__file__).resolve().parent.parent
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
HOME, HOME_OWNER = "Fuzz Home", "Fenna"
YARD, YARD_OWNER = "Fuzz Yard", "Yara"
RIVAL, RIVAL_OWNER = "Fuzz Rival", "Rufus"
BEARER_ENV, BASIC_USER_ENV, BASIC_PASSWORD_ENV = "CP_FUZZ_BEARER", "CP_FUZZ_HOOK_USER", "CP_FUZZ_HOOK_PASSWORD"
NEVER_AS_OWNER = [("DELETE", "/v1/campaigns/{campaign_id}"),
                  ("POST", "/v1/test/campaigns/{campaign_id}/unhandled-error")]  # a 500 by design (R5)
PASSES = ("rival", "stranger", "owner")

# Valid input refused for a reason (a business refusal) is no contract breach: these statuses
# answer schema-valid requests by design (conflicts, gone links, throttles; 5xx is the job of
# not_a_server_error).
ACCEPTED_REFUSALS = ["2xx", "401", "403", "404", "409", "410", "429", "5xx"]

# Where a schema-valid request may still be a 400/422 by a rule JSON Schema cannot state: the
# operation, and the rule. A positive_data_acceptance finding (ST202) there is listed, not
# counted; every other check counts.
BEYOND_THE_SCHEMA = {
    "POST /v1/campaigns/{campaign_id}/caller-ids": "a phone number the numbering plan knows (phonenumbers)",
    "POST /v1/campaigns/{campaign_id}/contacts": "a phone number the numbering plan knows; a ZIP of five digits",
    "POST /v1/campaigns/{campaign_id}/do-not-call":
        "a phone number the numbering plan knows; the national registry is the organization's (A3.1)",
    "POST /v1/campaigns/{campaign_id}/calls": "the dialing rules (422 call_blocked)",
    "POST /v1/campaigns/{campaign_id}/texts": "the texting rules (422 text_blocked)",
    "POST /v1/campaigns/{campaign_id}/caller-ids/{caller_id}/verification": "the code phoned (422 wrong_code)",
    "POST /v1/campaigns/{campaign_id}/contacts/imports": "CSV rows: a header and valid rows",
    "POST /v1/campaigns/{campaign_id}/donations/reconciliations": "`to` after `from`",
    "PUT /v1/campaigns/{campaign_id}/donations/elections": "the primary before the general",
    "POST /v1/campaigns/{campaign_id}/api-keys": "the grant rule (422 role_not_grantable)",
    "POST /v1/campaigns/{campaign_id}/invitations": "the grant rule (422 role_not_grantable)",
    "PUT /v1/campaigns/{campaign_id}/members/{user_id}": "the grant rule (422 role_not_grantable)",
    "POST /v1/campaigns/{campaign_id}/donations/flags/{flag_id}/excess-refund":
        "exactly the flagged excess (422 refund_not_excess, C12)",
    "PATCH /v1/campaigns/{campaign_id}": "an election date not in the past, on the campaign's clock",
    "POST /v1/signup": "an election date not in the past; the password policy (zxcvbn)",
    "POST /v1/organizations/{organization_id}/campaigns": "an election date not in the past",
    "PUT /v1/campaigns/{campaign_id}/van": "credentials VAN accepts (422 van_credentials_refused)",
    "PUT /v1/campaigns/{campaign_id}/van/saved-list": "a saved list VAN has (422 saved_list_not_found)",
    "POST /v1/invitations/accept": "a link token the platform sent (400 token_invalid); the password policy",
    "POST /v1/email-verifications": "a link token the platform sent (400 token_invalid)",
    "POST /v1/hooks/donations/{endpoint_id}": "an amount above zero and under $1,000,000,000,000.00 (B8)",
    "POST /v1/hooks/carrier": "a signature made with the carrier's secret (401 invalid_signature)",
    "POST /v1/test/campaigns/{campaign_id}/call-history": "abandoned at most answered; contact and caller ID ids",
    "PUT /v1/test/campaigns/{campaign_id}/clock": "the calendar's ends are instants in UTC: an offset can move a time "
                                                  "whose year the document allows outside them",
}

# Known until merged: findings of issue 15's defects and limits, fixed on another branch. Each
# entry: (pass or "*", "METHOD /path" or "*", the check's code) -> what fixes it. The coordinator
# empties this at merge; an entry that no longer reproduces is printed as stale.
KNOWN_UNTIL_MERGED: dict[tuple[str, str, str], str] = {}  # empty since issue 15's defects landed


def known(finding) -> str | None:
    for (pass_name, operation, code), fixed_by in KNOWN_UNTIL_MERGED.items():
        if pass_name in ("*", finding.pass_name) and operation in ("*", finding.operation) \
                and finding.check.startswith(code):
            return fixed_by
    return None


@dataclass(frozen=True)
class Finding:
    pass_name: str
    operation: str
    check: str
    detail: str

    @property
    def code(self) -> str:
        return self.check.split(" ", 1)[0]


@dataclass
class PassResult:
    name: str
    operations: int = 0
    requests: int = 0
    test_cases: int = 0
    seconds: float = 0.0
    findings: list[Finding] = field(default_factory=list)
    beyond_the_schema: list[str] = field(default_factory=list)  # ST202 where BEYOND_THE_SCHEMA says why
    errors: list[str] = field(default_factory=list)
    unchanged: list[str] | None = None  # the rival pass: differences in Fuzz Home's fingerprint


@dataclass
class Settings:
    examples: int = 3
    seed: int = 15
    phases: str = "examples,coverage,fuzzing"
    workers: int = 1


@dataclass(frozen=True)
class Target:
    """A campaign with one of everything, and what its owner holds."""
    ids: dict[str, str]
    owner_token: str
    hook_user: str
    hook_password: str
    campaign_id: str
    organization_id: str


@dataclass(frozen=True)
class Arranged:
    base_url: str
    home: Target  # what the rival and the stranger try: it must not change
    yard: Target  # what its owner fuzzes, beside them
    rival_token: str


def _target(world, campaign) -> Target:
    account = campaign.donations.connected
    return Target(ids=dict(campaign.ids), owner_token=world.person(campaign.owner).token,
                  hook_user=account.username, hook_password=account.password,
                  campaign_id=campaign.campaign_id, organization_id=campaign.organization_id)


def arrange(world) -> Arranged:
    """Fuzz Home and Fuzz Yard with one of everything, and a rival campaign set up beside them."""
    with silenced():
        home = rivals.build(world, HOME, HOME_OWNER)
        yard = rivals.build(world, YARD, YARD_OWNER)
        rival = rivals.build(world, RIVAL, RIVAL_OWNER, full=False)
    return Arranged(base_url=world.client.base_url, home=_target(home.world, home),
                    yard=_target(yard.world, yard), rival_token=rival.world.person(rival.owner).token)


def _config(target: Target, pass_name: str) -> str:
    """schemathesis.toml for one pass; secrets only as ${ENV} references."""
    lines = ["[parameters]"]
    lines += [f'"path.{name}" = "{value}"' for name, value in sorted(target.ids.items())]
    if pass_name != "stranger":
        lines += ["", "[auth.openapi.bearerAuth]", f'bearer = "${{{BEARER_ENV}}}"']
    if pass_name == "owner":
        lines += ["", "[auth.openapi.processorBasic]",
                  f'username = "${{{BASIC_USER_ENV}}}"', f'password = "${{{BASIC_PASSWORD_ENV}}}"']
    lines += ["", "[checks.positive_data_acceptance]", f"expected-statuses = {json.dumps(ACCEPTED_REFUSALS)}"]
    return "\n".join(lines) + "\n"


def _filters(pass_name: str) -> list[str]:
    if pass_name == "rival":
        return ["--include-path-regex", r"^/v1/campaigns/\{campaign_id\}", "--exclude-checks",
                "positive_data_acceptance"]  # a rival is refused by design: 404, never 2xx
    if pass_name == "owner":
        # One regular expression: alternatives joined by `|` (words such as "or" are text in a regex).
        expression = "|".join(f"^{m} {p.replace('{', '[{]').replace('}', '[}]')}$" for m, p in NEVER_AS_OWNER)
        return ["--exclude-name-regex", expression]
    # No credentials: 401 by design; the test-mode routes take none on purpose (API.md).
    return ["--exclude-path-regex", "^/v1/test/", "--exclude-checks", "positive_data_acceptance"]


def run_pass(arranged: Arranged, pass_name: str, settings: Settings, workdir: Path) -> PassResult:
    here = workdir / pass_name
    here.mkdir(parents=True, exist_ok=True)
    target = arranged.yard if pass_name == "owner" else arranged.home
    config = here / "schemathesis.toml"
    config.write_text(_config(target, pass_name))
    junit, report, har = here / "junit.xml", here / "report.json", here / "requests.har"
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "support.fuzz_checks", "CP_FUZZ_PASS": pass_name,
           "CP_FUZZ_BASE_URL": arranged.base_url, "PYTHONPATH": str(ROOT),
           BEARER_ENV: arranged.rival_token if pass_name == "rival" else target.owner_token,
           BASIC_USER_ENV: target.hook_user, BASIC_PASSWORD_ENV: target.hook_password}  # fmt: skip
    argv = [
        str(SCHEMATHESIS), "--config-file", str(config), "--no-color", "run", arranged.base_url + "/openapi.json",
        "--checks", "all", *_filters(pass_name),
        "--max-examples", str(settings.examples), "--seed", str(settings.seed), "--generation-deterministic",
        "--phases", settings.phases, "--workers", str(settings.workers), "--no-shrink",
        "--request-timeout", "30", "--output-sanitize", "true",
        "--report", "junit,json,har", "--report-junit-path", str(junit), "--report-json-path", str(report),
        "--report-har-path", str(har),
    ]  # fmt: skip
    started = time.monotonic()
    done = subprocess.run(argv, env=env, cwd=here, capture_output=True, text=True, check=False)
    result = PassResult(pass_name, seconds=time.monotonic() - started)
    (here / "console.txt").write_text(redact_text(done.stdout + done.stderr))
    _read_reports(result, junit, report)
    if har.exists():  # counted, then gone: it holds every request whole
        result.requests = len(json.loads(har.read_text()).get("log", {}).get("entries", []))
        har.unlink()
    if not junit.exists():
        result.errors.append(f"schemathesis exited {done.returncode}: " + redact_text(done.stderr[-2000:]))
    return result


def _read_reports(result: PassResult, junit: Path, report: Path) -> None:
    if report.exists():
        result.test_cases = json.loads(report.read_text()).get("test_cases", {}).get("generated", 0)
    if not junit.exists():
        return
    for case in ET.parse(junit).getroot().iter("testcase"):
        result.operations += 1
        operation = case.get("name", "?")
        for failure in [*case.iter("failure"), *case.iter("error")]:
            text = redact_text((failure.get("message") or "") + "\n" + (failure.text or ""))
            for check, detail in _split_checks(text):
                if check.startswith("ST202") and operation in BEYOND_THE_SCHEMA:
                    result.beyond_the_schema.append(operation)
                    continue
                result.findings.append(Finding(result.name, operation, check, detail))


_CHECK_TITLE = re.compile(r"^\s*- (ST\d+ .+)$")


def _split_checks(text: str) -> list[tuple[str, str]]:
    """Each failed check of a test case: (its title, e.g. `ST202 Schema-valid request rejected`,
    and the lines that describe it)."""
    found: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        title = _CHECK_TITLE.match(line)
        if title:
            found.append((title.group(1).strip(), []))
        elif found:
            found[-1][1].append(line)
    if not found:
        return [(text.strip().splitlines()[0][:120] if text.strip() else "failure", text)]
    return [(title, "\n".join(lines).strip()) for title, lines in found]


def run(world, settings: Settings | None = None, workdir: Path | None = None) -> list[PassResult]:
    """Arrange the world, then the three passes side by side (each its own schemathesis process);
    Fuzz Home's fingerprint is taken before and after: neither the rival nor the stranger may
    change it (the owner fuzzes Fuzz Yard)."""
    settings = settings or Settings()
    arranged = arrange(world)
    own_dir = workdir is None
    workdir = workdir or Path(tempfile.mkdtemp(prefix="cp-fuzz-"))
    before = _fingerprint(world, arranged.home)
    try:
        with ThreadPoolExecutor(len(PASSES)) as pool:
            results = list(pool.map(lambda name: run_pass(arranged, name, settings, workdir), PASSES))
    finally:
        if own_dir:
            shutil.rmtree(workdir, ignore_errors=True)
    if before is not None:
        rival = next(result for result in results if result.name == "rival")
        rival.unchanged = differences(before, _fingerprint(world, arranged.home))
    return results


def _fingerprint(world, target: Target):
    if world.db is None or world.cache is None:
        return None
    return fingerprint(world.db, world.cache, target.campaign_id, target.organization_id)


def unexpected(results: list[PassResult]) -> list[Finding]:
    return [finding for result in results for finding in result.findings if known(finding) is None]


def stale(results: list[PassResult]) -> list[str]:
    """Known entries that did not reproduce in the passes that ran."""
    ran = {result.name for result in results}
    hit = {key for result in results for finding in result.findings for key in KNOWN_UNTIL_MERGED
           if key[0] in ("*", finding.pass_name) and key[1] in ("*", finding.operation)
           and finding.check.startswith(key[2])}  # fmt: skip
    return [f"{key}: {label}" for key, label in KNOWN_UNTIL_MERGED.items()
            if key not in hit and (key[0] == "*" or key[0] in ran)]  # fmt: skip


def summary(results: list[PassResult]) -> dict:
    return {
        "passes": [{
            "pass": result.name, "operations": result.operations, "test_cases": result.test_cases,
            "requests": result.requests,
            "seconds": round(result.seconds, 1),
            "findings": [{"operation": f.operation, "check": f.check,
                          "known_until_merged": known(f)} for f in result.findings],
            "schema_valid_refused_by_a_rule_beyond_the_schema": sorted(set(result.beyond_the_schema)),
            "errors": result.errors,
            **({"fuzz_home_changed": result.unchanged} if result.unchanged is not None else {}),
        } for result in results],
    }  # fmt: skip


def closing_lines(results: list[PassResult], wall: float) -> list[str]:
    lines = []
    for result in results:
        lines.append(f"{result.name}: {result.operations} operations, {result.test_cases} test cases, "
                     f"{result.requests} requests, "
                     f"{len(result.findings)} findings, {result.seconds:.1f} s")
        lines += [f"  {f.operation}: {f.check}" + (f" (known until merged: {known(f)})" if known(f) else "")
                  for f in result.findings]
        lines += [f"  error: {error}" for error in result.errors]
        if result.unchanged:
            lines.append(f"  the rival changed Fuzz Home: {result.unchanged}")
    requests = sum(result.requests for result in results)
    new = unexpected(results)
    lines.append(f"fuzz: {wall:.0f} s, {requests} requests, {len(new)} new findings, "
                 f"{sum(len(r.findings) for r in results) - len(new)} known until merged")
    return lines


def failed(results: list[PassResult]) -> bool:
    return bool(unexpected(results) or any(r.errors or r.unchanged for r in results))


# --- in the suite: a short deterministic pass, reported into Allure ----------------------------

SHORT = Settings(examples=1, seed=15, phases="fuzzing", workers=1)


@dataclass
class Notes:
    """A scenario's fuzz passes (kept in its world: world.notes(Notes))."""
    results: list[PassResult] = field(default_factory=list)


def run_and_attach(world, settings: Settings = SHORT) -> list[PassResult]:
    """The passes, with a summary and each pass's console (both redacted) attached to the step."""
    from support.reporting import attach_json, attach_text  # noqa: PLC0415

    workdir = Path(tempfile.mkdtemp(prefix="cp-fuzz-"))
    try:
        results = run(world, settings, workdir)
        attach_json("fuzz summary: passes, requests, findings", summary(results))
        for result in results:
            console = workdir / result.name / "console.txt"
            if console.exists():
                attach_text(f"schemathesis, {result.name} pass", console.read_text())
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return results


# --- ./run fuzz -------------------------------------------------------------------------------


def _endpoints(profile):
    from support.stack import EmbeddedStack, Endpoints  # noqa: PLC0415

    if profile.mode == "embedded":
        stack = EmbeddedStack()
        return stack.start(), stack
    if profile.mode == "attach":
        return Endpoints.load(profile.state_file), None
    return Endpoints(base_url=profile.base_url, database_url=profile.database_url,
                     app_database_url=profile.app_database_url, redis_url=profile.redis_url,
                     mail_url=profile.mail_url, processor_url=profile.processor_url,
                     carrier_url=profile.carrier_url), None  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    from support.config import load_profile  # noqa: PLC0415
    from support.harness import Harness  # noqa: PLC0415

    parser = argparse.ArgumentParser(prog="./run fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("-D", dest="defines", action="append", default=[], help="profile=NAME, as behave takes it")
    parser.add_argument("--examples", type=int, default=30, help="examples per operation (default 30)")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--phases", default="examples,coverage,fuzzing")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="keep each pass's reports (console, junit, json) in this directory")
    args = parser.parse_args(argv)
    defines = dict(item.split("=", 1) for item in args.defines if "=" in item)
    profile = load_profile(defines.get("profile"))
    started = time.monotonic()
    endpoints, stack = _endpoints(profile)
    try:
        harness = Harness(endpoints, profile, attach=False).connect()
        world = harness.world()
        try:
            settings = Settings(args.examples, args.seed, args.phases, args.workers)
            results = run(world, settings, args.keep)
        finally:
            world.clean_up()
            harness.close()
    finally:
        if stack is not None:
            stack.stop()
    for line in closing_lines(results, time.monotonic() - started):
        print(line)
    for entry in stale(results):
        print(f"stale known entry (no longer reproduces): {entry}")
    return 1 if failed(results) else 0


if __name__ == "__main__":
    sys.exit(main())
