"""The code is linted by ruff, configured in pyproject.toml; CI runs it as part of the unit tests,
so a lint failure is a failed test in the closing line, with ruff's findings as the message."""
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _ruff() -> str:
    found = Path(sys.executable).with_name("ruff")
    return str(found) if found.exists() else shutil.which("ruff")


def test_ruff_finds_nothing():
    ruff = _ruff()
    assert ruff, "ruff is not installed: it is pinned in requirements.txt (./run setup)"
    result = subprocess.run([ruff, "check", "--no-cache", "--output-format", "concise", "."],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_is_configured_for_this_repository():
    config = (ROOT / "pyproject.toml").read_text()
    assert "[tool.ruff.lint]" in config and "select" in config
