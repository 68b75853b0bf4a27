"""The OpenAPI document is the contract, and API.md agrees with it.

The document is built from the route declarations (campaign_platform/api/contract.py); API.md's
route table is generated from it (`python -m campaign_platform.api.contract`), so every route,
method, status and error code has one source. These tests fail when API.md's table is stale,
when a code the document names is explained nowhere in API.md, when API.md names a route the
document lacks, and when the document slips back to FastAPI's defaults.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from campaign_platform.api import contract

API_MD = Path(__file__).resolve().parent.parent / "campaign_platform" / "API.md"
ROUTE_IN_PROSE = re.compile(r"`(GET|POST|PUT|PATCH|DELETE) (/[^`?\s]*)")


@pytest.fixture(scope="module")
def app():
    with pytest.MonkeyPatch.context() as env:
        env.setenv("CP_JWT_SECRET", "s" * 32)
        env.setenv("CP_TEST_MODE", "1")
        from campaign_platform.app import create_app  # noqa: PLC0415
        from campaign_platform.settings import Settings  # noqa: PLC0415

        return create_app(Settings.from_env())


@pytest.fixture(scope="module")
def document(app):
    return app.openapi()


def _prose() -> str:
    text = API_MD.read_text()
    head, _, rest = text.partition(contract.TABLE_START)
    _, _, tail = rest.partition(contract.TABLE_END)
    return head + tail


def test_api_md_route_table_is_the_documents(document):
    table = contract.markdown_table(document)
    text = API_MD.read_text()
    assert table in text, (
        "API.md's route table differs from the OpenAPI document: run `python -m campaign_platform.api.contract`"
    )


def test_every_error_code_of_the_document_is_explained_in_api_md(document):
    prose = _prose()
    codes = {code for _, _, operation in contract.operations(document)
             for values in contract.error_codes(operation).values() for code in values}  # fmt: skip
    unexplained = sorted(code for code in codes if f"`{code}`" not in prose)
    assert not unexplained, f"codes the document answers that API.md never explains: {unexplained}"


def test_every_route_api_md_names_is_in_the_document(document):
    published = {(method, path) for method, path, _ in contract.operations(document)}
    named = {(method, path.rstrip(".,;:")) for method, path in ROUTE_IN_PROSE.findall(_prose())}
    missing = sorted(f"{method} {path}" for method, path in named if (method, path) not in published)
    assert not missing, f"API.md names routes the platform does not publish: {missing}"


def test_every_route_of_the_document_is_described_in_api_md_prose(document):
    prose = _prose()
    undescribed = sorted(f"{method} {path}" for method, path, _ in contract.operations(document)
                         if f"`{method} {path}" not in prose)  # fmt: skip
    assert not undescribed, f"routes API.md's prose never describes: {undescribed}"


def test_errors_are_the_platforms_envelope_and_bearer_is_a_security_scheme(document):
    schemas = document["components"]["schemas"]
    assert "HTTPValidationError" not in schemas
    assert set(document["components"]["securitySchemes"]) == set(contract.SECURITY_SCHEMES)
    for method, path, operation in contract.operations(document):
        names = {parameter["name"].lower() for parameter in operation.get("parameters", [])}
        assert "authorization" not in names, f"{method} {path}: the token is a security scheme, not a parameter"
        for status in operation["responses"]:
            if status.startswith("2") or (method, path, status) == ("GET", "/ready", "503"):
                continue
            assert contract.error_codes(operation).get(int(status)), f"{method} {path} {status}: no error codes"
        if path.startswith("/v1/campaigns/"):
            assert operation.get("security") == [{contract.BEARER: []}], f"{method} {path}: no bearer scheme"
            assert {401, 404} <= set(contract.error_codes(operation)), f"{method} {path}: 401/404 undeclared"


def test_the_hooks_publish_their_bodies_and_credentials(document):
    donation = document["paths"]["/v1/hooks/donations/{endpoint_id}"]["post"]
    carrier = document["paths"]["/v1/hooks/carrier"]["post"]
    imports = document["paths"]["/v1/campaigns/{campaign_id}/contacts/imports"]["post"]
    assert donation["security"] == [{contract.PROCESSOR_BASIC: []}]
    assert carrier["security"] == [{contract.CARRIER_SIGNATURE: []}]
    assert "DonationNotification" in str(donation["requestBody"])
    assert "CarrierReport" in str(carrier["requestBody"])
    assert "text/csv" in imports["requestBody"]["content"]


def test_every_route_reads_its_json_body_strictly(app):
    from campaign_platform.api.inputs import JsonRoute  # noqa: PLC0415

    loose = [path for path, route in contract.api_routes(app) if not isinstance(route, JsonRoute)]
    assert not loose, f"routes not declared with route_class=JsonRoute: {loose}"
