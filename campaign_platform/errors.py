"""The one refusal type: rendered as {"error": {"code", "message", ...}} (API.md, Errors)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        field: str | None = None,
        headers: Mapping[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = dict(headers or {})
        self.extra = extra

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.field is not None:
            error["field"] = self.field
        error.update(self.extra)
        return {"error": error}


def invalid(code: str, message: str, field: str) -> ApiError:
    """A 422 about one input field; `fields` lists it too, like every 422."""
    return ApiError(422, code, message, field=field, fields=[{"field": field, "message": message}])
