"""Keywords of a reply text (rules.md A5.2, A5.3): opt out, opt back in, ask for help.

A reply is a keyword only when it is exactly one of these, case-insensitive, surrounding
whitespace ignored ("opt out": the two words, any whitespace between). "stop please" is not a
keyword: people read such replies (A5.1: any reasonable means).
"""

from __future__ import annotations

# fmt: off
KEYWORDS: dict[str, frozenset[str]] = {
    "opt_out": frozenset({
        "stop", "quit", "end", "revoke", "opt out", "cancel", "unsubscribe",  # A5.2: FCC 24-24
        "stopall", "optout",                                                   # A5.3: carriers
    }),
    "opt_in":  frozenset({"start", "yes", "unstop"}),  # A5.3
    "help":    frozenset({"help", "info"}),            # A5.3
}
# fmt: on
_KIND_OF = {word: kind for kind, words in KEYWORDS.items() for word in words}


def classify_reply(text: str | None) -> str | None:
    """"opt_out" | "opt_in" | "help" | None."""
    if not text:
        return None
    return _KIND_OF.get(" ".join(text.split()).casefold())
