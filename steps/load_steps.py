"""@load: 1,000 active calls across ten campaigns, and dialing still within its requirement."""
from __future__ import annotations

import parse
from behave import given, register_type, then, when

from support import dialing_load
from support.reporting import attach_text


@parse.with_pattern(r"\d{1,3}(?:,\d{3})*")
def _count(text: str) -> int:
    """A count as people write it: "1,000"."""
    return int(text.replace(",", ""))


register_type(Count=_count)


@given("{campaigns:d} campaigns, each ready to dial and allowing {live:d} live calls")
def step_campaigns(context, campaigns, live):
    context.load = {"campaigns": campaigns}


@given("{active:Count} calls across them are answered and held active by the carrier")
def step_active(context, active):
    context.load["active"] = active


@when("{further:Count} further calls are dialed and {reports:Count} carrier reports are applied meanwhile")
def step_run(context, further, reports):
    world = dialing_load.quiet(context.world)
    context.load_result = dialing_load.run(world, further=further, reports=reports, **context.load)
    attach_text("load figures", context.load_result.summary())
    print(context.load_result.summary())


@then("deciding and placing a call took under {limit:d} ms for 95% of them")
def step_p95(context, limit):
    result = context.load_result
    assert result.active >= context.load["active"], result.summary()
    p95 = result.percentile(result.dial_ms, 95)
    assert p95 < limit, f"p95 {p95:.1f} ms is not under {limit} ms:\n{result.summary()}"


@then("every carrier report was applied")
def step_reports(context):
    assert not context.load_result.reports_refused, context.load_result.reports_refused[:5]


@then("no call broke a rule")
def step_no_rule_broken(context):
    result = context.load_result
    assert not result.dials_refused, result.dials_refused[:5]
    assert result.carrier_calls == result.expected_carrier_calls, result.summary()
