"""The one composition root: from a profile and the endpoints, every client, probe and double client.

environment.py, the benches, the rivals fixture and the load harness ask a ``Harness`` for what
they need and never wire their own: the platform's API client (one per world, so that each
scenario's exchanges are its own), the database and cache probes, the probe that works as the
platform's own database role, the mail, processor and carrier doubles' clients, and the
per-scenario ``World``. A double the endpoints do not name is None (its scenarios are skipped).

What is the same for the whole run is read once and kept: the platform's OpenAPI routes
(``published_routes``) and fixtures shared by the scenarios of one feature (``shared``).
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cached_property

import requests

from support.app_role import AppRole
from support.cache import Cache
from support.carrier import CarrierDoubleClient
from support.db import Database
from support.doubles.client import DoubleClient
from support.doubles.mail import MailDoubleClient
from support.platform_client import PlatformClient, session_for
from support.processor import ProcessorDoubleClient
from support.reassigned import ReassignedDoubleClient
from support.van import VanDoubleClient

HTTP_METHODS = ("get", "post", "put", "patch", "delete")


class ErrorsDoubleClient(DoubleClient):
    """The error tracker double (support/doubles/errors.md)."""
    name = "errors"

    def events(self, request_id: str) -> list[dict]:
        return self._wait("/control/events", "events", bool, 10.0,
                          f"an error report for request {request_id}", request_id=request_id)


class Harness:
    def __init__(self, endpoints, profile=None, *, attach: bool = True):
        """``attach=False``: clients that do not attach every exchange to the report (benches,
        the load scenario's thousands of requests)."""
        self.endpoints, self.profile, self.attach = endpoints, profile, attach
        self._shared: dict = {}
        self._lock = threading.Lock()

    # -- clients and probes ------------------------------------------------------------------
    def platform(self) -> PlatformClient:
        """A fresh client of the platform's API (a world has its own)."""
        return PlatformClient(self.endpoints.base_url, attach=self.attach)

    @cached_property
    def http(self) -> requests.Session:
        return session_for(self.endpoints.base_url)

    @cached_property
    def mail(self) -> MailDoubleClient | None:
        return MailDoubleClient(self.endpoints.mail_url, self.http) if self.endpoints.mail_url else None

    @cached_property
    def processor(self) -> ProcessorDoubleClient | None:
        url = self.endpoints.processor_url
        return ProcessorDoubleClient(url) if url else None

    @cached_property
    def carrier(self) -> CarrierDoubleClient | None:
        url = self.endpoints.carrier_url
        return CarrierDoubleClient(url, attach=self.attach) if url else None

    @cached_property
    def errors(self) -> ErrorsDoubleClient | None:
        url = getattr(self.endpoints, "errors_url", None)
        return ErrorsDoubleClient(url, attach=self.attach) if url else None

    @property
    def operator_token(self) -> str | None:
        return getattr(self.endpoints, "operator_token", None)

    @cached_property
    def van(self) -> VanDoubleClient | None:
        url = getattr(self.endpoints, "van_url", None)
        return VanDoubleClient(url, attach=self.attach) if url else None

    @cached_property
    def reassigned(self) -> ReassignedDoubleClient | None:
        """The reassigned-numbers database double (A7); None: the profile names none."""
        url = getattr(self.endpoints, "reassigned_url", None)
        return ReassignedDoubleClient(url, attach=self.attach) if url else None

    @property
    def reassigned_subscriber_id(self) -> str | None:
        return getattr(self.endpoints, "reassigned_subscriber_id", None)

    @property
    def carrier_account_id(self) -> str | None:
        return getattr(self.endpoints, "carrier_account_id", None)

    @cached_property
    def db(self) -> Database | None:
        return Database(self.endpoints.database_url) if self.endpoints.database_url else None

    @cached_property
    def cache(self) -> Cache | None:
        return Cache(self.endpoints.redis_url) if self.endpoints.redis_url else None

    @cached_property
    def app_role(self) -> AppRole | None:
        """The probe that works as the platform's own database role (None: the profile has none)."""
        dsn = getattr(self.endpoints, "app_database_url", None)
        return AppRole(dsn) if dsn else None

    def connect(self) -> Harness:
        """Make every probe and client the endpoints name now, so that one that cannot connect
        fails the set-up (a broken "suite set-up" result), not the first scenario."""
        for name in ("mail", "processor", "carrier", "van", "db", "cache"):
            getattr(self, name)
        return self

    def world(self):
        """A new per-scenario world: unique people and campaigns, its own API client."""
        from support.world import World  # noqa: PLC0415  (world.py's desks import this module's users)
        return World(self)

    def quiet(self) -> Harness:
        """The same deployment, with clients that attach nothing (the probes are shared)."""
        quiet = Harness(self.endpoints, self.profile, attach=False)
        for shared in ("http", "mail", "processor", "db", "cache", "app_role"):
            if shared in self.__dict__:
                quiet.__dict__[shared] = self.__dict__[shared]
        return quiet

    # -- what is read once per run -----------------------------------------------------------
    def readiness(self) -> dict:
        """The platform's /ready answer (its version and its dependencies' versions)."""
        return self.http.get(self.endpoints.base_url + "/ready", timeout=5).json()

    @cached_property
    def _published(self) -> frozenset[tuple[str, str]]:
        answer = self.http.get(self.endpoints.base_url + "/openapi.json", timeout=10)
        assert answer.status_code == 200, f"could not read the OpenAPI document: {answer.status_code}"
        return frozenset((method.upper(), path) for path, operations in answer.json()["paths"].items()
                         for method in operations if method.lower() in HTTP_METHODS)

    def published_routes(self) -> set[tuple[str, str]]:
        """(METHOD, path) of every route in the platform's OpenAPI document, read once per run."""
        return set(self._published)

    def shared(self, key, make: Callable):
        """A fixture made once per run for ``key`` (e.g. a feature and a campaign's name)."""
        with self._lock:
            if key not in self._shared:
                self._shared[key] = make()
            return self._shared[key]

    def close(self) -> None:
        for name in ("db", "cache"):
            probe = self.__dict__.get(name)
            if probe is not None:
                probe.close()
