"""bench.figures: figures read from the benches' own output; rows not asked for are kept."""
import pytest

from bench import figures

README = f"""# x

## Performance

{figures.START}
| what | figure | command | measured |
|---|---|---|---|
| {figures.BY_KEY["critical"].what} | wall 40.0 s; 92 scenarios passed, 0 failed, 0 skipped | `./run critical` | 2026-01-01, load 1.0 |
{figures.END}

after the table
"""


def test_a_row_measured_replaces_its_line_and_the_others_keep_theirs():
    line = "| " + figures.BY_KEY["stack_start"].what + " | median 1.0 s | `x` | today |"
    text = figures.rewrite(README, {"stack_start": line})
    assert line in text
    assert "wall 40.0 s; 92 scenarios passed" in text  # the critical row, not asked for
    assert text.count(figures.NOT_MEASURED) == len(figures.ROWS) - 2
    assert text.startswith("# x\n") and text.endswith("after the table\n")
    assert figures.rewrite(text, {}) == text


def test_the_figures_come_from_the_printed_output():
    assert figures.stack_start(
        "start 1.10 s, stop 0.20 s\ncold start over 5 runs: min 1.01 s, median 1.20 s, max 1.90 s; "
        "stop median 0.21 s\n", 7.0, 0) == ("median 1.20 s (min 1.01 s, max 1.90 s) over 5 runs; "
                                            "stop median 0.21 s")
    behave = "1 feature passed\n92 scenarios passed, 1 failed, 0 skipped\nTook 0min 38.512s\n"
    assert figures.suite_run(behave, 41.04, 1) == (
        "wall 41.0 s; behave took 38.5 s; 92 scenarios passed, 1 failed, 0 skipped; EXIT CODE 1")
    assert figures.suite_run(behave + "scenarios: 586 passed, 1 failed\n", 301.0, 0) == (
        "wall 5 min 1 s; behave took 38.5 s; scenarios: 586 passed, 1 failed")


def test_an_output_without_its_figure_is_an_error_not_a_row():
    with pytest.raises(figures.NoFigure):
        figures.stack_start("Traceback (most recent call last):\n", 1.0, 1)
