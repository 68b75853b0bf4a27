"""The embedded stack kept up across mutants, with only the platform restarted for each.

PostgreSQL (from the cached migrated cluster), Redis and the doubles start once, as
``support.stack`` starts them; the platform is a forked child serving a copy of
``campaign_platform`` (processes.py), restarted on the same port and with the same settings for
every mutant. Scenarios make their own people and campaigns, so one database serves them all.
behave reaches the stack through the ``attach`` profile, reading a state file of its own
(``CP_SUITE_STATE_FILE``), so the repository's ``.stack/`` is not touched.
"""
from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

from support.stack import EmbeddedStack, StackError
from tools.mutation.processes import fork, serve_platform


class _NotYetForked:
    """Stands for the platform until its settings are known (EmbeddedStack.start spawns it first)."""

    pid = 0
    returncode = None

    def poll(self):
        return None


def copy_platform(root: Path, target: Path) -> Path:
    """The platform's package, copied (its bytecode compiled once, so each start only compiles
    the mutated module)."""
    shutil.copytree(root / "campaign_platform", target / "campaign_platform",
                    ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "compileall", "-q",
                    str(target / "campaign_platform")], check=False, capture_output=True)
    return target


class MutationStack(EmbeddedStack):
    def __init__(self, copy: Path):
        super().__init__()
        self.copy = copy
        self.platform_env: dict[str, str] | None = None
        self.coverage_file: Path | None = None
        self.context_socket: Path | None = None

    # EmbeddedStack.start spawns the platform first and sends it its settings later: here the
    # spawn is a placeholder and the settings start the forked child.
    def _spawn(self, name, argv, env=None, user=None, death_signal=signal.SIGTERM,
               stdin=subprocess.DEVNULL):
        if name != "platform":
            return super()._spawn(name, argv, env, user, death_signal, stdin)
        self.processes[name] = _NotYetForked()
        return self.processes[name]

    def _send_environment(self, platform, env):
        self.platform_env = env
        self._fork_platform()

    def _fork_platform(self):
        copy, env = self.copy, self.platform_env
        coverage_file, socket_path = self.coverage_file, self.context_socket
        if socket_path is not None:
            socket_path.unlink(missing_ok=True)
        self.processes["platform"] = fork(
            lambda: serve_platform(copy, env, coverage_file, socket_path),
            self.dir / "platform.log")

    def restart_platform(self) -> None:
        """Stop the platform and start it again from the copy as it is now; wait until ready."""
        self.stop_platform()
        (self.dir / "platform.log").write_bytes(b"")
        self._fork_platform()
        self._wait_http("platform", f"{self.endpoints.base_url}/ready")
        self.endpoints.pids["platform"] = self.processes["platform"].pid

    def stop_platform(self) -> None:
        platform = self.processes.get("platform")
        if platform is not None and not isinstance(platform, _NotYetForked):
            platform.stop()

    def write_state(self, path: Path) -> None:
        self.endpoints.pids["platform"] = self.processes["platform"].pid
        path.write_text(json.dumps(asdict(self.endpoints), indent=2))


__all__ = ["MutationStack", "StackError", "copy_platform"]
