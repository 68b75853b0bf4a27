"""The suite's runner: one embedded stack, N behave workers, one merged Allure report.

    python -m support.runner all [-j N] [--shard I/N] [--results DIR] [behave args or paths]
    python -m support.runner critical [...]          # the same with --tags @critical
    python -m support.runner report DIR [DIR...]     # merge results dirs, then `allure generate`

(`./run` calls it.) Why a layer of its own rather than behavex or behave-parallel-runners: both
re-run before_all/after_all per process and bring their own reporting (behavex turns its own JSON
report into Allure results, so allure-behave's labels and step attachments would not be what a
serial run writes); behave-parallel-runners is a young thread/process pool with no merge, no
duration balancing and no crash accounting. Here every worker is plain behave with the
allure-behave formatter, so a parallel run's results are what a serial run's are.

- ``plan``: which features and scenarios a run has, recorded durations, shards (LPT).
- ``queue``: the shared feature queue the workers pull from (longest first).
- ``worker``: one behave process that runs features from the queue against the run's stack.
- ``events``: the JSON-lines formatter each worker writes, and the console tally that reads it.
- ``results``: the results-dir lock, the merge, run metadata and the slowest steps.
- ``cli``: the orchestration.
"""
