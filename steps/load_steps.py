"""@load: 1,000 active calls across ten campaigns, and dialing still within its requirement."""
from __future__ import annotations

import parse
from behave import given, register_type, then, when

from support import dialing_load
from support.dialing_load import LoadRun
from support.reporting import attach_text


@parse.with_pattern(r"\d{1,3}(?:,\d{3})*")
def _count(text: str) -> int:
    """A count as people write it: "1,000"."""
    return int(text.replace(",", ""))


register_type(Count=_count)


@given("{campaigns:d} campaigns, each ready to dial and allowing {live:d} live calls")
def step_campaigns(context, campaigns, live):
    context.world.notes(LoadRun).settings["campaigns"] = campaigns


@given("{active:Count} calls across them are answered and held active by the carrier")
def step_active(context, active):
    context.world.notes(LoadRun).settings["active"] = active


@when("{further:Count} further calls are dialed and {reports:Count} carrier reports are applied meanwhile")
def step_run(context, further, reports):
    load = context.world.notes(LoadRun)
    quiet = context.world.harness.quiet().world()  # thousands of requests: none attached
    context.world.add_cleanup(quiet.clean_up)
    load.result = dialing_load.run(quiet, further=further, reports=reports, **load.settings)
    attach_text("load figures", load.result.summary())
    print(load.result.summary())


def _result(context):
    result = context.world.notes(LoadRun).result
    assert result is not None, "the load was not run in this scenario"
    return result


@then("no call took over {limit:d} ms to decide and place")
def step_ceiling(context, limit):
    """A ceiling: the slowest of the timed dials, each timed end to end (request to answer)."""
    result = _result(context)
    assert result.active >= context.world.notes(LoadRun).settings["active"], result.summary()
    assert result.dial_ms, "no further call was timed"
    slowest = max(result.dial_ms)
    assert slowest <= limit, f"the slowest call took {slowest:.1f} ms, over {limit} ms:\n{result.summary()}"


@then("every carrier report was applied")
def step_reports(context):
    assert not _result(context).reports_refused, _result(context).reports_refused[:5]


@then("no call broke a rule")
def step_no_rule_broken(context):
    result = _result(context)
    assert not result.dials_refused, result.dials_refused[:5]
    assert result.carrier_calls == result.expected_carrier_calls, result.summary()
