"""A placed call's life under the carrier's callbacks; abandonment as A6.2 defines it."""
from datetime import UTC, datetime, timedelta

import pytest

from campaign_platform.domain.call_events import (
    ANSWERED,
    COMPLETED,
    OPT_OUT,
    BadEvent,
    CallEvent,
    CallState,
    apply,
)

T0 = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


def run(mode, *events):
    state, effects = CallState(mode=mode, status="placed"), []
    for name, seconds, extra in events:
        state, done = apply(state, CallEvent(name, T0 + timedelta(seconds=seconds), **extra))
        effects += done
    return state, effects


def test_a_call_moves_forward_through_its_life():
    state, effects = run("manual", ("ringing", 0, {}), ("answered", 5, {"answered_by": "human"}),
                         ("agent_connected", 6, {}), ("completed", 60, {}))
    assert state.status == "completed" and effects == [ANSWERED, COMPLETED]
    assert not state.abandoned


def test_a_late_event_fills_its_time_without_moving_the_call_back():
    state, _ = run("manual", ("answered", 5, {"answered_by": "human"}), ("ringing", 1, {}))
    assert state.status == "answered" and state.ringing_at == T0 + timedelta(seconds=1)


def test_a_completed_call_takes_no_more_events():
    state, effects = run("manual", ("completed", 5, {}), ("answered", 6, {"answered_by": "human"}),
                         ("key_press", 7, {"digit": "9"}))
    assert state.status == "completed" and state.answered_at is None and effects == [COMPLETED]


@pytest.mark.parametrize("delay, abandoned", [(2.0, False), (2.1, True), (0.5, False)])
def test_an_agent_later_than_2_seconds_after_a_person_answered_is_an_abandoned_call(delay, abandoned):
    state, _ = run("predictive", ("answered", 10, {"answered_by": "human"}), ("agent_connected", 10 + delay, {}))
    assert state.abandoned is abandoned


def test_completed_without_an_agent_after_a_person_answered_is_abandoned():
    state, _ = run("predictive", ("answered", 10, {"answered_by": "human"}), ("completed", 40, {}))
    assert state.abandoned


def test_until_the_outcome_is_known_the_call_is_not_counted_abandoned():
    state, _ = run("predictive", ("answered", 10, {"answered_by": "human"}))
    assert not state.abandoned


def test_a_machine_answer_or_a_prerecorded_call_is_never_abandoned():
    assert not run("predictive", ("answered", 1, {"answered_by": "machine"}), ("completed", 9, {}))[0].abandoned
    assert not run("prerecorded", ("answered", 1, {"answered_by": "human"}), ("completed", 9, {}))[0].abandoned


def test_pressing_9_during_a_call_is_an_opt_out_and_other_keys_are_not():
    assert run("prerecorded", ("key_press", 3, {"digit": "9"}))[1] == [OPT_OUT]
    assert run("prerecorded", ("key_press", 3, {"digit": "1"}))[1] == []


def test_an_answer_without_who_answered_is_refused():
    with pytest.raises(BadEvent):
        run("manual", ("answered", 1, {}))


def test_a_repeated_answer_keeps_the_first():
    state, effects = run("manual", ("answered", 1, {"answered_by": "human"}),
                         ("answered", 3, {"answered_by": "machine"}))
    assert (state.answered_by, state.answered_at, effects) == ("human", T0 + timedelta(seconds=1), [ANSWERED])
