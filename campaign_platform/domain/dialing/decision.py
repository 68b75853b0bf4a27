"""The answer of every dialing check: allowed, or blocked with a machine code and the rule ID."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str  # machine code: "allowed", "outside_calling_hours", "do_not_call", ...
    rule: str | None  # the rules.md ID that blocks ("A1.1"); None when allowed
    message: str  # a sentence for people


ALLOWED = Decision(True, "allowed", None, "The call may be placed.")


def blocked(reason: str, rule: str, message: str) -> Decision:
    return Decision(False, reason, rule, message)
