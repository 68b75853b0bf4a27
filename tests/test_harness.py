"""The composition root: clients made from the endpoints, what is fixed for a run read once."""
from types import SimpleNamespace

from support.harness import Harness

ENDPOINTS = SimpleNamespace(base_url="http://platform.test", database_url=None, redis_url=None,
                            mail_url=None, processor_url=None, carrier_url=None,
                            app_database_url=None, carrier_account_id="acct-1")


class FakeSession:
    def __init__(self, document):
        self.document, self.asked = document, []

    def get(self, url, timeout):
        self.asked.append(url)
        return SimpleNamespace(status_code=200, json=lambda: self.document)


def test_the_published_routes_are_read_once_per_run():
    harness = Harness(ENDPOINTS)
    harness.http = FakeSession({"paths": {"/v1/campaigns/{campaign_id}": {"get": {}, "parameters": []},
                                          "/health": {"get": {}}}})
    first, second = harness.published_routes(), harness.published_routes()
    assert first == second == {("GET", "/v1/campaigns/{campaign_id}"), ("GET", "/health")}
    assert harness.http.asked == ["http://platform.test/openapi.json"]
    first.add(("POST", "/v1/changed-by-a-caller"))
    assert ("POST", "/v1/changed-by-a-caller") not in harness.published_routes()


def test_a_double_the_endpoints_do_not_name_is_none_and_each_world_has_its_own_client():
    harness = Harness(ENDPOINTS, attach=False).connect()
    assert harness.processor is None and harness.carrier is None and harness.db is None
    assert harness.app_role is None and harness.carrier_account_id == "acct-1"
    one, two = harness.world(), harness.world()
    assert one.client is not two.client and one.client.base_url == "http://platform.test"
    assert one.carrier_account_id == "acct-1" and one.harness is harness


def test_a_fixture_is_made_once_per_key():
    harness, made = Harness(ENDPOINTS), []
    for _ in range(3):
        harness.shared(("rival", "routes.feature", "Lee"), lambda: made.append(1) or len(made))
    harness.shared(("rival", "roles.feature", "Lee"), lambda: made.append(1) or len(made))
    assert made == [1, 1]


def test_a_quiet_harness_shares_the_probes_and_attaches_nothing():
    harness = Harness(ENDPOINTS)
    harness.http = FakeSession({})
    quiet = harness.quiet()
    assert quiet.http is harness.http and quiet.attach is False
    assert not quiet.platform().session.hooks["response"], "a quiet client attaches nothing"
