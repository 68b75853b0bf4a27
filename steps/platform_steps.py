"""The platform as operators see it: alive, ready, and honest when a dependency is gone."""
from __future__ import annotations

from behave import given, then, when

from support import reporting
from support.checks import assert_ok
from support.polling import wait_until
from support.production import PASSWORD_HASH, below_production
from support.stack import resume, suspend
from support.vocabulary import DEPENDENCIES

READY_TIMEOUT = 15


@then("the platform reports that it is alive")
def step_alive(context):
    assert assert_ok(context.world.client.health())["status"] == "alive"


@then("the platform reports that it is ready, with the database and the cache answering")
def step_ready(context):
    client = context.world.client
    ready = wait_until(client.readiness, until=lambda r: r.status_code == 200,
                       timeout=READY_TIMEOUT, what="the platform to report ready")
    body = assert_ok(ready)
    assert body["status"] == "ready", body
    for check in DEPENDENCIES.values():
        assert body["checks"][check]["ok"] is True, body["checks"]
        assert body["checks"][check]["ms"] >= 0, body["checks"]


@then("the platform reports that it hashes new passwords at least at the production cost")
def step_production_hashing(context):
    reported = assert_ok(context.world.client.readiness()).get("password_hash")
    reporting.attach_json("password hashing: reported and production", {
        "reported": reported, "production": PASSWORD_HASH})
    shortfalls = below_production(reported)
    assert not shortfalls, f"new passwords are hashed below the production cost: {shortfalls}"


@given("the {dependency} has stopped answering")
@when("the {dependency} stops answering")
def step_dependency_stops(context, dependency):
    pid = context.endpoints.pids[DEPENDENCIES[dependency]]
    suspend(pid)
    context.world.add_cleanup(lambda: resume(pid))


@when("the {dependency} answers again")
def step_dependency_answers(context, dependency):
    resume(context.endpoints.pids[DEPENDENCIES[dependency]])


@given("the platform has reported that it is unavailable because the {dependency} does not answer")
@then("the platform reports that it is unavailable because the {dependency} does not answer")
def step_unavailable(context, dependency):
    client = context.world.client
    refused = wait_until(client.readiness, until=lambda r: r.status_code == 503,
                         timeout=READY_TIMEOUT, what="the platform to report unavailable")
    body = refused.json()
    assert body["status"] == "unavailable", body
    for name, check in DEPENDENCIES.items():
        assert body["checks"][check]["ok"] is (name != dependency), body["checks"]
