"""The processor double keeps its contract (support/doubles/processor.md): webhooks as B6 says,
the delivery modes, retries, and the pull API (B7).

One double for the session runs in this process on a free port (tests/conftest.py); each test
opens its own account on it. The test's own inbox (tests/inboxes.py) stands for the platform,
records what it receives and answers the status codes a test scripts.
"""
import base64
import csv
import io
from datetime import datetime

import pytest
import requests
from inboxes import Inbox

from support.doubles.processor import CSV_COLUMNS
from support.processor import ProcessorDoubleClient

USERNAME, PASSWORD = "processor", "webhook-password-0123456789"
DONOR = {"firstname": "Ada", "lastname": "Lovelace", "addr1": "1 Main St", "city": "Springfield",
         "state": "IL", "zip": "62701", "country": "US", "email": "ada@example.com",
         "phone": "2175550100", "employerData": {"employer": "Analytical Engines",
                                                 "occupation": "Mathematician"}}
B6_TOP = {"donor", "contribution", "lineitems", "form"}
B6_DONOR = {"firstname", "lastname", "addr1", "city", "state", "zip", "country", "email", "phone",
            "isEligibleForExpressLane", "employerData"}
B6_EMPLOYER = {"employer", "occupation", "employerAddr1", "employerCity", "employerState",
               "employerCountry"}
B6_CONTRIBUTION = {"createdAt", "orderNumber", "contributionForm", "refcodes", "refcode",
                   "recurringPeriod", "recurringDuration", "isRecurring", "isPaypal", "isMobile",
                   "isExpress", "uniqueIdentifier", "customFields", "status"}
B6_LINEITEM = {"sequence", "entityId", "fecId", "committeeName", "amount", "paidAt", "paymentId",
               "lineitemId", "refundedAt"}
B6_FORM = {"name", "kind", "ownerEmail", "managingEntityName", "managingEntityCommitteeName"}


class Receiver(Inbox):
    """Records every notification with its credentials; answers 401 to wrong credentials when
    ``check_credentials`` is on."""

    def __init__(self):
        super().__init__()
        self.check_credentials = False

    def record(self, headers, body):
        user, _, password = base64.b64decode(
            headers.get("Authorization", "Basic ")[6:]).decode().partition(":")
        return {"body": body, "user": user, "password": password,
                "content_type": headers["Content-Type"]}

    def reply(self, entry, status):
        if self.check_credentials and (entry["user"], entry["password"]) != (USERNAME, PASSWORD):
            return 401, {"error": {"code": "invalid_credentials"}}
        return status, ({"received": []} if status == 200 else {"error": {"code": "boom"}})


@pytest.fixture
def receiver(inboxes):
    with inboxes.opened(Receiver()) as receiver:
        yield receiver


@pytest.fixture
def double(processor_double):
    """The session's processor double (tests/conftest.py); each test opens its own account."""
    return processor_double


@pytest.fixture
def client(double):
    return ProcessorDoubleClient(double)


@pytest.fixture
def account(client, receiver):
    return client.open_account(receiver.url, USERNAME, PASSWORD, "Friends of Ada")


def _pull(double, account, csv_type, start, end):
    """The platform's side of B7: request, poll until complete, download."""
    auth = (account["client_id"], account["client_secret"])
    job = requests.post(f"{double}/api/v1/csvs", auth=auth, timeout=5, json={
        "csv_type": csv_type, "date_range_start": start, "date_range_end": end})
    assert job.status_code == 201 and job.json()["status"] == "in_progress"
    polls = [requests.get(f"{double}/api/v1/csvs/{job.json()['id']}", auth=auth, timeout=5).json()
             for _ in range(2)]
    assert [p["status"] for p in polls] == ["in_progress", "complete"]
    assert polls[0]["download_url"] is None
    download = requests.get(polls[1]["download_url"], timeout=5)  # no credentials
    assert download.status_code == 200 and download.headers["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(download.text, newline="")))


def test_an_account_gets_random_pull_api_credentials(account):
    assert len(account["client_secret"]) >= 32
    assert account["fec_id"].startswith("C") and isinstance(account["entity_id"], int)


def test_one_notification_per_line_item_with_the_b6_names_and_the_amount_as_a_string(
        client, account, receiver):
    given = client.give(account["account_id"], DONOR, "25.00",
                        paid_at="2026-03-01T12:00:00-05:00")

    [body] = receiver.bodies()
    assert set(body) == B6_TOP
    assert set(body["donor"]) == B6_DONOR and set(body["donor"]["employerData"]) == B6_EMPLOYER
    assert set(body["contribution"]) == B6_CONTRIBUTION and set(body["form"]) == B6_FORM
    [item] = body["lineitems"]
    assert set(item) == B6_LINEITEM
    assert item["amount"] == "25.00" and item["lineitemId"] == given["lineitem_ids"][0]
    assert item["paidAt"] == "2026-03-01T12:00:00-05:00" and item["refundedAt"] is None
    assert (item["fecId"], item["entityId"]) == (account["fec_id"], account["entity_id"])
    assert body["contribution"]["status"] == "approved"
    assert body["contribution"]["orderNumber"] == given["order_number"]
    assert datetime.fromisoformat(body["contribution"]["createdAt"]).tzinfo is not None
    assert receiver.received[0]["content_type"] == "application/json"
    [first] = given["first_attempts"]
    assert (first["kind"], first["attempt"], first["status"], first["final"]) == \
        ("contribution", 1, 200, True)


def test_http_basic_credentials_are_sent_and_can_be_changed(client, account, receiver):
    client.give(account["account_id"], DONOR, "5.0")
    client.set_webhook_credentials(account["account_id"], USERNAME, "rotated-password-987654")
    client.give(account["account_id"], DONOR, "5.0")

    assert [(r["user"], r["password"]) for r in receiver.received] == [
        (USERNAME, PASSWORD), (USERNAME, "rotated-password-987654")]
    assert receiver.bodies()[0]["lineitems"][0]["amount"] == "5.0"  # verbatim


def test_a_failed_delivery_is_retried_until_it_succeeds(client, account, receiver):
    receiver.script = [500, 500]
    given = client.give(account["account_id"], DONOR, "25.00")
    assert [(a["status"], a["final"]) for a in given["first_attempts"]] == [(500, False)]
    assert given["first_attempts"][0]["error_code"] == "boom"

    log = client.wait_for_deliveries(account["account_id"],
                                     lambda log: any(d["final"] for d in log), timeout=3)
    assert [(d["attempt"], d["status"], d["final"]) for d in log] == [
        (1, 500, False), (2, 500, False), (3, 200, True)]
    assert len({r["body"] for r in receiver.received}) == 1


def test_twice_delivers_the_identical_body_twice(client, account, receiver):
    client.give(account["account_id"], DONOR, "25.00", delivery="twice")

    first, second = receiver.received
    assert first["body"] == second["body"]
    log = client.deliveries(account["account_id"])["deliveries"]
    assert [(d["status"], d["redelivery"]) for d in log] == [(200, False), (200, True)]


def test_a_lost_notification_is_never_delivered_but_is_in_the_csv(
        client, account, receiver, double):
    lost = client.give(account["account_id"], DONOR, "10.00", delivery="lost",
                       paid_at="2026-03-01T10:00:00+00:00")
    assert lost["first_attempts"] == []
    kept = client.give(account["account_id"], DONOR, "20.00", paid_at="2026-03-01T11:00:00+00:00")

    assert [b["lineitems"][0]["lineitemId"] for b in receiver.bodies()] == kept["lineitem_ids"]
    rows = _pull(double, account, "paid_contributions", "2026-03-01", "2026-03-02")
    assert [int(r["Lineitem ID"]) for r in rows] == lost["lineitem_ids"] + kept["lineitem_ids"]


def test_held_notifications_wait_for_release_so_a_refund_can_arrive_first(
        client, account, receiver):
    given = client.give(account["account_id"], DONOR, "25.00", delivery="held")
    [lineitem_id] = given["lineitem_ids"]
    assert given["first_attempts"] == [] and receiver.received == []
    refund = client.refund(account["account_id"], lineitem_id,
                           refunded_at="2026-03-02T09:00:00+00:00")
    released = client.release(account["account_id"])

    assert released["released"] == 1 and released["first_attempts"][0]["kind"] == "contribution"
    refund_body, contribution_body = receiver.bodies()
    assert refund_body["contribution"]["status"] == "refunded"
    assert refund_body["lineitems"][0]["refundedAt"] == "2026-03-02T09:00:00+00:00"
    assert refund_body["lineitems"][0]["lineitemId"] == lineitem_id
    assert contribution_body["contribution"]["status"] == "approved"
    assert contribution_body["lineitems"][0]["refundedAt"] is None
    assert refund["first_attempts"][0]["kind"] == "refund"
    assert client.release(account["account_id"])["released"] == 0


def test_wrong_credentials_send_the_right_username_with_a_wrong_password(
        client, account, receiver):
    receiver.check_credentials = True
    given = client.give(account["account_id"], DONOR, "25.00", delivery="wrong_credentials")

    [first] = given["first_attempts"]
    assert (first["auth"], first["status"], first["error_code"], first["final"]) == \
        ("wrong", 401, "invalid_credentials", False)
    assert receiver.received[0]["user"] == USERNAME
    assert receiver.received[0]["password"] != PASSWORD
    log = client.wait_for_deliveries(account["account_id"], lambda log: len(log) >= 2, timeout=3)
    assert log[1]["attempt"] == 2 and log[1]["auth"] == "wrong"


def test_monthly_installments_are_line_items_a_calendar_month_apart(client, account, receiver):
    given = client.give(account["account_id"], DONOR, "15.00", recurring_period="monthly",
                        installments=3, paid_at="2026-01-31T15:00:00+00:00")

    bodies = receiver.bodies()
    assert len(bodies) == 3 and len(set(given["lineitem_ids"])) == 3
    assert [b["lineitems"][0]["lineitemId"] for b in bodies] == given["lineitem_ids"]
    assert [b["lineitems"][0]["paidAt"] for b in bodies] == [
        "2026-01-31T15:00:00+00:00", "2026-02-28T15:00:00+00:00", "2026-03-31T15:00:00+00:00"]
    assert {b["contribution"]["orderNumber"] for b in bodies} == {given["order_number"]}
    assert all(b["contribution"]["recurringPeriod"] == "monthly"
               and b["contribution"]["isRecurring"] for b in bodies)
    assert len(client.ledger(account["account_id"])["lineitems"]) == 3


def test_the_pull_api_needs_the_client_credentials(double, account):
    for auth in (None, (account["client_id"], "not-the-secret"), ("nobody", "x")):
        reply = requests.post(f"{double}/api/v1/csvs", auth=auth, timeout=5, json={
            "csv_type": "paid_contributions", "date_range_start": "2026-01-01",
            "date_range_end": "2026-02-01"})
        assert reply.status_code == 401 and reply.headers["WWW-Authenticate"].startswith("Basic")


def test_the_csv_has_the_columns_and_filters_by_date_start_inclusive_end_exclusive(
        client, account, double):
    ids = {}
    for day in ("2026-02-28T23:59:59+00:00", "2026-03-01T00:00:00+00:00",
                "2026-03-31T23:00:00+00:00", "2026-04-01T00:00:00+00:00",
                "2026-03-31T21:00:00-05:00"):  # 2026-04-01 in UTC
        ids[day] = client.give(account["account_id"], DONOR, "25.5", paid_at=day,
                               delivery="lost")["lineitem_ids"][0]

    auth = (account["client_id"], account["client_secret"])
    job = requests.post(f"{double}/api/v1/csvs", auth=auth, timeout=5, json={
        "csv_type": "paid_contributions", "date_range_start": "2026-03-01",
        "date_range_end": "2026-04-01"}).json()
    requests.get(f"{double}/api/v1/csvs/{job['id']}", auth=auth, timeout=5)
    url = requests.get(f"{double}/api/v1/csvs/{job['id']}", auth=auth, timeout=5).json()
    text = requests.get(url["download_url"], timeout=5).text
    assert text.splitlines()[0] == ",".join(CSV_COLUMNS) and "\r\n" in text

    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [int(r["Lineitem ID"]) for r in rows] == [ids["2026-03-01T00:00:00+00:00"],
                                                     ids["2026-03-31T23:00:00+00:00"]]
    row = rows[0]
    assert (row["Amount"], row["Recipient Gov ID"], row["Refund ID"], row["Refund Date"]) == \
        ("25.50", account["fec_id"], "", "")
    assert (row["Donor First Name"], row["Donor ZIP"], row["Donor Employer"],
            row["Recurring Period"]) == ("Ada", "62701", "Analytical Engines", "once")
    assert datetime.fromisoformat(row["Date"]).tzinfo is not None
    bad = requests.post(f"{double}/api/v1/csvs", auth=auth, timeout=5, json={
        "csv_type": "paid_contributions", "date_range_start": "2026-03-01",
        "date_range_end": "2026-03-01"})
    assert bad.status_code == 422
    unknown = requests.post(f"{double}/api/v1/csvs", auth=auth, timeout=5, json={
        "csv_type": "everything", "date_range_start": "2026-03-01",
        "date_range_end": "2026-04-01"})
    assert unknown.status_code == 422


def test_refunded_contributions_are_filtered_by_refund_date(client, account, double):
    paid = client.give(account["account_id"], DONOR, "40.00", paid_at="2026-02-10T12:00:00+00:00",
                       delivery="lost")["lineitem_ids"][0]
    other = client.give(account["account_id"], DONOR, "60.00",
                        paid_at="2026-02-11T12:00:00+00:00", delivery="lost")["lineitem_ids"][0]
    refund = client.refund(account["account_id"], paid, refunded_at="2026-03-05T08:00:00+00:00",
                           delivery="lost")
    client.refund(account["account_id"], other, refunded_at="2026-04-05T08:00:00+00:00",
                  delivery="lost")

    [row] = _pull(double, account, "refunded_contributions", "2026-03-01", "2026-04-01")
    assert (int(row["Lineitem ID"]), row["Refund ID"], row["Refund Date"]) == \
        (paid, str(refund["refund_id"]), "2026-03-05T08:00:00+00:00")
    assert row["Date"] == "2026-02-10T12:00:00+00:00"
    assert len(_pull(double, account, "paid_contributions", "2026-02-01", "2026-03-01")) == 2


def test_an_unavailable_pull_api_answers_503_and_every_call_is_logged(client, account, double):
    auth = (account["client_id"], account["client_secret"])
    body = {"csv_type": "paid_contributions", "date_range_start": "2026-01-01",
            "date_range_end": "2026-02-01"}
    client.set_pull_api_available(account["account_id"], False)
    assert requests.post(f"{double}/api/v1/csvs", auth=auth, json=body, timeout=5).status_code \
        == 503
    client.set_pull_api_available(account["account_id"], True)
    assert requests.post(f"{double}/api/v1/csvs", auth=auth, json=body, timeout=5).status_code \
        == 201

    calls = client.pull_api_calls(account["account_id"])["calls"]
    assert [(c["method"], c["path"], c["status"]) for c in calls] == [
        ("POST", "/api/v1/csvs", 503), ("POST", "/api/v1/csvs", 201)]


def test_raw_bodies_are_sent_verbatim_once(client, account, receiver):
    receiver.script = [422]
    sent = client.send_raw(account["account_id"], '{"lineitems": [{"amount": "abc"}]}')

    assert receiver.received[0]["body"] == b'{"lineitems": [{"amount": "abc"}]}'
    assert (receiver.received[0]["user"], receiver.received[0]["password"]) == (USERNAME, PASSWORD)
    [first] = sent["first_attempts"]
    assert (first["kind"], first["status"], first["final"]) == ("raw", 422, True)


def test_bad_control_requests_are_refused(client, account, double):
    url = f"{double}/control/accounts/{account['account_id']}"
    for amount in ("abc", "-5.00", "0", 25):
        reply = requests.post(f"{url}/contributions", json={"donor": DONOR, "amount": amount},
                              timeout=5)
        assert reply.status_code == 400, amount
    assert requests.post(f"{url}/refunds", json={"lineitem_id": 1}, timeout=5).status_code == 404
    assert requests.get(f"{double}/control/accounts/nope/ledger", timeout=5).status_code == 404
    with pytest.raises(AssertionError, match="404"):
        client.refund(account["account_id"], 1)


def test_the_delivery_log_filters_by_line_item_on_the_double(client, account, receiver):
    first = client.give(account["account_id"], DONOR, "5.00")["lineitem_ids"][0]
    second = client.give(account["account_id"], DONOR, "6.00", delivery="twice")["lineitem_ids"][0]

    log = client.deliveries(account["account_id"], lineitem_id=second)["deliveries"]
    assert [(d["lineitem_id"], d["redelivery"]) for d in log] == [(second, False), (second, True)]
    assert [d["lineitem_id"] for d in client.deliveries(account["account_id"],
                                                        lineitem_id=first)["deliveries"]] == [first]
    assert len(client.deliveries(account["account_id"])["deliveries"]) == 3


def test_a_cancellation_names_the_newest_instalment_and_moves_no_money(client, account, receiver):
    given = client.give(account["account_id"], DONOR, "15.00", recurring_period="monthly",
                        installments=2, paid_at="2026-01-31T15:00:00+00:00")
    cancelled = client.cancel(account["account_id"], given["order_number"],
                              cancelled_at="2026-03-10T09:00:00+00:00")

    body = receiver.bodies()[-1]
    assert cancelled["lineitem_id"] == given["lineitem_ids"][-1] == body["lineitems"][0]["lineitemId"]
    assert (body["contribution"]["status"], body["contribution"]["cancelledAt"]) == (
        "cancelled", "2026-03-10T09:00:00+00:00")
    assert body["lineitems"][0]["refundedAt"] is None and cancelled["first_attempts"][0]["kind"] == "cancellation"
    assert len(client.ledger(account["account_id"])["lineitems"]) == 2  # nothing refunded or added
    with pytest.raises(AssertionError, match="already_cancelled"):
        client.cancel(account["account_id"], given["order_number"])
    once = client.give(account["account_id"], DONOR, "5.00")
    with pytest.raises(AssertionError, match="not_recurring"):
        client.cancel(account["account_id"], once["order_number"])
