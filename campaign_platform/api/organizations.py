"""An organization's routes, for its owner alone (the use cases: workflows.offboarding,
workflows.onboarding): its retained archive, and another campaign of the organization. Anyone
else, an API key included, gets the answer of an organization that does not exist."""

from __future__ import annotations

from fastapi import APIRouter

from campaign_platform.api.contract import refusals
from campaign_platform.api.deps import OrganizationPersonDep, ServicesDep, parse_organization_id
from campaign_platform.api.inputs import JsonRoute
from campaign_platform.api.onboarding import CampaignIn
from campaign_platform.workflows import offboarding
from campaign_platform.workflows.onboarding import NewCampaign, add_campaign

router = APIRouter(route_class=JsonRoute, prefix="/v1", tags=["organizations"])


@router.get("/organizations/{organization_id}/archive")
async def export_archive(organization_id: str, user_id: OrganizationPersonDep, services: ServicesDep) -> dict:
    """I6: the records the law keeps of the organization's deleted campaigns (API.md, Offboarding)."""
    return await offboarding.export_archive(services, parse_organization_id(organization_id), user_id)


@router.post(
    "/organizations/{organization_id}/campaigns", status_code=201,
    responses=refusals({409: "slug_taken", 422: "election_date_in_past"}),
)  # fmt: skip
async def create_campaign(
    organization_id: str, body: CampaignIn, user_id: OrganizationPersonDep, services: ServicesDep
) -> dict:
    campaign = NewCampaign(body.name, body.office, body.state, body.election_date, body.slug)
    campaign_id = await add_campaign(services, parse_organization_id(organization_id), user_id, campaign)
    return {"campaign_id": campaign_id, "organization_id": organization_id, "slug": body.slug}
