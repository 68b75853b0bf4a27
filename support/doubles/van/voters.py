"""The people of a VAN double's voter file: their shape (VAN's person object, as the public API
and the open-source parsons connector send and read it), the rows of a saved list's export, and
a generator of a voter file of any size (100,000 people for the bench)."""
from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field

from support.doubles import kit

# The columns of an export job's CSV (export type 4, "saved list"), in VAN's names.
EXPORT_COLUMNS = ("VanID", "FirstName", "LastName", "Address", "City", "State", "Zip5", "Phone",
                  "PhoneType", "PhoneOptInStatus")
PHONE_TYPES = ("C", "H")  # cell, home
OPT_IN_STATUSES = ("U", "I", "O")  # unknown, opted in, opted out (VAN's phoneOptInStatus)

_FIRST = ("Avery", "Blake", "Casey", "Devon", "Emery", "Finley", "Harper", "Jordan", "Kendall",
          "Logan", "Morgan", "Parker", "Quinn", "Reese", "Rowan", "Sawyer", "Taylor", "Wren")
_LAST = ("Adams", "Baker", "Carter", "Diaz", "Evans", "Foster", "Garcia", "Hughes", "Ito",
         "Jensen", "Khan", "Lopez", "Miller", "Nguyen", "Owens", "Patel", "Reyes", "Smith")
# Ohio: the area codes, cities and ZIP codes of real places, so the platform's rules know them.
_PLACES = (("614", "Columbus", "43215"), ("216", "Cleveland", "44114"),
           ("513", "Cincinnati", "45202"), ("330", "Akron", "44308"),
           ("419", "Toledo", "43604"), ("937", "Dayton", "45402"))
_STREETS = ("Main St", "High St", "Oak Ave", "Maple Dr", "Elm St", "Lake Rd", "Park Pl")


@dataclass
class Person:
    van_id: int
    first_name: str
    last_name: str
    address: str | None = None
    city: str | None = None
    state: str | None = None
    zip5: str | None = None
    phone: str | None = None  # ten digits, as VAN stores a US number
    phone_type: str = "C"
    phone_opt_in: str = "U"
    codes: list[dict] = field(default_factory=list)  # activist codes applied

    def row(self) -> tuple:
        return (self.van_id, self.first_name, self.last_name, self.address or "", self.city or "",
                self.state or "", self.zip5 or "", self.phone or "",
                self.phone_type if self.phone else "", self.phone_opt_in if self.phone else "")

    def view(self, expand: set[str] | None = None) -> dict:
        """VAN's person object; ``$expand=phones,addresses`` adds those lists."""
        person = {"vanId": self.van_id, "firstName": self.first_name,
                  "lastName": self.last_name}
        expand = expand or set()
        if "phones" in expand:
            person["phones"] = ([{"phoneId": self.van_id, "phoneNumber": self.phone,
                                  "phoneType": self.phone_type, "isPreferred": True,
                                  "phoneOptInStatus": self.phone_opt_in}] if self.phone else [])
        if "addresses" in expand:
            person["addresses"] = ([{"addressId": self.van_id, "addressLine1": self.address,
                                     "city": self.city, "stateOrProvince": self.state,
                                     "zipOrPostalCode": self.zip5, "isPreferred": True}]
                                   if self.address else [])
        return person


def digits(value, name: str) -> str | None:
    """A US phone as VAN keeps it: ten digits ("6145550100"); a leading 1 and punctuation go."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise kit.invalid(f"{name} must be text")
    kept = "".join(ch for ch in value if ch.isdigit())
    if len(kept) == 11 and kept.startswith("1"):
        kept = kept[1:]
    if len(kept) != 10:
        raise kit.invalid(f"{name} must be a US phone number")
    return kept


def person_from(given: dict, van_id: int) -> Person:
    """A person of the control API's voter file: {"firstName", "lastName", "address", "city",
    "state", "zip5", "phone", "phoneType", "phoneOptInStatus"}."""
    if not isinstance(given, dict):
        raise kit.invalid("each person must be an object")
    return Person(van_id=van_id, first_name=kit.required_text(given, "firstName"),
                  last_name=kit.required_text(given, "lastName"), address=given.get("address"),
                  city=given.get("city"), state=given.get("state"), zip5=given.get("zip5"),
                  phone=digits(given.get("phone"), "phone"),
                  phone_type=kit.one_of(given, "phoneType", PHONE_TYPES, "C"),
                  phone_opt_in=kit.one_of(given, "phoneOptInStatus", OPT_IN_STATUSES, "U"))


def change(person: Person, given: dict) -> None:
    """What changed in VAN between two syncs: any field of ``person_from``."""
    names = {"firstName": "first_name", "lastName": "last_name", "address": "address",
             "city": "city", "state": "state", "zip5": "zip5"}
    for key, attribute in names.items():
        if key in given:
            setattr(person, attribute, given[key])
    if "phone" in given:
        person.phone = digits(given["phone"], "phone")
    if "phoneType" in given:
        person.phone_type = kit.one_of(given, "phoneType", PHONE_TYPES)
    if "phoneOptInStatus" in given:
        person.phone_opt_in = kit.one_of(given, "phoneOptInStatus", OPT_IN_STATUSES)


def generate(count: int, first_van_id: int, seed: int) -> list[Person]:
    """``count`` people with addresses, cell or home phones (unique within the file) and VAN
    IDs from ``first_van_id``; the same seed gives the same file."""
    rng = random.Random(seed)
    people, numbers = [], set()
    for offset in range(count):
        area, city, zip5 = _PLACES[offset % len(_PLACES)]
        while True:
            number = f"{area}{rng.randrange(2_000_000, 10_000_000)}"
            if number not in numbers:
                numbers.add(number)
                break
        people.append(Person(
            van_id=first_van_id + offset, first_name=rng.choice(_FIRST),
            last_name=rng.choice(_LAST),
            address=f"{rng.randrange(1, 9999)} {rng.choice(_STREETS)}", city=city, state="OH",
            zip5=zip5, phone=number, phone_type=rng.choice(PHONE_TYPES)))
    return people


def csv_header() -> str:
    return ",".join(EXPORT_COLUMNS) + "\r\n"


def csv_rows(people: list[Person]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(person.row() for person in people)
    return buffer.getvalue()
