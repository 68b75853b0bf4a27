"""The workflow registry: each workflow brings its own isolation duties, the central modules
iterate over them, and a clash between two workflows is named."""
from types import SimpleNamespace

import pytest

from support import campaign_actions, fingerprint, plugins, rivals, route_matrix
from support.world import World


def test_every_registered_module_brings_one_workflow_with_a_name_of_its_own():
    workflows = plugins.workflows()
    assert [w.name for w in workflows] == ["onboarding", "dialing", "donations", "voter sync", "api keys"]
    assert len(workflows) == len(plugins.WORKFLOW_MODULES)


def test_the_route_matrix_is_the_union_of_the_workflows_routes():
    assert route_matrix.routes() == {action: route for workflow in plugins.workflows()
                                     for action, route in workflow.routes.items()}
    assert route_matrix.route_of("see a call") == ("GET", "/v1/campaigns/{campaign_id}/calls/{call_id}")


def test_each_workflow_gives_a_body_for_each_of_its_own_write_routes():
    for workflow in plugins.workflows():
        writes = {r for r in workflow.routes.values() if r.split()[0] in route_matrix.WRITES}
        assert writes <= set(workflow.sample_bodies), (workflow.name, writes - set(workflow.sample_bodies))


def test_role_actions_come_from_the_workflows():
    assert {"add a contact", "see the contributions", "invite a teammate",
            "revoke an API key"} <= set(campaign_actions.actions())
    with pytest.raises(AssertionError, match="WORKFLOW.actions"):
        campaign_actions.action("paint the office")


def test_the_fingerprint_parts_come_from_the_workflows():
    assert fingerprint.volatile_keys().search("cp:campaign:c1:cps:1763790000")
    assert "inbound_messages" in fingerprint.no_organization_rows()


def test_two_workflows_claiming_one_route_is_an_error(monkeypatch):
    a = plugins.Workflow("a", routes={"see the campaign": "GET /v1/campaigns/{campaign_id}"})
    b = plugins.Workflow("b", routes={"see the campaign": "GET /v1/elsewhere"})
    monkeypatch.setattr(plugins, "workflows", lambda: (a, b))
    plugins.merged.cache_clear()
    try:
        with pytest.raises(AssertionError, match="registered by both a and b"):
            plugins.merged("routes")
    finally:
        plugins.merged.cache_clear()


class FakeHarness:
    """What a world asks of the harness, and nothing that reaches a deployment."""
    mail = db = cache = processor = carrier = carrier_account_id = None

    def __init__(self):
        self.clients = 0

    def platform(self):
        self.clients += 1
        return SimpleNamespace(base_url="http://platform.test")


def test_a_rival_is_built_by_every_workflow_in_order_and_joined_into_the_world(monkeypatch):
    calls = []
    steps = (plugins.Workflow("team", grow=lambda c: calls.append(("grow team", c.name))),
             plugins.Workflow("dialing", arrange=lambda c: calls.append(("arrange dialing", c.name)),
                              grow=lambda c: calls.append(("grow dialing", c.name))))
    monkeypatch.setattr(rivals, "workflows", lambda: steps)
    harness = FakeHarness()
    harness.world = lambda: World(harness)
    world = World(harness)

    def owner_of(self, person, campaign):  # the sign-up's answer names the organization
        self.person(person)
        made = self.campaign(campaign)
        made.owner, made.campaign_id, made.organization_id = person, "c-1", "o-1"
    monkeypatch.setattr(World, "owner_of", owner_of)

    light = rivals.build(world, "Lee", "Frank", full=False)
    assert calls == [("arrange dialing", "Lee")]
    assert world.campaigns["Lee"] is light and light.built and light.organization_id == "o-1"
    assert world.in_play is light and world.people["Frank"] is light.world.person("Frank")
    assert light.world is not world  # built in a world of its own: its donors and contacts too
    calls.clear()
    rivals.build(world, "Harper", "Dana")
    assert calls == [("arrange dialing", "Harper"), ("grow team", "Harper"), ("grow dialing", "Harper")]
    assert [c.name for c in world.built_campaigns()] == ["Lee", "Harper"]
    assert rivals.of(world, "Harper").ids == {"campaign_id": "c-1"}
    with pytest.raises(AssertionError, match="not built as a rival"):
        rivals.of(world, "Unknown")


def test_the_campaign_in_play_is_the_last_one_named_and_must_have_been_named():
    world = World(FakeHarness())
    with pytest.raises(AssertionError, match="names no campaign"):
        world.in_play  # noqa: B018
    world.play("Harper")
    world.play("Lee")
    assert world.in_play.name == "Lee"
    assert world.campaign("Harper").dialing is world.campaign("Harper").dialing
    assert world.campaign("Harper").dialing is not world.campaign("Lee").dialing
    assert world.campaign("Lee").donations.campaign is world.campaign("Lee")


def test_notes_are_one_instance_per_world():
    first, second = World(FakeHarness()), World(FakeHarness())
    assert first.notes(rivals.Trial) is first.notes(rivals.Trial)
    assert first.notes(rivals.Trial) is not second.notes(rivals.Trial)
