"""What the suite's clients of the doubles share: one call per control route that returns the
parsed JSON or fails with an AssertionError (status and body), every exchange attached, redacted,
to the Allure step that made it, and polling a log until it holds what a step waits for (only the
last look attached, not every poll)."""
from __future__ import annotations

from collections.abc import Callable

from support.platform_client import session_for
from support.polling import wait_until
from support.reporting import attach_exchange, attach_json

# A control call can wait on the platform (up to a double's 10 s delivery timeout, twice for a
# redelivery), so control calls get more time than platform calls.
TIMEOUT = 60


def present(**given) -> dict:
    """The values given, but for those left out (None): a query or a body's optional fields."""
    return {name: value for name, value in given.items() if value is not None}


class DoubleClient:
    """``name`` says which double an error came from; ``attach=False`` for a load run, which
    does not attach thousands of exchanges."""
    name = "double"

    def __init__(self, url: str, attach: bool = True):
        self.url = url.rstrip("/")
        self.session = session_for(self.url)
        if attach:
            self.session.hooks["response"].append(attach_exchange)
        self._quiet = session_for(self.url)  # polls: only the last look is attached

    def _call(self, method: str, path: str, expected: int = 200, *, quiet: bool = False,
              **kwargs):
        session = self._quiet if quiet else self.session
        response = session.request(method, self.url + path, timeout=TIMEOUT, **kwargs)
        if response.status_code != expected:
            raise AssertionError(f"{self.name} double: {method} {path} answered "
                                 f"{response.status_code} (expected {expected}): {response.text}")
        return response.json()

    def health(self) -> dict:
        return self._call("GET", "/health")

    def set_outage(self, mode: str, status: int = 503, seconds: float = 30.0) -> dict:
        """The whole third party down (``error``: 5xx; ``hang``) or back (``none``)."""
        return self._call("PUT", "/control/outage", json={"mode": mode, "status": status, "seconds": seconds})

    def outage(self) -> dict:
        """The outage and the requests received since it was set."""
        return self._call("GET", "/control/outage")

    def _wait(self, path: str, key: str, predicate: Callable[[list[dict]], bool],
              timeout: float, what: str, **params) -> list[dict]:
        """Poll ``path`` until ``predicate(listing[key])`` holds; return that list."""
        params = present(**params)

        def look() -> list[dict]:
            return self._call("GET", path, quiet=True, params=params)[key]

        try:
            found = wait_until(look, timeout=timeout, interval=0.01, until=predicate, what=what)
        except AssertionError:
            attach_json(f"{self.name} {key} (last look)", {key: look()})
            raise
        attach_json(f"{self.name} {key}", {key: found})
        return found
