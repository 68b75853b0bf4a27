"""Several rival campaigns in one scenario, side by side: what isolation checks need beyond the
desks.

Each campaign of the world has desks of its own (``campaign.dialing``, ``campaign.donations``,
support/world.py), so everything a step arranges or probes stays that campaign's. Here: a
channel that must stay silent, a burst of dials that must fall in one second (the pacing key is
per second), many donors giving at once, a notification sent with another campaign's webhook
credentials, a subscription tried with somebody's token — and ``LiveTrial``, what those steps
tried, for the steps that check it.
"""
from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from support.dialing import Attempt, DialingDesk
from support.donations import Gift
from support.live import QUIET, ChannelRefused, LiveChannel
from support.polling import stays, wait_until
from support.reporting import attach_json

SAME_SECOND_TRIES = 5


@dataclass
class LiveTrial:
    """What a scenario tried across campaigns, for its later steps (``world.notes(LiveTrial)``)."""
    subscription: tuple | None = None  # (who, token, channel kind, close code or None)
    foreign_gift: Gift | None = None  # sent with another campaign's webhook credentials
    last_call: tuple[str, Attempt] | None = None  # (campaign, the last dial or report)
    paced: tuple[list[Attempt], Attempt] | None = None  # a burst, and the rival's dial


# -- live channels ---------------------------------------------------------------------------------
def refusal(world, token: str, kind: str, campaign_id: str) -> int | None:
    """The close code a subscription with the token (a person's access token or an API key)
    to that campaign's channel gets; None if it was let in (then closed again at once)."""
    try:
        channel = LiveChannel(world.client.base_url,
                              f"/v1/campaigns/{campaign_id}/live/{world.CHANNEL_PATHS[kind]}", token)
    except ChannelRefused as refused:
        return refused.code
    channel.close()
    return None


# -- dialing ---------------------------------------------------------------------------------------
def burst(world, campaign_name: str, count: int, city: str) -> list[Attempt]:
    """The campaign's owner dials ``count`` new contacts in the city at once (kept as the
    desk's ``burst``)."""
    campaign = world.campaign(campaign_name)
    desk, caller = campaign.dialing, campaign.owner
    names = [f"Crowd{n}" for n in range(count)]
    desk.contacts_in(names, city)
    with ThreadPoolExecutor(max_workers=count) as pool:
        desk.burst = list(pool.map(lambda name: desk.dial(caller, name), names))
    return desk.burst


def burst_then_rival(world, busy: str, count: int, rival: str, contact_name: str,
                     clock: Callable[[], float] = time.time) -> tuple[list[Attempt], Attempt]:
    """``busy`` dials ``count`` contacts at once, then ``rival`` dials the contact, all within
    one second of the clock (the per-second pace is counted per second). A round that
    straddles a second is undone (its placed calls end) and made again. Only the dial
    requests are timed: what the desk asks the carrier first is asked before the round."""
    desk, rival_desk = world.campaign(busy).dialing, world.campaign(rival).dialing
    names = [f"Burst{n}" for n in range(count)]
    desk.contacts_in([name for name in names if name not in desk.desk.contacts], "Columbus")
    caller, rival_caller = world.campaign(busy).owner, world.campaign(rival).owner

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


# -- donations -------------------------------------------------------------------------------------
def give_many(world, campaign_name: str, count: int, cents: int, workers: int = 10) -> list[Gift]:
    """``count`` different donors give to the campaign at once, through the processor (kept as
    the desk's ``burst``)."""
    desk = world.campaign(campaign_name).donations
    donors = [f"Donor{n}" for n in range(count)]
    for donor in donors:  # made before the threads, so no two threads create one donor
        desk.donor(donor)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        gifts = [gift for given in pool.map(lambda d: desk.give(d, cents), donors)
                 for gift in given]
    assert len(gifts) == count, f"the processor made {len(gifts)} line items for {count} gifts"
    desk.burst = gifts
    return gifts


def gift(world, donor_name: str, cents: int) -> Gift:
    """The donor's newest gift of that amount, to whichever campaign of the world."""
    found = [gift for campaign in world.campaigns.values() for gift in campaign.donations.gifts
             if gift.donor == donor_name and gift.cents == cents]
    assert found, f"{donor_name} gave nothing of {cents} cents"
    return found[-1]


def give_with_credentials_of(world, owner_campaign: str, donor_name: str, cents: int,
                             target_campaign: str) -> Gift:
    """A notification for ``target_campaign``'s webhook, sent with ``owner_campaign``'s
    webhook username and password (as a sender holding the wrong campaign's credentials)."""
    owner = world.campaign(owner_campaign).donations.account
    target = world.campaign(target_campaign).donations
    world.processor.set_webhook_credentials(target.account.account_id, owner.username,
                                            owner.password)
    (given,) = target.give(donor_name, cents)
    return given


def prepared_dial(desk: DialingDesk, caller: str, contact_name: str) -> Callable[[], Attempt]:
    """``desk.dial(caller, contact_name)`` in two halves: what it asks the carrier double first
    (its cursor) now, and the dial request itself when the result is
    called, so that a timed window holds only requests to the platform."""
    campaign, contact = desk.campaign, desk.contact(contact_name)
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
        wait_until(lambda ended=ended: int(clock()) > int(ended), timeout=2, interval=0.01,
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
