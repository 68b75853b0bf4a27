"""The support for rival campaigns: the one-second rounds, silence."""
import threading

import pytest

from support.isolation_live import assert_silent, within_one_second


class FakeClock:
    """A clock that moves on by a set step each time it is read."""

    def __init__(self, start: float, step: float):
        self.now, self.step = start, step

    def __call__(self) -> float:
        value = self.now
        self.now += self.step
        return value


def test_a_round_inside_one_second_is_kept():
    undone = []
    clock = FakeClock(100.1, 0.2)
    result = within_one_second(lambda: ((["burst"], "rival"), clock()),
                               lambda *r: undone.append(r), clock=clock)
    assert result == (["burst"], "rival") and undone == []


def test_a_round_that_straddles_a_second_is_undone_and_made_again_in_a_fresh_second():
    readings = iter([100.8, 101.1,          # round 1 straddles 100 -> 101: undone
                     101.2, 101.6, 102.0,   # waiting for a second after 101
                     102.0, 102.4])         # round 2 inside 102: kept
    clock = lambda: next(readings)  # noqa: E731
    rounds, undone = [], []

    def round_():
        started = clock()
        rounds.append(len(rounds) + 1)
        return (rounds[-1],), started

    result = within_one_second(round_, lambda n: undone.append(n), clock=clock)
    assert result == (2,) and undone == [1]


def test_rounds_that_never_fit_a_second_fail_loudly():
    with pytest.raises(AssertionError, match="one second in 2 tries"):
        clock = FakeClock(0.9, 0.6)
        within_one_second(lambda: ((None,), clock()), lambda _: None, clock=clock, tries=2)


class FakeChannel:
    def __init__(self):
        self.events, self._lock = [], threading.Lock()

    def matching(self, predicate):
        with self._lock:
            return [e for e in self.events if predicate(e)]


def test_a_silent_channel_passes(monkeypatch):
    monkeypatch.setattr("support.isolation_live.attach_json", lambda *a: None)
    assert_silent(FakeChannel(), "Dana's dashboard", duration=0.05)


def test_an_event_arriving_during_the_window_fails(monkeypatch):
    monkeypatch.setattr("support.isolation_live.attach_json", lambda *a: None)
    channel = FakeChannel()
    threading.Timer(0.02, lambda: channel.events.append({"type": "call.placed"})).start()
    with pytest.raises(AssertionError, match="received 1 event"):
        assert_silent(channel, "Dana's call board", duration=0.3)
