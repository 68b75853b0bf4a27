"""Operations: the platform's third parties failing and coming back (the doubles' outage control
and the platform's breakers), the operator's health view, the dashboard's counters (/metrics) and
the error tracker's reports. Every arrangement that takes a shared double down undoes itself at
the end of the scenario (the double back, every breaker closed)."""
from __future__ import annotations

import time

from prometheus_client.parser import text_string_to_metric_families

from support.reporting import register_secret

# The platform's names for its third parties -> the harness's double client of each.
THIRD_PARTIES = {"carrier": "carrier", "processor": "processor"}
FAILURES_TO_OPEN = 5  # the stack's CP_BREAKER_FAILURES (the platform's default)


class Operations:
    def __init__(self):
        self.world = None  # bound by the steps (operations_steps.ops)
        self.counters_before: dict[tuple, float] = {}
        self.received_before = 0
        self.burst: list = []
        self.report_answer = None
        self.sent: dict = {}

    # -- the third parties -----------------------------------------------------------------------
    def double(self, name: str):
        double = getattr(self.world.harness, THIRD_PARTIES[name])
        assert double is not None, f"the profile names no {name} double"
        return double

    def down(self, name: str, mode: str = "error") -> None:
        self.double(name).set_outage(mode)
        self.world.cleanups.append(lambda: self._recover(name))

    def back(self, name: str) -> None:
        self.double(name).set_outage("none")

    def received_while_down(self, name: str) -> int:
        return self.double(name).outage()["received"]

    def end_cool_down(self, name: str) -> dict:
        return self.world.expect(self.world.client.end_cool_down(name), 200, "end the cool-down")

    def _recover(self, name: str) -> None:
        self.double(name).set_outage("none")
        self.world.expect(self.world.client.reset_breakers(), 200, "close every breaker")

    # -- the operator's views --------------------------------------------------------------------
    @property
    def operator_token(self) -> str:
        token = self.world.harness.operator_token
        assert token, "the profile names no operator token"
        return register_secret(token)

    def health(self, token: str | None):
        return self.world.remember(self.world.client.health_details(token))

    def counters(self) -> dict[tuple, float]:
        """(sample name, labels) -> value, for the platform's counters."""
        response = self.world.client.metrics(self.operator_token)
        assert response.status_code == 200, f"/metrics answered {response.status_code}: {response.text[:200]}"
        return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
                for family in text_string_to_metric_families(response.text)
                for sample in family.samples
                if sample.name.startswith("cp_") and sample.name.endswith("_total")}

    def moved(self) -> dict[tuple, float]:
        after = self.counters()
        return {key: after[key] - self.counters_before.get(key, 0.0) for key in after
                if after[key] != self.counters_before.get(key, 0.0)}

    # -- error reports ---------------------------------------------------------------------------
    def trigger_error(self, person_name: str, details: dict) -> None:
        person, campaign = self.world.person(person_name), self.world.in_play
        # The details are the feature's own made-up words (not registered as secrets: the step's
        # text shows them); the request's password field is redacted by its name in the report.
        self.sent = {**details, "person": person_name}
        started = time.monotonic()
        self.report_answer = self.world.remember(self.world.client.unhandled_error(
            person.token, campaign.campaign_id, details))
        self.report_took = time.monotonic() - started
