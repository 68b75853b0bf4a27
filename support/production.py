"""The contract's production settings (campaign_platform/API.md, Configuration), kept once.

A deployment that is not in test mode must run at least at these; the embedded stack runs
cheaper, as test mode allows. tests/test_production.py checks this data against API.md and the
comparison below.
"""
from __future__ import annotations

# The cost of new password hashes, as /ready reports it (API.md, Probes and Configuration).
PASSWORD_HASH = {"algorithm": "argon2id", "time_cost": 3, "memory_kib": 65_536, "parallelism": 4}


def below_production(reported: dict | None, production: dict = PASSWORD_HASH) -> list[str]:
    """Each way the reported password hashing falls short of the production setting: another
    algorithm, a missing parameter, or a cost below production (a dearer one is allowed, as the
    platform allows it). Empty when the deployment hashes at least at the production cost."""
    if not isinstance(reported, dict):
        return [f"no password_hash reported (production: {production})"]
    shortfalls = []
    for name, wanted in production.items():
        got = reported.get(name)
        if isinstance(wanted, str):
            if got != wanted:
                shortfalls.append(f"{name} {got!r} (production: {wanted!r})")
        elif not isinstance(got, int) or isinstance(got, bool) or got < wanted:
            shortfalls.append(f"{name} {got!r} (production: {wanted})")
    return shortfalls
