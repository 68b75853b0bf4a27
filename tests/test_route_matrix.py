"""The isolation matrix's own logic: which routes are campaign-scoped, and how rows are filled."""
from types import SimpleNamespace

import pytest

from support import fingerprint, route_matrix

PUBLISHED = {
    ("GET", "/health"), ("POST", "/v1/signup"), ("GET", "/v1/me"),
    ("GET", "/v1/campaigns/{campaign_id}"),
    ("POST", "/v1/campaigns/{campaign_id}/calls"),
    ("GET", "/v1/campaigns/{campaign_id}/calls/{call_id}"),
    ("POST", "/v1/hooks/donations/{endpoint_id}"),
    ("PUT", "/v1/test/campaigns/{campaign_id}/clock"),
}


def test_campaign_scoped_routes_have_a_path_parameter_and_are_neither_hooks_nor_test_routes():
    assert route_matrix.campaign_scoped(PUBLISHED) == {
        ("GET", "/v1/campaigns/{campaign_id}"),
        ("POST", "/v1/campaigns/{campaign_id}/calls"),
        ("GET", "/v1/campaigns/{campaign_id}/calls/{call_id}")}


def test_routes_naming_a_record_of_the_campaign():
    assert route_matrix.with_resource_id(PUBLISHED) == {
        ("GET", "/v1/campaigns/{campaign_id}/calls/{call_id}")}


def test_a_path_is_filled_with_the_campaign_s_ids_and_a_missing_id_is_named():
    path = "/v1/campaigns/{campaign_id}/calls/{call_id}"
    assert route_matrix.fill_path(path, {"campaign_id": "c1", "call_id": "k9"}) == \
        "/v1/campaigns/c1/calls/k9"
    with pytest.raises(AssertionError, match=r"\['call_id'\]"):
        route_matrix.fill_path(path, {"campaign_id": "c1"})


def test_every_write_route_gets_a_fresh_valid_body_and_reads_none():
    ids = {"campaign_id": "c1", "contact_id": "ct1", "caller_id": "cid1"}
    dial = route_matrix.sample_body("POST", "/v1/campaigns/{campaign_id}/calls", ids)
    assert dial == {"contact_id": "ct1", "mode": "manual", "caller_id": "cid1"}
    first = route_matrix.sample_body("POST", "/v1/campaigns/{campaign_id}/invitations", ids)
    second = route_matrix.sample_body("POST", "/v1/campaigns/{campaign_id}/invitations", ids)
    assert first["email"] != second["email"] and "{" not in first["email"]
    content_type, csv = route_matrix.sample_body("POST", "/v1/campaigns/{campaign_id}/contacts/imports", ids)
    assert content_type == "text/csv" and csv.startswith("name,phone,state\n") and "{" not in csv
    assert route_matrix.sample_body("GET", "/v1/campaigns/{campaign_id}", ids) is None
    assert route_matrix.sample_body("DELETE", "/v1/campaigns/{campaign_id}", ids) is None


def test_a_write_route_without_a_sample_body_fails_by_name():
    with pytest.raises(AssertionError, match="POST /v1/campaigns/{campaign_id}/brand-new"):
        route_matrix.sample_body("POST", "/v1/campaigns/{campaign_id}/brand-new", {})


def _outline(tags, actions):
    table = SimpleNamespace(rows=[{"what it does": action} for action in actions])
    return SimpleNamespace(tags=tags, examples=[SimpleNamespace(table=table)])


def test_rows_are_the_routes_of_the_actions_of_the_outlines_with_the_tag_only():
    feature = SimpleNamespace(scenarios=[
        _outline(["critical", "every-campaign-route"], ["see the campaign"]),
        _outline(["every-resource-route"], ["see a call"]),
        SimpleNamespace(tags=["every-campaign-route"], name="a plain scenario has no examples"),
    ])
    assert route_matrix.outline_rows(feature, "every-campaign-route") == {
        ("GET", "/v1/campaigns/{campaign_id}")}


def test_an_action_with_no_known_route_says_where_to_add_it():
    feature = SimpleNamespace(scenarios=[_outline(["every-campaign-route"], ["paint the office"])])
    with pytest.raises(AssertionError, match="WORKFLOW.routes"):
        route_matrix.outline_rows(feature, "every-campaign-route")


def test_every_write_route_has_a_valid_sample_body():
    writes = [route for route in route_matrix.routes().values() if route.split()[0] in route_matrix.WRITES]
    assert writes and all(route in route_matrix.sample_bodies() for route in writes)


def test_fingerprint_differences_say_what_changed():
    before = {"postgres": {"contacts": (2, "aa"), "calls": (1, "bb")}, "redis": {"k": ("hash", {"n": "1"})}}
    after = {"postgres": {"contacts": (3, "cc"), "calls": (1, "dd")}, "redis": {}}
    assert fingerprint.differences(before, after) == [
        "calls: 1 rows -> 1 rows (contents changed)", "contacts: 2 rows -> 3 rows", "redis k: gone"]
    assert fingerprint.differences(before, before) == []


def test_empty_parts_name_tables_where_a_probe_would_prove_nothing():
    print_ = {"postgres": {"contacts": (2, "aa"), "calls": (0, ""), "inbound_messages (organization)": (0, ""),
                           "do_not_call (organization)": (0, "")}, "redis": {}}
    assert fingerprint.empty_parts(print_) == ["calls", "do_not_call (organization)"]


@pytest.mark.parametrize("key, volatile", [
    ("cp:campaign:c1:cps:1763790000", True), ("cp:campaign:c1:donation-totals:log", True),
    ("cp:campaign:c1:donation-totals", False), ("cp:campaign:c1:active-calls", False)])
def test_keys_that_change_by_themselves_are_left_out(key, volatile):
    assert bool(fingerprint.volatile_keys().search(key)) is volatile
