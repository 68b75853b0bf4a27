"""Hostile input against the published contract (issue 15): schemathesis, through support/fuzz.py."""
from __future__ import annotations

from behave import then, when

from support import fuzz


@when("the platform is sent hostile input by a campaign's owner, by a rival and by a stranger")
def step_fuzz(context):
    context.world.notes(fuzz.Notes).results = fuzz.run_and_attach(context.world)


@then("every answer is one the platform's published contract promises")
def step_conformance(context):
    results = context.world.notes(fuzz.Notes).results
    assert results, "no hostile input was sent"
    problems = [f"{f.pass_name}: {f.operation}: {f.check}\n{f.detail[:1500]}" for f in fuzz.unexpected(results)]
    problems += [f"{r.name}: {error}" for r in results for error in r.errors]
    assert not problems, "answers outside the contract:\n\n" + "\n\n".join(problems)


@then("the rival and the stranger changed nothing of the campaign they tried")
def step_unchanged(context):
    rival = next(r for r in context.world.notes(fuzz.Notes).results if r.name == "rival")
    assert rival.unchanged is not None, "the campaign's records could not be read to compare"
    assert not rival.unchanged, f"the campaign changed: {rival.unchanged}"
