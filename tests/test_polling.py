import time

import pytest

from support.polling import WaitTimeout, wait_until


def test_returns_the_first_truthy_value():
    calls = iter([None, [], ["mail"]])
    assert wait_until(lambda: next(calls), timeout=2, interval=0.001) == ["mail"]


def test_times_out_with_what_it_waited_for_and_the_last_value():
    started = time.monotonic()
    with pytest.raises(WaitTimeout, match=r"a verification email; last seen: \[\]"):
        wait_until(lambda: [], timeout=0.05, interval=0.01, what="a verification email")
    assert time.monotonic() - started < 1


def test_errors_are_not_swallowed():
    with pytest.raises(ZeroDivisionError):
        wait_until(lambda: 1 / 0, timeout=1)


def test_a_condition_can_be_asked_of_a_falsy_value():
    answers = iter([200, 200, 503])
    assert wait_until(lambda: next(answers), until=lambda status: status == 503,
                      timeout=2, interval=0.001) == 503
