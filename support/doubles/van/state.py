"""The VAN double's state and behaviour, independent of HTTP: committees (one API key each, in
one database mode), their voter files and saved lists, export jobs, what the platform sent back
(canvass responses, phone opt-outs), the faults the suite arranges (429 with Retry-After, 5xx,
hangs, a download cut mid-file), VAN's rate limit, and a log of every request. Used from the
event loop only, so it needs no lock."""
from __future__ import annotations

import asyncio
import hashlib
import itertools
import secrets
import time
from collections import deque
from dataclasses import dataclass, field

from starlette.requests import Request

from support.doubles import kit
from support.doubles.kit import DoubleError
from support.doubles.van import voters
from support.doubles.van.voters import Person

MODES = (0, 1)  # VAN's database modes: 0 VoterFile, 1 MyCampaign
DEFAULT_REQUESTS_PER_SECOND = 20
RESULT_CODES = ({"resultCodeId": 1, "name": "Not Home", "shortName": "NH"},
                {"resultCodeId": 2, "name": "Refused", "shortName": "R"},
                {"resultCodeId": 3, "name": "Wrong Number", "shortName": "WN"},
                {"resultCodeId": 18, "name": "Left Message", "shortName": "LM"},
                {"resultCodeId": 20, "name": "Canvassed", "shortName": "CV"},
                {"resultCodeId": 130, "name": "Do Not Call", "shortName": "DNC"})
CONTACT_TYPES = {1: "Phone", 37: "SMS Text"}
INPUT_TYPES = {11: "API"}
ROWS_PER_CHUNK = 500  # of a download, sent as one piece of the stream


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass
class Faults:
    throttle: int = 0  # the next n requests answer 429
    retry_after: int = 1  # seconds, in their Retry-After
    outage: str | None = None  # "error": answer `status`; "hang": hold each request `hang_seconds`
    status: int = 503
    hang_seconds: float = 6.0
    cut_after_rows: int | None = None  # the next download stops after this many rows, then outage
    after_cut: str = "error"  # the outage a cut starts: "error" or "hang"


@dataclass
class ExportJob:
    export_job_id: int
    saved_list_id: int
    token: str
    people: list[Person]  # as they were when the job was made
    polls: int = 0

    def view(self, port: int) -> dict:
        done = self.polls > 0
        return {"exportJobId": self.export_job_id, "savedListId": self.saved_list_id,
                "type": 4, "status": "Completed" if done else "Requested",
                "downloadUrl": (f"http://127.0.0.1:{port}/downloads/{self.token}.csv"
                                if done else None), "errorCode": None}


@dataclass
class Committee:
    committee_id: str
    application_name: str
    api_key: str
    mode: int
    requests_per_second: int
    requests: kit.Log  # every request with this committee's credentials, by path
    responses: kit.Log  # canvass responses received, by van_id
    phone_updates: kit.Log  # phone opt-in changes received, by van_id
    people: dict[int, Person] = field(default_factory=dict)
    saved_lists: dict[int, dict] = field(default_factory=dict)
    faults: Faults = field(default_factory=Faults)
    arrivals: deque = field(default_factory=deque)  # monotonic times of the last second

    def view(self) -> dict:
        return {"committee_id": self.committee_id, "application_name": self.application_name,
                "mode": self.mode, "requests_per_second": self.requests_per_second}


class Van:
    def __init__(self):
        self.port = 0
        self.sequence = kit.Sequence()
        self._committees: dict[str, Committee] = {}
        self._by_key: dict[str, Committee] = {}
        self._exports: dict[int, tuple[Committee, ExportJob]] = {}
        self._downloads: dict[str, tuple[Committee, ExportJob]] = {}
        # Seeded from the clock: a restarted double does not reuse ids a deployment recorded.
        self._ids = itertools.count(int(time.time() * 1000) % 10**9)
        self._van_ids = itertools.count(100_000_001)

    # -- control: committees, voter files, saved lists, faults --------------------------------
    def open_committee(self, body: dict) -> dict:
        mode = body.get("mode", 1)
        if mode not in MODES:
            raise kit.invalid("mode must be 0 (VoterFile) or 1 (MyCampaign)")
        rate = body.get("requests_per_second", DEFAULT_REQUESTS_PER_SECOND)
        if not isinstance(rate, int) or isinstance(rate, bool) or rate < 1:
            raise kit.invalid("requests_per_second must be a whole number, 1 or more")
        name = body.get("application_name") or f"cp-{secrets.token_hex(4)}"
        sequence = self.sequence
        committee = Committee(
            committee_id=f"com_{secrets.token_hex(6)}", application_name=name,
            api_key=f"{secrets.token_hex(8)}-{secrets.token_hex(4)}-{secrets.token_hex(12)}",
            mode=mode, requests_per_second=rate,
            requests=kit.Log(sequence, "path"), responses=kit.Log(sequence, "van_id"),
            phone_updates=kit.Log(sequence, "van_id"))
        self._committees[committee.committee_id] = committee
        self._by_key[_key_hash(committee.api_key)] = committee
        return {**committee.view(), "api_key": committee.api_key}

    def committee(self, committee_id: str) -> Committee:
        return kit.found(self._committees, committee_id, "committee")

    def load_people(self, committee_id: str, body: dict) -> dict:
        """{"people": [...]} as given, or {"generate": n, "seed": s}: added to the voter file,
        each with a new VAN ID."""
        committee = self.committee(committee_id)
        if "generate" in body:
            count = body["generate"]
            if not isinstance(count, int) or isinstance(count, bool) or not 0 < count <= 1_000_000:
                raise kit.invalid("generate must be a whole number from 1 to 1000000")
            first = next(self._van_ids)
            self._van_ids = itertools.count(first + count)
            added = voters.generate(count, first, int(body.get("seed", 1)))
        else:
            given = body.get("people")
            if not isinstance(given, list) or not given:
                raise kit.invalid("people must be a list of people")
            added = [voters.person_from(one, next(self._van_ids)) for one in given]
        for person in added:
            committee.people[person.van_id] = person
        return {"count": len(added), "van_ids": [person.van_id for person in added[:1000]],
                "first_van_id": added[0].van_id, "last_van_id": added[-1].van_id}

    def change_person(self, committee_id: str, van_id: str, body: dict) -> dict:
        person = kit.found(self.committee(committee_id).people, _int(van_id, "vanId"), "person")
        voters.change(person, body)
        return person.view({"phones", "addresses"})

    def person(self, committee_id: str, van_id: str) -> dict:
        person = kit.found(self.committee(committee_id).people, _int(van_id, "vanId"), "person")
        return {**person.view({"phones", "addresses"}), "codes": list(person.codes)}

    def add_saved_list(self, committee_id: str, body: dict) -> dict:
        """{"name", "van_ids": [...] | absent (everyone in the voter file now)}."""
        committee = self.committee(committee_id)
        name = kit.required_text(body, "name")
        van_ids = body.get("van_ids")
        if van_ids is None:
            van_ids = list(committee.people)
        elif not isinstance(van_ids, list) or any(v not in committee.people for v in van_ids):
            raise kit.invalid("van_ids must be VAN IDs of the voter file")
        list_id = next(self._ids)
        committee.saved_lists[list_id] = {"savedListId": list_id, "name": name,
                                          "description": body.get("description", ""),
                                          "van_ids": list(van_ids)}
        return {"savedListId": list_id, "name": name, "listCount": len(van_ids)}

    def set_faults(self, committee_id: str, body: dict) -> dict:
        """{"throttle": n, "retry_after": s, "outage": null | "error" | "hang", "status": 5xx,
        "hang_seconds": s, "cut_after_rows": n | null}: the fields given replace the current."""
        faults = self.committee(committee_id).faults
        for name in ("throttle", "retry_after", "cut_after_rows"):
            if name in body:
                value = body[name]
                if value is not None and (not isinstance(value, int) or isinstance(value, bool)
                                          or value < 0):
                    raise kit.invalid(f"{name} must be a whole number, 0 or more")
                setattr(faults, name, value if value is not None or name == "cut_after_rows"
                        else 0)
        if "outage" in body:
            if body["outage"] not in (None, "error", "hang"):
                raise kit.invalid("outage must be null, error or hang")
            faults.outage = body["outage"]
        if "after_cut" in body:
            faults.after_cut = kit.one_of(body, "after_cut", ("error", "hang"))
        if "status" in body:
            if body["status"] not in (500, 502, 503, 504):
                raise kit.invalid("status must be 500, 502, 503 or 504")
            faults.status = body["status"]
        if "hang_seconds" in body:
            value = body["hang_seconds"]
            if not isinstance(value, int | float) or isinstance(value, bool) or not 0 < value <= 60:
                raise kit.invalid("hang_seconds must be more than 0 and at most 60")
            faults.hang_seconds = float(value)
        if "requests_per_second" in body:
            rate = body["requests_per_second"]
            if not isinstance(rate, int) or isinstance(rate, bool) or rate < 1:
                raise kit.invalid("requests_per_second must be a whole number, 1 or more")
            self.committee(committee_id).requests_per_second = rate
        return {"throttle": faults.throttle, "retry_after": faults.retry_after,
                "outage": faults.outage, "after_cut": faults.after_cut, "status": faults.status,
                "hang_seconds": faults.hang_seconds, "cut_after_rows": faults.cut_after_rows}

    # -- control: what the double received ------------------------------------------------------
    def cursor(self) -> dict:
        return {"cursor": self.sequence.last}

    def requests(self, committee_id: str, path: str | None = None,
                 since: str | None = None) -> dict:
        log = self.committee(committee_id).requests.select(kit.cursor_param(since), path=path)
        return {"requests": [dict(entry) for entry in log], **self.cursor()}

    def canvass_responses(self, committee_id: str, van_id: str | None = None,
                          since: str | None = None) -> dict:
        log = self.committee(committee_id).responses.select(kit.cursor_param(since),
                                                              van_id=van_id)
        return {"responses": [dict(entry) for entry in log], **self.cursor()}

    def phone_updates(self, committee_id: str, van_id: str | None = None,
                      since: str | None = None) -> dict:
        log = self.committee(committee_id).phone_updates.select(kit.cursor_param(since),
                                                                  van_id=van_id)
        return {"phone_updates": [dict(entry) for entry in log], **self.cursor()}

    # -- the API's gate: credentials, rate limit, faults ----------------------------------------
    def authenticate(self, request: Request) -> Committee:
        """HTTP Basic: the application name as user, ``api_key|mode`` as password (VAN's scheme,
        as parsons sends it). A wrong name, key or mode: 401, logged nowhere (no committee)."""
        user, password = kit.basic_credentials(request.headers.get("Authorization"))
        key, _, mode = (password or "").rpartition("|")
        committee = self._by_key.get(_key_hash(key)) if key else None
        if (committee is None or user != committee.application_name
                or mode != str(committee.mode)):
            raise DoubleError(401, "unauthorized",
                              "Authorization has been denied for this request.",
                              {"WWW-Authenticate": 'Basic realm="api.securevan.com"'})
        return committee

    async def admit(self, committee: Committee, entry: dict) -> None:
        """The faults arranged and VAN's rate limit, in that order; raises the refusal."""
        now = time.monotonic()
        window = committee.arrivals
        while window and now - window[0] >= 1.0:
            window.popleft()
        window.append(now)
        entry["in_last_second"] = len(window)
        faults = committee.faults
        if faults.outage == "hang":
            await asyncio.sleep(faults.hang_seconds)
            raise DoubleError(504, "gateway_timeout", "VAN did not answer in time.")
        if faults.outage == "error":
            raise DoubleError(faults.status, "unavailable", "VAN is unavailable.",
                              {"Retry-After": "1"} if faults.status == 503 else None)
        if faults.throttle > 0:
            faults.throttle -= 1
            entry["retry_after"] = faults.retry_after
            raise _too_many(faults.retry_after, "throttled")
        if len(window) > committee.requests_per_second:
            entry["retry_after"], entry["over_limit"] = 1, True
            raise _too_many(1, "over the limit")

    def record(self, committee: Committee, request: Request) -> dict:
        entry = {"method": request.method, "path": kit.raw_path(request),
                 "at": time.time(), "status": None, "retry_after": None, "over_limit": False}
        committee.requests.add(entry)
        return entry

    # -- the API --------------------------------------------------------------------------------
    @staticmethod
    def echo(committee: Committee, body: dict) -> dict:
        return {"message": body.get("message", "")}

    @staticmethod
    def saved_lists(committee: Committee, request: Request) -> dict:
        top = _int(request.query_params.get("$top", "50"), "$top")
        skip = _int(request.query_params.get("$skip", "0"), "$skip")
        items = [{key: value for key, value in saved.items() if key != "van_ids"}
                 | {"listCount": len(saved["van_ids"])}
                 for saved in committee.saved_lists.values()]
        page = items[skip:skip + min(top, 200)]
        more = skip + len(page) < len(items)
        return {"items": page, "count": len(items),
                "nextPageLink": f"/v4/savedLists?$top={top}&$skip={skip + len(page)}"
                if more else None}

    @staticmethod
    def saved_list(committee: Committee, saved_list_id: str) -> dict:
        saved = kit.found(committee.saved_lists, _int(saved_list_id, "savedListId"), "saved list")
        return {key: value for key, value in saved.items() if key != "van_ids"} | {
            "listCount": len(saved["van_ids"])}

    def create_export(self, committee: Committee, body: dict) -> dict:
        list_id = _int(str(body.get("savedListId", "")), "savedListId")
        if str(body.get("type", "4")) != "4":
            raise kit.invalid("type must be 4 (a saved list export)")
        saved = kit.found(committee.saved_lists, list_id, "saved list")
        job = ExportJob(next(self._ids), list_id, secrets.token_urlsafe(24),
                        [committee.people[van_id] for van_id in saved["van_ids"]
                         if van_id in committee.people])
        self._exports[job.export_job_id] = (committee, job)
        self._downloads[job.token] = (committee, job)
        return job.view(self.port)

    def export_job(self, committee: Committee, export_job_id: str) -> dict:
        owner, job = kit.found(self._exports, _int(export_job_id, "exportJobId"), "export job")
        if owner is not committee:
            raise kit.not_found(f"no export job {export_job_id}")
        job.polls += 1
        return job.view(self.port)

    def download(self, token: str):
        """The export's CSV as a stream of pieces; a cut arranged stops it after that many rows
        (the connection drops mid-file) and starts an outage, as VAN going down would."""
        committee, job = kit.found(self._downloads, token, "download")
        entry = {"method": "GET", "path": "/downloads/<token>.csv", "at": time.time(),
                 "status": 200, "retry_after": None, "over_limit": False}
        committee.requests.add(entry)
        faults = committee.faults
        if faults.outage is not None:
            entry["status"] = faults.status
            raise DoubleError(faults.status, "unavailable", "VAN is unavailable.")
        cut, faults.cut_after_rows = faults.cut_after_rows, None
        people = [voters.Person(**vars(person)) for person in job.people]  # as of the export

        async def pieces():
            yield voters.csv_header().encode()
            sent = 0
            for start in range(0, len(people), ROWS_PER_CHUNK):
                chunk = people[start:start + ROWS_PER_CHUNK]
                if cut is not None and sent + len(chunk) > cut:
                    yield voters.csv_rows(chunk[:cut - sent]).encode()
                    faults.outage = faults.after_cut
                    entry["cut_after_rows"] = cut
                    raise ConnectionAbortedError("the download was cut, as arranged")
                sent += len(chunk)
                yield voters.csv_rows(chunk).encode()
                await asyncio.sleep(0)
        return pieces()

    @staticmethod
    def find_person(committee: Committee, body: dict) -> dict:
        phone = voters.digits((body.get("phones") or [{}])[0].get("phoneNumber"), "phoneNumber")
        for person in committee.people.values():
            if ((phone and person.phone == phone)
                    or (person.first_name == body.get("firstName")
                        and person.last_name == body.get("lastName"))):
                return {"vanId": person.van_id, "status": "Matched"}
        raise kit.not_found("no person matched")

    @staticmethod
    def get_person(committee: Committee, van_id: str, request: Request) -> dict:
        person = kit.found(committee.people, _int(van_id, "vanId"), "person")
        expand = {part.strip().lower() for part in
                  request.query_params.get("$expand", "").split(",") if part.strip()}
        return person.view(expand)

    @staticmethod
    def find_or_create(committee: Committee, body: dict) -> dict:
        """Used here to update a known person's phones (``vanId`` given): a phone's
        ``phoneOptInStatus`` "O" is VAN's do-not-call flag on that number."""
        van_id = body.get("vanId")
        person = kit.found(committee.people, van_id, "person") if isinstance(van_id, int) else None
        if person is None:
            raise kit.invalid("vanId of a person of the voter file is required")
        phones = body.get("phones")
        if not isinstance(phones, list) or not phones:
            raise kit.invalid("phones must be a list of phones")
        for phone in phones:
            number = voters.digits(phone.get("phoneNumber"), "phoneNumber")
            status = kit.one_of(phone, "phoneOptInStatus", voters.OPT_IN_STATUSES)
            if number == person.phone:
                person.phone_opt_in = status
            committee.phone_updates.add({"van_id": person.van_id, "phone": number,
                                         "phone_opt_in": status, "at": kit.iso(kit.now())})
        return {"vanId": person.van_id, "status": "UpdatedRecord"}

    @staticmethod
    def canvass_response(committee: Committee, van_id: str, body: dict):
        person = kit.found(committee.people, _int(van_id, "vanId"), "person")
        context = body.get("canvassContext")
        if not isinstance(context, dict):
            raise kit.invalid("canvassContext is required")
        if context.get("contactTypeId") not in CONTACT_TYPES:
            raise kit.invalid(f"contactTypeId must be one of {sorted(CONTACT_TYPES)}")
        if context.get("inputTypeId", 11) not in INPUT_TYPES:
            raise kit.invalid(f"inputTypeId must be one of {sorted(INPUT_TYPES)}")
        result_code, responses = body.get("resultCodeId"), body.get("responses")
        if (result_code is None) == (not responses):
            raise kit.invalid("give either resultCodeId or responses")
        codes = {code["resultCodeId"]: code["name"] for code in RESULT_CODES}
        if result_code is not None and result_code not in codes:
            raise kit.invalid(f"resultCodeId {result_code} is not a result code")
        for response in responses or []:
            if response.get("type") == "ActivistCode":
                person.codes.append({"activistCodeId": response.get("activistCodeId"),
                                     "action": response.get("action")})
        committee.responses.add({
            "van_id": person.van_id, "result_code_id": result_code,
            "result": codes.get(result_code), "responses": responses,
            "contact_type": CONTACT_TYPES[context["contactTypeId"]],
            "date_canvassed": context.get("dateCanvassed"),
            "phone": (context.get("phone") or {}).get("phoneNumber"), "at": kit.iso(kit.now())})
        return None

    @staticmethod
    def result_codes(committee: Committee) -> list[dict]:
        return [dict(code, mediumName=code["name"]) for code in RESULT_CODES]


def _too_many(seconds: int, why: str) -> DoubleError:
    return DoubleError(429, "too_many_requests", f"Too many requests ({why}); retry later.",
                       {"Retry-After": str(seconds)})


def _int(value: str, name: str) -> int:
    if not isinstance(value, str) or not value.isdigit():
        raise kit.invalid(f"{name} must be a whole number")
    return int(value)
