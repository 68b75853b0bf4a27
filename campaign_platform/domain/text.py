"""Text the database cannot store: a NUL character (PostgreSQL's text and jsonb refuse it) and a
lone UTF-16 surrogate (JSON can write one, `\\ud800`; UTF-8 cannot encode it).

Pure. The edge refuses such text in what a person or a program sends (API.md, Edge checks);
the two hooks record what they must instead: `storable` removes each NUL and puts the Unicode
replacement character U+FFFD for each lone surrogate, and `clean` says which fields it changed.
"""

from __future__ import annotations

import re
from typing import Any

REPLACEMENT = "\ufffd"
_NUL = "\x00"
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def is_storable(text: str) -> bool:
    """No NUL and no lone surrogate (a JSON-decoded pair is one code point, never two)."""
    return _UNSTORABLE.search(text) is None


def storable(text: str) -> str:
    """`text` with each NUL removed and each lone surrogate replaced by U+FFFD."""
    if is_storable(text):
        return text
    return _SURROGATE.sub(REPLACEMENT, text.replace(_NUL, ""))


def unstorable_fields(value: Any, at: str = "") -> list[str]:
    """The fields of a decoded JSON value (dotted, list items as [i]) whose text, or whose key,
    the database cannot store."""
    found: list[str] = []
    if isinstance(value, str):
        if not is_storable(value):
            found.append(at or "body")
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{at}.{key}" if at else str(key)
            if not is_storable(str(key)):
                found.append(storable(name))
            else:
                found.extend(unstorable_fields(item, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(unstorable_fields(item, f"{at}[{index}]"))
    return found


def clean(value: Any, at: str = "") -> tuple[Any, list[str]]:
    """(a decoded JSON value with every string made storable, the fields that changed)."""
    changed = unstorable_fields(value, at)
    return (_cleaned(value) if changed else value), changed


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, dict):
        return {storable(str(key)): _cleaned(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    return value
