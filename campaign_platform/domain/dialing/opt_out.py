"""What a reply text says (rules A5.1, A5.2, A5.3): opt out, opt back in, ask for help, a person
must read it, or nothing the platform acts on. The rules are data (data/replies.yaml).

Consent may be revoked by any reasonable means (A5.1): besides the carriers' keywords (exactly one
word, any case, surrounding spaces and punctuation ignored), free text a reasonable person reads
as "stop contacting me" ("stop please", "remove me from your list", "no más") opts the number out.
A reply the platform cannot classify with confidence ("not interested", "don't stop", "?!") goes
to a person (the review queue); the law allows 10 business days to honour a revocation (A5.4).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA = Path(__file__).with_name("data") / "replies.yaml"

OPT_OUT, OPT_IN, HELP, REVIEW = "opt_out", "opt_in", "help", "review"


@dataclass(frozen=True)
class Reading:
    kind: str | None  # OPT_OUT | OPT_IN | HELP | REVIEW | None (nothing to act on)
    reason: str  # why, in words a reviewer reads


def _load() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


_RULES = _load()
KEYWORDS: dict[str, frozenset[str]] = {kind: frozenset(words) for kind, words in _RULES["keywords"].items()}
_KIND_OF = {word: kind for kind, words in KEYWORDS.items() for word in words}
_REVOCATION_WORDS = frozenset(_RULES["revocation_words"])
_POLITE_WORDS = frozenset(_RULES["polite_words"])
_OTHER_SENSE = [re.compile(p) for p in _RULES["other_sense"]]
_REVOCATION = [re.compile(p) for p in _RULES["revocation_phrases"]]
_REVIEW = [re.compile(p) for p in _RULES["review_phrases"]]
_SYMBOLS = frozenset(_RULES["revocation_symbols"])


def normalize(text: str) -> str:
    """Case folded, accents and apostrophes dropped, other punctuation a space, "opt out" one word."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = re.sub(r"['’‘`´]", "", plain)
    plain = re.sub(r"[^\w\s]|_", " ", plain)
    words = " ".join(plain.split())
    return re.sub(r"\bopt out\b", "optout", words)


def read_reply(text: str | None) -> Reading:
    """The reply's kind and why (data/replies.yaml, in its order)."""
    if not text or not text.strip():
        return Reading(None, "empty")
    words = normalize(text)
    if not words:
        symbols = {ch for ch in text if not ch.isspace()}
        if symbols and symbols <= _SYMBOLS | {"\ufe0f"}:
            return Reading(OPT_OUT, "stop symbol")
        return Reading(REVIEW, "symbols only")
    if words in _KIND_OF:
        return Reading(_KIND_OF[words], "keyword")
    tokens = set(words.split())
    if tokens & _REVOCATION_WORDS and tokens <= _REVOCATION_WORDS | _POLITE_WORDS:
        return Reading(OPT_OUT, "revocation word")
    if any(p.search(words) for p in _OTHER_SENSE):
        return Reading(REVIEW, "revocation word in another sense")
    if any(p.search(words) for p in _REVOCATION):
        return Reading(OPT_OUT, "revocation phrase")
    if any(p.search(words) for p in _REVIEW):
        return Reading(REVIEW, "unclear phrase")
    if tokens & _REVOCATION_WORDS:
        return Reading(REVIEW, "mentions a revocation word")
    return Reading(None, "not a revocation")


def classify_reply(text: str | None) -> str | None:
    """"opt_out" | "opt_in" | "help" | "review" | None."""
    return read_reply(text).kind


def _check() -> None:
    """Every word of the data is text (YAML reads a bare yes or no as a boolean)."""
    words = [*_KIND_OF, *_REVOCATION_WORDS, *_POLITE_WORDS]
    if not all(isinstance(word, str) for word in words):
        raise ValueError(f"{DATA.name}: quote every word: {[w for w in words if not isinstance(w, str)]}")


_check()
