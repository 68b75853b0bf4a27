"""How the platform reads a reply text (A5.1-A5.3): domain.dialing.opt_out and its data."""

import pytest

from campaign_platform.domain.dialing.opt_out import HELP, OPT_IN, OPT_OUT, REVIEW, read_reply

KEYWORDS = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "opt out"]


@pytest.mark.parametrize("word", KEYWORDS)
@pytest.mark.parametrize("case", [str.upper, str.lower, str.title])
@pytest.mark.parametrize("written", ["{}", " {}! ", "\t{}.\n", "{}!!!", "  {} ?"])
def test_every_keyword_in_any_case_with_spaces_and_punctuation(word, case, written):
    text = written.format(case(word))
    assert read_reply(text).kind == OPT_OUT, text


@pytest.mark.parametrize("text", [
    "stop please", "Please stop.", "STOP STOP STOP", "please don't call me again", "Don’t text me",
    "do not call me", "remove me from your list", "take me off your list", "Take me off this list!",
    "no más", "No mas", "no me llames", "No me escriban más", "unsubscribe me", "leave me alone",
    "stop texting me", "Stop calling this number", "I don't want any more texts", "opt me out",
    "Opt-out", "no more texts", "delete my number", "🛑",
])
def test_free_text_a_reasonable_person_reads_as_stop(text):
    assert read_reply(text).kind == OPT_OUT, text


@pytest.mark.parametrize("text", [
    "Who is this?", "Yes, I'll vote", "Call me tomorrow", "Stopping by soon", "See you at the weekend",
    "Thanks!", "I'll be there", "ok",
])
def test_unrelated_replies_change_nothing(text):
    assert read_reply(text).kind is None, text


@pytest.mark.parametrize("text", [
    "not interested", "Wrong number", "?!", "...", "Don't stop the good work!", "never stop fighting",
    "I'll stop by the office", "Cancel my donation", "the end is near", "who gave you my number",
    "This is spam",
])
def test_unclear_replies_go_to_a_person(text):
    reading = read_reply(text)
    assert reading.kind == REVIEW and reading.reason, (text, reading)


@pytest.mark.parametrize(("text", "kind"), [
    ("START", OPT_IN), ("yes", OPT_IN), ("Unstop!", OPT_IN), ("HELP", HELP), ("info?", HELP),
])
def test_opt_in_and_help_keywords(text, kind):
    assert read_reply(text).kind == kind


@pytest.mark.parametrize("text", [None, "", "   "])
def test_nothing_said_is_nothing(text):
    assert read_reply(text).kind is None
