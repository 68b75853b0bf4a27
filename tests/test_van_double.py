"""The VAN double keeps its contract (support/doubles/van.md): VAN's Basic credentials with the
database mode, saved lists and exports (a download cut mid-file), canvass results and do-not-call
flags back, throttling with Retry-After and the rate limit, every request logged without
credentials. One double per test module runs in this process on a free port."""
import pytest
import requests

from support.doubles import kit
from support.doubles.van import create_app


@pytest.fixture(scope="module")
def van():
    running = kit.Running(create_app())
    yield running.url
    running.stop()


def committee(url, **given):
    made = requests.post(f"{url}/control/committees", json=given, timeout=5).json()
    return made, (made["application_name"], f"{made['api_key']}|{made['mode']}")


def test_credentials_name_key_and_mode(van):
    made, auth = committee(van)
    assert requests.post(f"{van}/v4/echoes", auth=auth, json={"message": "hi"}).json() == {"message": "hi"}
    for wrong in ((made["application_name"], f"{made['api_key']}|0"), ("other", auth[1]),
                  (made["application_name"], "nope|1")):
        refused = requests.post(f"{van}/v4/echoes", auth=wrong, json={})
        assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthorized"
    logged = requests.get(f"{van}/control/committees/{made['committee_id']}/requests").json()["requests"]
    assert [r["status"] for r in logged] == [200]
    assert made["api_key"] not in str(logged)


def test_export_of_a_saved_list_and_a_cut(van):
    made, auth = committee(van)
    cid = made["committee_id"]
    assert requests.post(f"{van}/control/committees/{cid}/people", json={"generate": 1200}).json()["count"] == 1200
    saved = requests.post(f"{van}/control/committees/{cid}/saved-lists", json={"name": "All"}).json()
    job = requests.post(f"{van}/v4/exportJobs", auth=auth, json={"savedListId": str(saved["savedListId"]),
                                                                 "type": "4"}).json()
    assert job["downloadUrl"] is None
    job = requests.get(f"{van}/v4/exportJobs/{job['exportJobId']}", auth=auth).json()
    lines = requests.get(job["downloadUrl"]).text.splitlines()
    assert lines[0].startswith("VanID,FirstName,LastName") and len(lines) == 1201
    requests.put(f"{van}/control/committees/{cid}/faults", json={"cut_after_rows": 700})
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        requests.get(job["downloadUrl"]).text  # noqa: B018  (reading the body is the test)
    assert requests.post(f"{van}/v4/echoes", auth=auth, json={}).status_code == 503  # the outage began
    requests.put(f"{van}/control/committees/{cid}/faults", json={"outage": None})
    assert requests.get(f"{van}/v4/savedLists/999", auth=auth).status_code == 404


def test_results_back_and_throttling(van):
    made, auth = committee(van, requests_per_second=5)
    cid = made["committee_id"]
    vid = requests.post(f"{van}/control/committees/{cid}/people", json={"people": [
        {"firstName": "Sam", "lastName": "Voter", "phone": "(614) 555-0100"}]}).json()["first_van_id"]
    sent = requests.post(f"{van}/v4/people/{vid}/canvassResponses", auth=auth, json={
        "canvassContext": {"contactTypeId": 1, "inputTypeId": 11}, "resultCodeId": 18})
    assert sent.status_code == 204
    flagged = requests.post(f"{van}/v4/people/findOrCreate", auth=auth, json={
        "vanId": vid, "phones": [{"phoneNumber": "6145550100", "phoneOptInStatus": "O"}]})
    assert flagged.json()["status"] == "UpdatedRecord"
    assert requests.get(f"{van}/control/committees/{cid}/canvass-responses").json()["responses"][0]["result"] \
        == "Left Message"
    assert requests.get(f"{van}/v4/people/{vid}?$expand=phones", auth=auth).json()["phones"][0][
        "phoneOptInStatus"] == "O"
    requests.put(f"{van}/control/committees/{cid}/faults", json={"throttle": 1, "retry_after": 3})
    throttled = requests.post(f"{van}/v4/echoes", auth=auth, json={})
    assert throttled.status_code == 429 and throttled.headers["Retry-After"] == "3"
    statuses = [requests.post(f"{van}/v4/echoes", auth=auth, json={}).status_code for _ in range(6)]
    assert 429 in statuses  # more than 5 in a second
    logged = requests.get(f"{van}/control/committees/{cid}/requests").json()["requests"]
    assert any(r["over_limit"] for r in logged)
