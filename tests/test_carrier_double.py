"""The carrier double keeps its contract (support/doubles/carrier.md): calls and texts through the
provider API, signed callbacks (D1, D2, D5) and the delivery modes that break them on purpose.

One double for the session runs in this process on a free port (tests/conftest.py); each test
opens its own account on it. The test's own inbox (tests/inboxes.py) stands for the platform,
records what it receives (with its clock at receipt) and answers the status codes a test scripts.
"""
import http.client
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from urllib.parse import urlsplit

import pytest
import requests
from inboxes import Inbox

from support.carrier import CarrierDoubleClient
from support.doubles.carrier import SIGNATURE_HEADER, sign, verify

SECRET = "whsec-carrier-0123456789abcdef"
CALLER_ID, VOTER = "+12025550100", "+13125550199"


class Receiver(Inbox):
    """Records every callback with its signature and the clock at receipt."""

    path = "/carrier/callbacks"

    def record(self, headers, body):
        return {"body": body, "now": time.time(), "signature": headers.get(SIGNATURE_HEADER),
                "content_type": headers["Content-Type"]}

    def reply(self, entry, status):
        return status, ({"ok": True} if status == 200 else {"error": {"code": "bad_signature"}})

    def verified(self, secrets=SECRET) -> list[bool]:
        """What the platform's check (the reference ``verify``) says of each request."""
        with self._lock:
            return [verify(secrets, r["signature"], r["body"], now=r["now"])
                    for r in self.received]


@pytest.fixture
def receiver(inboxes):
    with inboxes.opened(Receiver()) as receiver:
        yield receiver


@pytest.fixture
def double(carrier_double):
    """The session's carrier double (tests/conftest.py); each test opens its own account."""
    return carrier_double


@pytest.fixture
def client(double):
    return CarrierDoubleClient(double)


@pytest.fixture
def account(client, receiver):
    return client.open_account(receiver.url, SECRET)


def _api(double, account, method, path, **kwargs):
    return requests.request(method, double + path, timeout=5,
                            headers={"Authorization": f"Bearer {account['api_key']}"}, **kwargs)


def _place(double, account, to=VOTER, mode="predictive", campaign_ref="camp-1"):
    reply = _api(double, account, "POST", "/api/v1/calls",
                 json={"to": to, "from": CALLER_ID, "mode": mode, "campaign_ref": campaign_ref})
    assert reply.status_code == 201, reply.text
    return reply.json()["call_id"]


# -- the reference check -----------------------------------------------------------------------
def test_verify_accepts_a_signature_within_300_seconds_either_way_and_nothing_else():
    body, t = b'{"event": "answered"}', 1_700_000_000
    header = sign(SECRET, body, t)
    assert header.startswith(f"t={t},v1=") and len(header.rpartition("v1=")[2]) == 64
    assert verify(SECRET, header, body, now=t)
    assert verify(SECRET, header, body, now=t + 300) and verify(SECRET, header, body, now=t - 300)
    assert not verify(SECRET, header, body, now=t + 301)   # stale
    assert not verify(SECRET, header, body, now=t - 301)   # from the future
    assert not verify("another-secret", header, body, now=t)
    assert not verify(SECRET, header, body + b" ", now=t)  # the raw bytes are signed
    assert verify(["old-secret", SECRET], header, body.decode(), now=t)  # rotation: two secrets
    wrong = sign("another-secret", body, t).rpartition(",")[2]
    assert verify(SECRET, f"{header},{wrong}", body, now=t)  # any v1 may match
    assert verify(SECRET, f"{wrong}, {header}", body, now=t)
    for malformed in (None, "", "v1=abc", f"t=abc,{header.partition(',')[2]}",
                      f"t={t}", f"{header},t={t}", "garbage"):
        assert not verify(SECRET, malformed, body, now=t), malformed


# -- callbacks ---------------------------------------------------------------------------------
def test_a_call_event_is_a_signed_status_callback_and_changes_the_call(
        client, account, receiver, double):
    call_id = _place(double, account)
    sent = client.call_event(call_id, "answered", answered_by="human",
                             at="2026-03-01T18:00:00-05:00")

    [body] = receiver.bodies()
    assert set(body) == {"event_id", "call_id", "event", "answered_by", "digit", "occurred_at"}
    assert (body["call_id"], body["event"], body["answered_by"], body["digit"]) == \
        (call_id, "answered", "human", None)
    assert body["occurred_at"] == "2026-03-01T18:00:00-05:00"
    assert receiver.verified() == [True]
    assert receiver.received[0]["content_type"] == "application/json"
    first = sent["first_attempt"]
    assert (first["event_id"], first["call_id"], first["status"], first["delivery"]) == \
        (body["event_id"], call_id, 200, "normal")
    [call] = client.calls(account["account_id"])["calls"]
    assert call["status"] == "answered"
    assert [e["event_id"] for e in call["events"]] == [body["event_id"]]


@pytest.mark.parametrize("delivery", ["forged", "stale", "future", "unsigned"])
def test_broken_deliveries_do_not_verify(client, account, receiver, double, delivery):
    call_id = _place(double, account)
    receiver.script = [401]
    sent = client.call_event(call_id, "ringing", delivery=delivery)

    assert receiver.verified() == [False]
    signature = receiver.received[0]["signature"]
    if delivery == "unsigned":
        assert signature is None
    else:
        t = int(signature.partition(",")[0][2:])
        skew = t - receiver.received[0]["now"]
        assert {"forged": abs(skew) < 5, "stale": skew <= -301, "future": skew >= 301}[delivery]
    first = sent["first_attempt"]
    assert (first["status"], first["error_code"], first["delivery"]) == \
        (401, "bad_signature", delivery)


def test_twice_sends_the_same_event_id_again(client, account, receiver, double):
    call_id = _place(double, account)
    sent = client.call_event(call_id, "completed", delivery="twice")

    first, second = receiver.received
    assert first["body"] == second["body"]
    assert receiver.verified() == [True, True]
    assert sent["redelivery"]["event_id"] == sent["first_attempt"]["event_id"]
    log = client.callbacks(account["account_id"])["callbacks"]
    assert [(c["event_id"], c["redelivery"]) for c in log] == [
        (sent["first_attempt"]["event_id"], False), (sent["first_attempt"]["event_id"], True)]
    [call] = client.calls(account["account_id"])["calls"]
    assert len(call["events"]) == 1


def test_every_event_has_its_own_id_and_a_completed_call_takes_no_more(
        client, account, receiver, double):
    call_id = _place(double, account, mode="prerecorded")
    for event, extra in (("ringing", {}), ("answered", {"answered_by": "machine"}),
                         ("key_press", {"digit": "9"}), ("completed", {})):
        client.call_event(call_id, event, **extra)

    bodies = receiver.bodies()
    assert [b["event"] for b in bodies] == ["ringing", "answered", "key_press", "completed"]
    assert len({b["event_id"] for b in bodies}) == 4 and bodies[2]["digit"] == "9"
    assert client.calls(account["account_id"])["calls"][0]["status"] == "completed"
    late = requests.post(f"{double}/control/calls/{call_id}/events", json={"event": "ringing"},
                         timeout=5)
    assert (late.status_code, late.json()["error"]["code"]) == (409, "call_completed")
    for bad in ({"event": "answered"}, {"event": "key_press", "digit": "x"},
                {"event": "ringing", "answered_by": "human"}, {"event": "hung_up"},
                {"event": "ringing", "delivery": "sometimes"}):
        other = _place(double, account)
        reply = requests.post(f"{double}/control/calls/{other}/events", json=bad, timeout=5)
        assert reply.status_code == 400, bad
    unknown = requests.post(f"{double}/control/calls/call_0/events", json={"event": "ringing"},
                            timeout=5)
    assert unknown.status_code == 404


def test_a_rotated_secret_signs_from_then_on(client, account, receiver, double):
    call_id = _place(double, account)
    client.call_event(call_id, "ringing")
    client.set_signing_secret(account["account_id"], "whsec-rotated-9876543210")
    client.call_event(call_id, "answered", answered_by="human")

    assert receiver.verified(SECRET) == [True, False]
    assert receiver.verified("whsec-rotated-9876543210") == [False, True]
    assert receiver.verified([SECRET, "whsec-rotated-9876543210"]) == [True, True]


def test_an_inbound_text_is_a_signed_callback(client, account, receiver):
    sent = client.inbound_text(account["account_id"], VOTER, CALLER_ID, "  Stop ")

    [body] = receiver.bodies()
    assert set(body) == {"event_id", "event", "from", "to", "body", "received_at"}
    assert (body["event"], body["from"], body["to"], body["body"]) == \
        ("message.received", VOTER, CALLER_ID, "  Stop ")
    assert datetime.fromisoformat(body["received_at"]).tzinfo is not None
    assert receiver.verified() == [True]
    assert (sent["first_attempt"]["event"], sent["first_attempt"]["call_id"]) == \
        ("message.received", None)


def test_any_report_is_sent_as_given_and_signed(client, account, receiver):
    report = {"call_id": "call_never_placed", "event": "fax.received", "extra": "\u0000"}
    sent = client.report(account["account_id"], report)

    [body] = receiver.bodies()
    assert body == {"event_id": sent["first_attempt"]["event_id"], **report}
    assert receiver.verified() == [True]
    assert (sent["first_attempt"]["event"], sent["first_attempt"]["call_id"]) == ("fax.received", "call_never_placed")
    kept = client.report(account["account_id"], {"event_id": "evt_mine", "event": "ringing"})
    assert kept["first_attempt"]["event_id"] == "evt_mine"


def test_an_unreachable_platform_is_logged_not_retried(client, double):
    account = client.open_account("http://127.0.0.1:9/nobody", SECRET)
    sent = client.inbound_text(account["account_id"], VOTER, CALLER_ID, "STOP")

    assert sent["first_attempt"]["status"] is None and sent["first_attempt"]["response"]
    assert len(client.callbacks(account["account_id"])["callbacks"]) == 1


# -- the provider API --------------------------------------------------------------------------
def test_the_provider_api_needs_the_api_key(double, account):
    for headers in ({}, {"Authorization": "Bearer ck_not-the-key"},
                    {"Authorization": f"Basic {account['api_key']}"}):
        reply = requests.post(f"{double}/api/v1/calls", headers=headers, timeout=5, json={
            "to": VOTER, "from": CALLER_ID, "mode": "manual", "campaign_ref": "camp-1"})
        assert reply.status_code == 401 and reply.headers["WWW-Authenticate"].startswith("Bearer")


def test_calls_and_texts_are_recorded(client, account, double):
    call_id = _place(double, account, mode="manual", campaign_ref="camp-7")
    text = _api(double, account, "POST", "/api/v1/messages", json={
        "to": VOTER, "from": CALLER_ID, "body": "You will get no more texts from us."})
    assert text.status_code == 201

    [call] = client.calls(account["account_id"])["calls"]
    assert (call["call_id"], call["to"], call["from"], call["mode"], call["campaign_ref"],
            call["status"], call["events"]) == \
        (call_id, VOTER, CALLER_ID, "manual", "camp-7", "queued", [])
    assert datetime.fromisoformat(call["at"]).tzinfo is not None
    [message] = client.messages(account["account_id"])["messages"]
    assert (message["message_id"], message["to"], message["from"], message["body"]) == \
        (text.json()["message_id"], VOTER, CALLER_ID, "You will get no more texts from us.")
    for bad in ({"to": "3125550199", "from": CALLER_ID, "mode": "manual", "campaign_ref": "c"},
                {"to": VOTER, "from": CALLER_ID, "mode": "robo", "campaign_ref": "c"},
                {"to": VOTER, "from": CALLER_ID, "mode": "manual"}):
        assert _api(double, account, "POST", "/api/v1/calls", json=bad).status_code == 400, bad
    assert len(client.calls(account["account_id"])["calls"]) == 1
    assert client.hold(account["account_id"], 1200) == {"account_id": account["account_id"],
                                                        "active": 1200}


def test_an_unavailable_api_answers_503_and_every_request_is_logged(client, account, double):
    client.set_api_available(account["account_id"], False)
    body = {"to": VOTER, "from": CALLER_ID, "mode": "predictive", "campaign_ref": "camp-1"}
    down = _api(double, account, "POST", "/api/v1/calls", json=body)
    assert down.status_code == 503 and down.headers["Retry-After"] == "1"
    assert _api(double, account, "GET", f"/api/v1/lookups/{VOTER}").status_code == 503
    client.set_api_available(account["account_id"], True)
    assert _api(double, account, "POST", "/api/v1/calls", json=body).status_code == 201

    assert len(client.calls(account["account_id"])["calls"]) == 1
    log = client.api_requests(account["account_id"])["requests"]
    assert [(r["method"], r["path"], r["status"]) for r in log] == [
        ("POST", "/api/v1/calls", 503), ("GET", f"/api/v1/lookups/{VOTER}", 503),
        ("POST", "/api/v1/calls", 201)]


def test_lookups_answer_the_line_type_the_suite_set_landline_by_default(client, account, double):
    client.set_line_type(VOTER, "wireless")

    assert _api(double, account, "GET", f"/api/v1/lookups/{VOTER}").json() == \
        {"number": VOTER, "line_type": "wireless"}
    assert _api(double, account, "GET", "/api/v1/lookups/%2B13125550199").json()["line_type"] == \
        "wireless"
    assert _api(double, account, "GET", "/api/v1/lookups/+14155550123").json() == \
        {"number": "+14155550123", "line_type": "landline"}
    assert _api(double, account, "GET", "/api/v1/lookups/4155550123").status_code == 400
    bad = requests.put(f"{double}/control/lookups/%2B14155550123", json={"line_type": "fax"},
                       timeout=5)
    assert bad.status_code == 400


def test_caller_id_verification_phones_a_code_the_platform_checks(client, account, double):
    started = _api(double, account, "POST", "/api/v1/caller-ids", json={"number": CALLER_ID})
    assert started.status_code == 201
    verification_id = started.json()["verification_id"]
    [code] = client.verification_codes(account["account_id"], CALLER_ID)["codes"]
    assert len(code) == 6 and code.isdigit()

    wrong = "000000" if code != "000000" else "111111"
    check = f"/api/v1/caller-ids/{verification_id}/check"
    refused = _api(double, account, "POST", check, json={"code": wrong})
    assert (refused.status_code, refused.json()["error"]["code"]) == (422, "wrong_code")
    accepted = _api(double, account, "POST", check, json={"code": code})
    assert accepted.status_code == 200
    assert accepted.json() == {"verification_id": verification_id, "number": CALLER_ID,
                               "status": "verified"}
    _api(double, account, "POST", "/api/v1/caller-ids", json={"number": CALLER_ID})
    assert len(client.verification_codes(account["account_id"], CALLER_ID)["codes"]) == 2
    assert client.verification_codes(account["account_id"], VOTER)["codes"] == []


# -- load --------------------------------------------------------------------------------------
def test_a_thousand_calls_and_a_thousand_callbacks(account, receiver, double):
    local, address = threading.local(), urlsplit(double)
    headers = {"Authorization": f"Bearer {account['api_key']}", "Content-Type": "application/json"}

    def post(path: str, body: dict) -> tuple[int, dict]:
        """One keep-alive connection per thread, on the stdlib's client (the load's own cost:
        about a third of requests')."""
        if not hasattr(local, "connection"):
            local.connection = http.client.HTTPConnection(address.hostname, address.port,
                                                          timeout=30)
        local.connection.request("POST", path, json.dumps(body), headers)
        reply = local.connection.getresponse()
        return reply.status, json.loads(reply.read())

    def place(n: int) -> str:
        status, body = post("/api/v1/calls", {"to": f"+1312555{n:04d}", "from": CALLER_ID,
                                              "mode": "predictive", "campaign_ref": "camp-load"})
        assert status == 201, body
        return body["call_id"]

    def answer(call_id: str) -> int:
        status, body = post(f"/control/calls/{call_id}/events",
                            {"event": "answered", "answered_by": "human"})
        assert status == 201, body
        return body["first_attempt"]["status"]

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=32) as pool:
        call_ids = list(pool.map(place, range(1000)))
        placed = time.monotonic()
        statuses = list(pool.map(answer, call_ids))
    done = time.monotonic()
    print(f"\n1000 calls placed in {placed - started:.2f} s; 1000 signed callbacks in "
          f"{done - placed:.2f} s")

    assert len(set(call_ids)) == 1000 and statuses == [200] * 1000
    assert len({b["event_id"] for b in receiver.bodies()}) == 1000
    assert all(receiver.verified())
    response = requests.get(f"{double}/control/accounts/{account['account_id']}/calls", timeout=10)
    assert {c["status"] for c in response.json()["calls"]} == {"answered"}


def test_listings_filter_by_number_campaign_and_cursor_on_the_double(client, account, double):
    other = "+14155550123"
    first = _place(double, account, to=VOTER, campaign_ref="camp-1")
    _place(double, account, to=other, campaign_ref="camp-1")
    _place(double, account, to=VOTER, campaign_ref="camp-2")
    cursor = client.cursor()
    later = _place(double, account, to=VOTER, campaign_ref="camp-1")
    _api(double, account, "POST", "/api/v1/messages", json={"to": other, "from": CALLER_ID,
                                                            "body": "Hello"})

    listing = client.calls(account["account_id"], to=VOTER, campaign_ref="camp-1")
    assert [c["call_id"] for c in listing["calls"]] == [first, later]
    assert listing["cursor"] > cursor and listing["calls"][0]["seq"] < cursor
    assert [c["call_id"] for c in client.calls(account["account_id"], to=VOTER,
                                               campaign_ref="camp-1", since=cursor)["calls"]] \
        == [later]
    assert len(client.calls(account["account_id"], campaign_ref="camp-1")["calls"]) == 3
    assert client.calls(account["account_id"], to="+19995550000")["calls"] == []
    assert [m["to"] for m in client.messages(account["account_id"], to=other)["messages"]] == \
        [other]
    assert client.messages(account["account_id"], to=VOTER)["messages"] == []
    assert len(client.api_requests(account["account_id"], since=cursor)["requests"]) == 2
    bad = requests.get(f"{double}/control/accounts/{account['account_id']}/calls?since=x",
                       timeout=5)
    assert (bad.status_code, bad.json()["error"]["code"]) == (400, "invalid_input")


# -- issue 12: what a call plays, how long it rings; signatures at their edges ------------------
def _place_with(double, account, mode, **instructions):
    reply = _api(double, account, "POST", "/api/v1/calls",
                 json={"to": VOTER, "from": CALLER_ID, "mode": mode, "campaign_ref": "camp-play",
                       **instructions})
    assert reply.status_code == 201, reply.text
    return reply.json()["call_id"]


def _call(client, account, call_id):
    (call,) = [c for c in client.calls(account["account_id"], campaign_ref="camp-play")["calls"]
               if c["call_id"] == call_id]
    return call


def test_an_abandoned_call_plays_its_message_at_the_seconds_given(client, account, double, receiver):
    call_id = _place_with(double, account, "predictive", ring_seconds=20,
                          abandon_message="This call is from X.", abandon_after_seconds=2)
    client.call_event(call_id, "answered", answered_by="human", at="2026-03-03T15:00:00+00:00")
    client.call_event(call_id, "agent_connected", at="2026-03-03T15:00:02.100000+00:00")
    played = _call(client, account, call_id)["played"]
    assert played == [{"what": "abandon_message", "text": "This call is from X.",
                       "at": "2026-03-03T15:00:02+00:00", "seconds_after_greeting": 2.0}]


def test_a_caller_within_the_seconds_plays_nothing(client, account, double, receiver):
    call_id = _place_with(double, account, "manual", abandon_message="X", abandon_after_seconds=2)
    client.call_event(call_id, "answered", answered_by="human", at="2026-03-03T15:00:00+00:00")
    client.call_event(call_id, "agent_connected", at="2026-03-03T15:00:02+00:00")
    client.call_event(call_id, "completed", at="2026-03-03T15:05:00+00:00")
    assert _call(client, account, call_id)["played"] == []


def test_a_prerecorded_message_plays_as_the_greeting_ends(client, account, double, receiver):
    call_id = _place_with(double, account, "prerecorded", message="This is X. Call 614-555-0123.")
    client.call_event(call_id, "answered", answered_by="human", at="2026-03-03T15:00:00+00:00")
    (played,) = _call(client, account, call_id)["played"]
    assert (played["what"], played["seconds_after_greeting"]) == ("message", 0.0)


def test_an_unanswered_call_rings_its_ring_time(client, account, double, receiver):
    call_id = _place_with(double, account, "manual", ring_seconds=17)
    answer = client.no_answer(call_id, at="2026-03-03T15:00:00+00:00")
    assert answer["rang_seconds"] == 17
    call = _call(client, account, call_id)
    assert call["status"] == "completed" and call["rang_seconds"] == 17
    assert [e["occurred_at"] for e in call["events"]] == ["2026-03-03T15:00:00+00:00",
                                                          "2026-03-03T15:00:17+00:00"]


@pytest.mark.parametrize("instructions", [{"ring_seconds": 0}, {"ring_seconds": "15"},
                                          {"message": ""}, {"abandon_message": "X"}])
def test_malformed_instructions_are_refused(double, account, instructions):
    reply = _api(double, account, "POST", "/api/v1/calls",
                 json={"to": VOTER, "from": CALLER_ID, "mode": "manual", "campaign_ref": "c",
                       **instructions})
    assert reply.status_code == 400 and reply.json()["error"]["code"] == "invalid_input"


@pytest.mark.parametrize(("delivery", "verifies"), [
    ("empty_signature", False), ("truncated_signature", False), ("empty_v1", False),
    ("genuine_first_of_two", True), ("two_wrong", False), ("one_byte_changed", False),
    ("skew_300_before", True), ("skew_300_after", True), ("skew_301_before", False),
    ("skew_301_after", False),
])
def test_the_edge_deliveries(client, account, receiver, double, delivery, verifies):
    call_id = _place(double, account)
    client.call_event(call_id, "ringing", delivery=delivery)
    (received,) = receiver.received[-1:]
    now = int(received["now"])  # the receiver counts whole seconds, as t is written
    assert verify(SECRET, received["signature"], received["body"], now=now) is verifies


def test_the_secrets_of_a_rotation(client, account, receiver, double):
    client.set_signing_secret(account["account_id"], SECRET + "-2")
    client.set_signing_secret(account["account_id"], SECRET + "-3")
    call_id = _place(double, account)
    for delivery in ("previous_secret", "retired_secret"):
        client.call_event(call_id, "ringing", delivery=delivery)
    previous, retired = receiver.received[-2:]
    assert verify([SECRET + "-3", SECRET + "-2"], previous["signature"], previous["body"], previous["now"])
    assert verify(SECRET, retired["signature"], retired["body"], retired["now"])
    assert not verify([SECRET + "-3", SECRET + "-2"], retired["signature"], retired["body"], retired["now"])


def test_the_replays_send_a_second_copy(client, account, receiver, double):
    call_id = _place(double, account)
    answer = client.call_event(call_id, "ringing", delivery="replay_within_window")
    first, replay = receiver.received[-2:]
    assert (first["body"], first["signature"]) == (replay["body"], replay["signature"])
    assert answer["redelivery"]["redelivery"] is True
    client.call_event(call_id, "ringing", delivery="replay_after_window")
    first, replay = receiver.received[-2:]
    assert verify(SECRET, first["signature"], first["body"], first["now"])
    assert not verify(SECRET, replay["signature"], replay["body"], replay["now"])
