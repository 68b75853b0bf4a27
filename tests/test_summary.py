from support.summary import behave_counts, main, pytest_counts


def test_behave_summary_counts_errors_and_hook_errors_as_failures():
    text = "junk\n0 scenarios passed, 2 failed, 11 error, 26 skipped\n"
    assert behave_counts(text) == (0, 13, 26)
    assert behave_counts("1 scenario passed, 0 failed, 0 skipped") == (1, 0, 0)


def test_pytest_summary_lines():
    assert pytest_counts("....\n108 passed in 1.69s\n") == (108, 0, 0)
    assert pytest_counts("== 3 failed, 100 passed, 2 skipped, 1 error in 2.01s ==") == (100, 4, 2)


def test_the_closing_line_adds_both_and_a_silent_runner_counts_as_a_failure(tmp_path):
    behave, pytest = tmp_path / "b", tmp_path / "p"
    behave.write_text("37 scenarios passed, 1 failed, 0 skipped\n")
    pytest.write_text("Traceback: collection crashed\n")
    assert main(str(behave), str(pytest)).splitlines()[-1] == "scenarios: 37 passed, 2 failed"


def test_a_failure_outside_any_scenario_counts(tmp_path):
    behave, pytest = tmp_path / "b", tmp_path / "p"
    behave.write_text("HOOK-ERROR in after_all: AssertionError: secrets reached the report\n"
                      "11 scenarios passed, 0 failed, 28 skipped\n")
    pytest.write_text("5 passed in 0.1s\n")
    assert main(str(behave), str(pytest)).splitlines()[-1] == "scenarios: 16 passed, 1 failed"
