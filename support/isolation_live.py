"""Several rival campaigns in one scenario: each with its own dialing and donation desk.

The suite's desks (support/dialing.py, support/donations.py) serve "the scenario's one campaign".
An isolation scenario has rivals side by side, so each campaign gets desks of its own, built on a
view of the world in which that campaign is the only one (``CampaignView``): the desks work
unchanged, and everything they arrange or probe stays that campaign's.

Also here: what isolation checks need beyond the desks — a channel that must stay silent, a
burst of dials that must fall in one second (the pacing key is per second), a notification sent
with another campaign's webhook credentials.
"""
from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

import requests

from support.dialing import Attempt, DialingDesk
from support.donations import DonationDesk, Gift
from support.live import ChannelRefused, LiveChannel
from support.polling import stays, wait_until
from support.reporting import attach_json, register_secret

QUIET = 0.5  # seconds a channel must stay silent after the rival's events were all delivered
SAME_SECOND_TRIES = 5


class CampaignView:
    """The world as one campaign's desks see it: its ``sole_campaign`` is that campaign, and
    everything else (people, the client, probes, clean-ups, answers) is the real world's."""

    def __init__(self, world, campaign_name: str):
        self._world, self._campaign_name = world, campaign_name

    @property
    def sole_campaign(self):
        return self._world.campaign(self._campaign_name)

    def __getattr__(self, name: str):
        return getattr(self._world, name)


class Rivals:
    """Per-campaign desks for a scenario with several campaigns, made on first use."""

    def __init__(self, world):
        self.world = world
        # the doubles the world's own desks were given
        self._processor = world.donations.processor
        self._carrier, self._account_id = world.dialing.carrier, world.dialing.account_id
        self._dialing: dict[str, DialingDesk] = {}
        self._donations: dict[str, DonationDesk] = {}
        self.boards: dict[str, LiveChannel] = {}  # person -> the call board they watch
        self.last: tuple[str, Attempt] | None = None  # (campaign, the last dial or report)
        self.api_keys: dict[str, str] = {}  # campaign -> an API key of it

    def dialing(self, campaign_name: str) -> DialingDesk:
        if campaign_name not in self._dialing:
            self._dialing[campaign_name] = DialingDesk(CampaignView(self.world, campaign_name),
                                                       self._carrier, self._account_id)
        return self._dialing[campaign_name]

    def donations(self, campaign_name: str) -> DonationDesk:
        if campaign_name not in self._donations:
            self._donations[campaign_name] = DonationDesk(CampaignView(self.world, campaign_name),
                                                          self._processor)
        return self._donations[campaign_name]

    def owner(self, campaign_name: str) -> str:
        return self.world.campaign(campaign_name).owner

    # -- live channels ---------------------------------------------------------------------------
    def watch(self, person_name: str, kind: str, campaign_name: str) -> LiveChannel:
        """The person subscribes to the campaign's dashboard or call board (refusal: raised).
        Dashboards are kept where the world's donation desk keeps them (another step module may
        have opened one), call boards here."""
        if kind == "dashboard":
            return self.world.donations.watch(person_name, campaign_name)
        channel = self.dialing(campaign_name).watch(person_name)
        self.boards[person_name] = channel
        return channel

    def channel(self, person_name: str, kind: str) -> LiveChannel:
        watched = self.world.donations.dashboards if kind == "dashboard" else self.boards
        assert person_name in watched, f"{person_name} is not watching a {kind}"
        return watched[person_name]

    def refusal(self, token: str, kind: str, campaign_id: str) -> int | None:
        """The close code a subscription with the token (a person's access token or an API key)
        to that campaign's channel gets; None if it was let in (then closed again at once)."""
        path = "donations" if kind == "dashboard" else "calls"
        try:
            channel = LiveChannel(self.world.client.base_url,
                                  f"/v1/campaigns/{campaign_id}/live/{path}", token)
        except ChannelRefused as refused:
            return refused.code
        channel.close()
        return None

    def make_api_key(self, person_name: str, campaign_name: str, role: str) -> str:
        """The person makes an API key of the campaign (API.md, Isolation: API keys). Made
        outside the client's attaching session: the answer shows the key, which is registered
        as a secret before anything about it is attached."""
        campaign = self.world.campaign(campaign_name)
        response = requests.post(
            f"{self.world.client.base_url}/v1/campaigns/{campaign.campaign_id}/api-keys",
            headers={"Authorization": f"Bearer {self.world.person(person_name).token}"},
            json={"name": f"{campaign_name} integration", "role": role}, timeout=10)
        body = response.json() if response.headers.get("content-type", "").startswith(
            "application/json") else {}
        if response.status_code == 201:
            self.api_keys[campaign_name] = register_secret(body["key"])
        attach_json("platform: make an API key", {"status": response.status_code, "answer": body})
        assert response.status_code == 201, f"could not make an API key: {response.status_code} {body}"
        return self.api_keys[campaign_name]

    # -- dialing ---------------------------------------------------------------------------------
    def burst(self, campaign_name: str, count: int, city: str) -> list[Attempt]:
        """The campaign's owner dials ``count`` new contacts in the city at once."""
        desk, caller = self.dialing(campaign_name), self.owner(campaign_name)
        names = [f"Crowd{n}" for n in range(count)]
        for name in names:
            desk.contact_in(name, city)
        with ThreadPoolExecutor(max_workers=count) as pool:
            return list(pool.map(lambda name: desk.dial(caller, name), names))

    def burst_then_rival(self, busy: str, count: int, rival: str, contact_name: str,
                         clock: Callable[[], float] = time.time) -> tuple[list[Attempt], Attempt]:
        """``busy`` dials ``count`` contacts at once, then ``rival`` dials the contact, all within
        one second of the clock (the per-second pace is counted per second). A round that
        straddles a second is undone (its placed calls end) and made again. Only the dial
        requests are timed: what the desk asks the carrier first is asked before the round."""
        desk, rival_desk = self.dialing(busy), self.dialing(rival)
        names = [f"Burst{n}" for n in range(count)]
        for name in names:
            if name not in desk.desk.contacts:
                desk.contact_in(name, "Columbus")
        caller, rival_caller = self.owner(busy), self.owner(rival)

        def round_() -> tuple[list[Attempt], Attempt]:
            burst = [prepared_dial(desk, caller, name) for name in names]
            last = prepared_dial(rival_desk, rival_caller, contact_name)
            started = clock()
            with ThreadPoolExecutor(max_workers=count) as pool:
                placed = list(pool.map(lambda dial: dial(), burst))
            return (placed, last()), started

        def undo(burst: list[Attempt], last: Attempt) -> None:
            for attempt in burst:
                if attempt.call_id:
                    desk.finish(attempt)
            if last.call_id:
                rival_desk.finish(last)

        return within_one_second(round_, undo, clock)

    # -- donations -------------------------------------------------------------------------------
    def give_many(self, campaign_name: str, count: int, cents: int, workers: int = 10) -> list[Gift]:
        """``count`` different donors give to the campaign at once, through the processor."""
        desk = self.donations(campaign_name)
        donors = [f"Donor{n}" for n in range(count)]
        for donor in donors:  # made before the threads, so no two threads create one donor
            desk.donor(donor)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            gifts = [gift for given in pool.map(lambda d: desk.give(d, cents), donors)
                     for gift in given]
        assert len(gifts) == count, f"the processor made {len(gifts)} line items for {count} gifts"
        return gifts

    def gift(self, donor_name: str, cents: int) -> Gift:
        """The donor's newest gift of that amount, to whichever campaign."""
        found = [gift for desk in self._donations.values() for gift in desk.gifts
                 if gift.donor == donor_name and gift.cents == cents]
        assert found, f"{donor_name} gave nothing of {cents} cents"
        return found[-1]

    def give_with_credentials_of(self, owner_campaign: str, donor_name: str, cents: int,
                                 target_campaign: str) -> Gift:
        """A notification for ``target_campaign``'s webhook, sent with ``owner_campaign``'s
        webhook username and password (as a sender holding the wrong campaign's credentials)."""
        owner = self.donations(owner_campaign).accounts[owner_campaign]
        target = self.donations(target_campaign)
        self._processor.set_webhook_credentials(target.accounts[target_campaign].account_id,
                                                owner.username, owner.password)
        (gift,) = target.give(donor_name, cents)
        return gift


def prepared_dial(desk: DialingDesk, caller: str, contact_name: str) -> Callable[[], Attempt]:
    """``desk.dial(caller, contact_name)`` in two halves: what it asks the carrier double first
    (its cursor) now, and the dial request itself when the result is
    called, so that a timed window holds only requests to the platform."""
    campaign, contact = desk.world.sole_campaign, desk.contact(contact_name)
    caller_id = desk.desk.caller_ids[desk.caller_id_number]
    token, before = desk.world.person(caller).token, desk.carrier.cursor()

    def dial() -> Attempt:
        response = desk.world.remember(desk.world.client.dial(
            token, campaign.campaign_id, contact.contact_id, "manual", caller_id.caller_id))
        attempt = Attempt(contact_name, "manual", response, before)
        if response.status_code == 201:
            body = response.json()
            attempt.call_id, attempt.carrier_call_id = body["call_id"], body["carrier_call_id"]
        desk.desk.attempts.append(attempt)
        return attempt
    return dial


def within_one_second(round_: Callable[[], tuple[tuple, float]], undo: Callable[..., None],
                      clock: Callable[[], float] = time.time, tries: int = SAME_SECOND_TRIES):
    """Run ``round_`` (it returns its result and the clock reading at which its timed part
    started) until one run starts and ends in the same second of ``clock``; a run that
    straddled a second is undone (``undo(*result)``), and the next starts in a second that no
    earlier run touched (what it placed in its last second still counts there). Returns the
    result."""
    for _ in range(tries):
        result, started = round_()
        ended = clock()
        if int(ended) == int(started):
            return result
        undo(*result)
        wait_until(lambda: int(clock()) > int(ended), timeout=2, interval=0.01,
                   what="a second no earlier round touched")
    raise AssertionError(f"could not fit the dials into one second in {tries} tries")


def assert_silent(channel: LiveChannel, what: str, duration: float = QUIET) -> None:
    """The channel has received no event at all, and receives none for ``duration`` seconds.
    Call it once the events it must not get were delivered elsewhere (so they were published)."""
    try:
        stays(lambda: not channel.matching(lambda event: True), duration=duration, what=what)
    except AssertionError:
        received = channel.matching(lambda event: True)
        attach_json(f"live events: {what} (it was not silent)", received)
        raise AssertionError(f"{what}: it received {len(received)} event(s): {received[:5]}") from None
    attach_json(f"live events: {what}", {"silent_for_seconds": duration, "events": []})


def campaign_that_does_not_exist() -> str:
    return str(uuid.uuid4())
