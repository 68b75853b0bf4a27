"""The embedded stack leaves nothing behind: no process, no temporary directory."""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import psutil
import pytest

import support.stack as stack
from support.polling import wait_until
from support.stack import (
    MIGRATION_CODE,
    MIGRATIONS_DIR,
    TMP_PREFIX,
    cached_cluster,
    cluster_key,
    sweep_stale_directories,
)

ROOT = Path(__file__).resolve().parent.parent


def test_sweep_removes_directories_of_dead_runs_and_keeps_live_ones():
    dead = Path(tempfile.mkdtemp(prefix=TMP_PREFIX))
    (dead / "owner.pid").write_text("999999999")
    live = Path(tempfile.mkdtemp(prefix=TMP_PREFIX))
    (live / "owner.pid").write_text(str(os.getpid()))
    try:
        removed = sweep_stale_directories()
        assert dead in removed and not dead.exists()
        assert live.exists()
    finally:
        for path in (dead, live):
            subprocess.run(["rm", "-rf", str(path)])


@pytest.fixture
def running_stack():
    """A stack started by a separate process, as behave would: it prints its endpoints."""
    script = ("import json, signal; from dataclasses import asdict; "
              "from support.stack import EmbeddedStack; s = EmbeddedStack(); e = s.start(); "
              "print(json.dumps({**asdict(e), 'dir': str(s.dir)}), flush=True); signal.pause()")
    owner = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE,
                             text=True)
    try:
        yield owner, json.loads(owner.stdout.readline())
    finally:
        if owner.poll() is None:
            owner.kill()
        owner.wait()


def test_the_platform_finds_the_copied_cluster_migrated_and_applies_nothing(running_stack):
    _, endpoints = running_stack
    log = Path(endpoints["platform_log"]).read_text()
    assert "Application startup complete" in log and "applied migration" not in log


def test_the_cluster_key_changes_with_a_migration_the_migration_code_or_postgresql(tmp_path):
    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, migrations)
    code = tmp_path / "db.py"
    shutil.copy(MIGRATION_CODE, code)
    key = cluster_key("postgres (PostgreSQL) 18.0", migrations, code)
    assert key == cluster_key("postgres (PostgreSQL) 18.0", MIGRATIONS_DIR, MIGRATION_CODE)

    first = sorted(migrations.glob("*.sql"))[0]
    first.write_text(first.read_text() + "\n-- one more line\n")
    changed = cluster_key("postgres (PostgreSQL) 18.0", migrations, code)
    assert changed != key
    (migrations / "999_new.sql").write_text("SELECT 1;\n")
    assert cluster_key("postgres (PostgreSQL) 18.0", migrations, code) not in (key, changed)
    assert cluster_key("postgres (PostgreSQL) 18.1", MIGRATIONS_DIR, MIGRATION_CODE) != key
    code.write_text(code.read_text() + "\n# another way to migrate\n")
    assert cluster_key("postgres (PostgreSQL) 18.0", MIGRATIONS_DIR, code) != key


def test_the_migrated_cluster_is_built_once_even_by_two_starts_at_once_and_then_reused(
        tmp_path, monkeypatch):
    builds = []
    build = stack._build_cluster
    monkeypatch.setattr(stack, "_build_cluster", lambda *args: (builds.append(args), build(*args)))
    pg_bin, user = stack._pg_bin(tmp_path), stack._system_user()
    root = tmp_path / "cache"
    found = []
    starts = [threading.Thread(target=lambda: found.append(cached_cluster(pg_bin, user, root=root)))
              for _ in range(2)]
    for start in starts:
        start.start()
    for start in starts:
        start.join()
    found.append(cached_cluster(pg_bin, user, root=root))
    assert len(builds) == 1 and len(set(found)) == 1 and len(found) == 3
    assert found[0].name == f"pg-{cluster_key(stack.postgres_version(pg_bin))}"
    assert (found[0] / "PG_VERSION").exists() and not (found[0] / "postmaster.pid").exists()
    assert [path.name for path in root.iterdir() if ".partial-" in path.name] == []


def test_a_killed_run_leaves_no_process_and_the_next_start_sweeps_its_directory(running_stack):
    owner, stack = running_stack
    services = [psutil.Process(pid) for pid in stack["pids"].values()]
    # PostgreSQL, Redis, the platform and the doubles (one process: support.doubles.host)
    assert set(stack["pids"]) == {"postgres", "redis", "platform", "doubles"}
    assert all(service.is_running() for service in services)
    children = services + [c for s in services for c in s.children(recursive=True)]

    owner.send_signal(signal.SIGKILL)  # no clean-up code can run
    owner.wait()
    wait_until(lambda: not any(_alive(child) for child in children), timeout=10,
               what="every child of the killed run to exit")
    sweep_stale_directories()
    assert not Path(stack["dir"]).exists()


def _alive(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
