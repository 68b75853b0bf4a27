"""What the carrier is told to do with a placed call (A6.3, A6.4, A6.6): pure rules, no I/O.

- A6.4 (47 CFR 64.1200(a)(6)): an unanswered call rings at least 15 seconds before it is ended.
  The campaign sets its ring time (dial settings) from RING_SECONDS_MIN to RING_SECONDS_MAX;
  without one, RING_SECONDS_DEFAULT (platform policy: some margin over the floor).
- A6.3 (64.1200(a)(7)(i)): when no caller comes on within 2 seconds of the greeting, the carrier
  plays, from that second, a message naming the campaign with a number for do-not-call requests
  (the campaign's verified caller ID, A6.7) and the key that opts out at once (A5.8).
- A6.6 (64.1200(b)(1), (2)): a prerecorded message names the campaign in its first sentence and
  states a telephone number; the platform refuses one that does not and places no call. The
  platform adds the opt-out instruction (A5.8) at its end.
"""

from __future__ import annotations

import re

import phonenumbers

RING_SECONDS_MIN = 15  # A6.4: the law's floor
RING_SECONDS_MAX = 60
RING_SECONDS_DEFAULT = 20  # platform policy
ABANDON_AFTER_SECONDS = 2  # A6.3: the message starts 2 s after the greeting, when no caller came on
MESSAGE_MAX_CHARS = 1000
OPT_OUT_INSTRUCTION = "To stop these calls, press 9."

UNIDENTIFIED = "message_unidentified"
WITHOUT_NUMBER = "message_without_number"

_SENTENCE_END = re.compile(r"[.!?](\s|$)")
_SPACES = re.compile(r"\s+")


def _words(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


def first_sentence(message: str) -> str:
    """The message up to its first full stop, question or exclamation mark."""
    end = _SENTENCE_END.search(message)
    return message[: end.start()] if end else message


def has_phone_number(message: str) -> bool:
    """A6.6: the message states a valid US telephone number somewhere."""
    return any(True for _ in phonenumbers.PhoneNumberMatcher(message, "US", leniency=phonenumbers.Leniency.VALID))


def prerecorded_refusal(message: str, campaign_name: str) -> str | None:
    """A6.6: None when the message may be played; else the refusal's code."""
    if _words(campaign_name) not in _words(first_sentence(message)):
        return UNIDENTIFIED
    if not has_phone_number(message):
        return WITHOUT_NUMBER
    return None


def prerecorded_script(message: str) -> str:
    """What the carrier plays on a prerecorded call: the campaign's message, then the opt-out."""
    return f"{message.strip()} {OPT_OUT_INSTRUCTION}"


def default_prerecorded_message(campaign_name: str, callback_number: str) -> str:
    """The message of a prerecorded call placed without one of the campaign's own."""
    return f"This is a message from {campaign_name}. To reach us, call {spoken(callback_number)}."


def abandon_script(campaign_name: str, callback_number: str) -> str:
    """A6.3: what plays when no caller comes on within 2 seconds of the greeting."""
    return (
        f"This call is from {campaign_name}. No one is free to speak with you right now. "
        f"To be taken off our list, press 9 now, or call {spoken(callback_number)}."
    )


def spoken(e164: str) -> str:
    """A number as it is read out: (614) 555-0100."""
    try:
        return phonenumbers.format_number(phonenumbers.parse(e164, "US"), phonenumbers.PhoneNumberFormat.NATIONAL)
    except phonenumbers.NumberParseException:
        return e164
