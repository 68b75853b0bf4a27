"""A do-not-call request made by voice during a call (A3.2), without HTTP.

The person on the line says "don't call me again"; the caller records it on the call. The
request is the organization's (A3.5) from that instant (A3.3) through its fifth anniversary day
(A3.4), it withdraws the number's consent in every campaign of the organization (A5.1), and the
entry keeps who recorded it, when (the campaign's clock) and the call. Only a call a person
answered can carry such a request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from uuid import UUID

from campaign_platform.domain.dialing.rules import honoured_until
from campaign_platform.services import Services
from campaign_platform.store import clocks, db, dialing


@dataclass(frozen=True)
class Recorded:
    entry: dict
    created: bool  # False: the call's request was recorded before; this is that entry


@dataclass(frozen=True)
class NotRecorded:
    why: Literal["no_call", "not_answered"]


async def record_verbal_request(
    services: Services, campaign_id: UUID, call_id: UUID, user_id: UUID | None, api_key_id: UUID | None
) -> Recorded | NotRecorded:
    async with db.transaction(services.pool, campaign_id) as conn:
        call = await dialing.get_call(conn, campaign_id, call_id)
        if call is None:
            return NotRecorded("no_call")
        if call["answered_by"] != "human":  # blocked, ringing, unanswered, or a machine
            return NotRecorded("not_answered")
        now = await clocks.campaign_now(conn, campaign_id, services.settings.test_mode)
        row = await dialing.insert_verbal_do_not_call(
            conn, call["organization_id"], call["e164"], now, honoured_until(call["e164"], now), call_id,
            user_id, api_key_id,
        )  # fmt: skip
        if row["created"]:
            await dialing.revoke_consent(conn, call["e164"], now, whole_organization=True)
    return Recorded(dict(row), bool(row["created"]))
