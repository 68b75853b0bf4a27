"""Assertions on the platform's answers, shared by the step modules."""
from __future__ import annotations

from support.platform_client import error_code
from support.vocabulary import Refusal


def assert_refused(response, refusal: Refusal) -> None:
    """The platform refused with the contract's status, code, field and a human message."""
    assert response.status_code == refusal.status, (
        f"expected a refusal ({refusal.status} {refusal.code}), got {response.status_code}: "
        f"{response.text[:300]}")
    error = response.json()["error"]
    assert error["code"] == refusal.code, f"expected code {refusal.code}, got {error}"
    assert error.get("message", "").strip(), f"the refusal gives no human message: {error}"
    if refusal.field:
        named = {error.get("field")} | {f.get("field") for f in error.get("fields", [])}
        assert any(name and name.split(".")[-1] == refusal.field for name in named), \
            f"expected the field {refusal.field} to be named: {error}"


def assert_ok(response, status: int = 200) -> dict:
    assert response.status_code == status, (
        f"expected {status}, got {response.status_code} {error_code(response)}: {response.text[:300]}")
    return response.json()
