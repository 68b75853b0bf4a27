@isolation @processor @carrier
Feature: A campaign's routes answer its own team only
  Campaigns on the platform are rivals in the same primary: one campaign seeing another's
  donors, contacts or call lists is the worst thing that can happen. Every route that works on a
  campaign's data must answer a person from a rival campaign exactly as it answers for a
  campaign that does not exist — "not found", so that not even the campaign's existence leaks —
  and must change nothing of the rival's data.

  The tables below are the list of the platform's campaign routes, written once: the last
  scenario compares them with the routes the platform publishes, so a new route cannot ship
  without a row here. Each row tries the route with a valid request (so only the membership check
  stands in the way) and compares everything the rival holds — every row of every campaign table,
  and its cached data — before and after.

  Building two campaigns with one of everything takes a few seconds, so the two rivals are built
  once for this feature and shared by its scenarios; no passing row changes them, and every row
  proves that for itself.

  @critical @every-campaign-route
  Scenario Outline: The owner of a rival campaign cannot <what it does>
    Given Dana owns "Harper for Senate" and Lee owns "Lee for Senate", rivals with one of everything
    When Dana tries to <what it does> of "Lee for Senate" with <method> <route>
    Then it is refused as not found, exactly as for a campaign that does not exist
    And nothing of "Lee for Senate" changed

    Examples:
      | what it does                       | method | route                                                                  |
      | see the campaign                   | GET    | /v1/campaigns/{campaign_id}                                            |
      | change the campaign's details      | PATCH  | /v1/campaigns/{campaign_id}                                            |
      | see the team                       | GET    | /v1/campaigns/{campaign_id}/members                                    |
      | remove a teammate                  | DELETE | /v1/campaigns/{campaign_id}/members/{user_id}                          |
      | invite a teammate                  | POST   | /v1/campaigns/{campaign_id}/invitations                                |
      | name the compliance contact        | PUT    | /v1/campaigns/{campaign_id}/compliance-contact                         |
      | see the ready-to-dial checklist    | GET    | /v1/campaigns/{campaign_id}/checklist                                  |
      | set up the donation webhook        | POST   | /v1/campaigns/{campaign_id}/donations/webhook                          |
      | see the donation webhook           | GET    | /v1/campaigns/{campaign_id}/donations/webhook                          |
      | rotate the webhook password        | POST   | /v1/campaigns/{campaign_id}/donations/webhook/rotation                 |
      | connect the donation processor     | PUT    | /v1/campaigns/{campaign_id}/donations/processor                        |
      | set the election dates             | PUT    | /v1/campaigns/{campaign_id}/donations/elections                        |
      | see the contributions              | GET    | /v1/campaigns/{campaign_id}/donations                                  |
      | see the donors                     | GET    | /v1/campaigns/{campaign_id}/donations/donors                           |
      | see the compliance flags           | GET    | /v1/campaigns/{campaign_id}/donations/flags                            |
      | see the donation totals            | GET    | /v1/campaigns/{campaign_id}/donations/totals                           |
      | rebuild the donation totals        | POST   | /v1/campaigns/{campaign_id}/donations/totals/rebuild                   |
      | start a reconciliation             | POST   | /v1/campaigns/{campaign_id}/donations/reconciliations                  |
      | list the reconciliations           | GET    | /v1/campaigns/{campaign_id}/donations/reconciliations                  |
      | see a reconciliation               | GET    | /v1/campaigns/{campaign_id}/donations/reconciliations/{reconciliation_id} |
      | schedule reconciliations           | PUT    | /v1/campaigns/{campaign_id}/donations/reconciliation-schedule          |
      | search the contacts                | GET    | /v1/campaigns/{campaign_id}/contacts                                   |
      | add a contact                      | POST   | /v1/campaigns/{campaign_id}/contacts                                   |
      | see a contact                      | GET    | /v1/campaigns/{campaign_id}/contacts/{contact_id}                      |
      | import contacts                    | POST   | /v1/campaigns/{campaign_id}/contacts/imports                           |
      | add a caller ID                    | POST   | /v1/campaigns/{campaign_id}/caller-ids                                 |
      | list the caller IDs                | GET    | /v1/campaigns/{campaign_id}/caller-ids                                 |
      | verify a caller ID                 | POST   | /v1/campaigns/{campaign_id}/caller-ids/{caller_id}/verification        |
      | put a number on the do-not-call list | POST | /v1/campaigns/{campaign_id}/do-not-call                                |
      | see the dial settings              | GET    | /v1/campaigns/{campaign_id}/dial-settings                              |
      | change the dial settings           | PUT    | /v1/campaigns/{campaign_id}/dial-settings                              |
      | place a call                       | POST   | /v1/campaigns/{campaign_id}/calls                                      |
      | see a call                         | GET    | /v1/campaigns/{campaign_id}/calls/{call_id}                            |
      | create an API key                  | POST   | /v1/campaigns/{campaign_id}/api-keys                                   |
      | list the API keys                  | GET    | /v1/campaigns/{campaign_id}/api-keys                                   |
      | revoke an API key                  | DELETE | /v1/campaigns/{campaign_id}/api-keys/{api_key_id}                      |
      | delete the campaign                | DELETE | /v1/campaigns/{campaign_id}                                            |

  @critical @every-resource-route
  Scenario Outline: A rival's <what it names> cannot be reached through one's own campaign
    Given Dana owns "Harper for Senate" and Lee owns "Lee for Senate", rivals with one of everything
    When Dana tries to <what it does> with the id of one of "Lee for Senate", through "Harper for Senate", with <method> <route>
    Then it is refused as not found, exactly as for a <what it names> that does not exist
    And nothing of "Lee for Senate" changed

    Examples:
      | what it does       | what it names  | method | route                                                                     |
      | remove a teammate  | teammate       | DELETE | /v1/campaigns/{campaign_id}/members/{user_id}                             |
      | see a reconciliation | reconciliation | GET  | /v1/campaigns/{campaign_id}/donations/reconciliations/{reconciliation_id} |
      | see a contact      | contact        | GET    | /v1/campaigns/{campaign_id}/contacts/{contact_id}                         |
      | verify a caller ID | caller ID      | POST   | /v1/campaigns/{campaign_id}/caller-ids/{caller_id}/verification           |
      | see a call         | call           | GET    | /v1/campaigns/{campaign_id}/calls/{call_id}                               |
      | revoke an API key  | API key        | DELETE | /v1/campaigns/{campaign_id}/api-keys/{api_key_id}                         |

  Scenario: Every campaign route the platform publishes is in the tables above
    When the routes the platform publishes are compared with the tables of this feature
    Then every campaign route is a row of the table of campaign routes
    And every route that names a campaign's contact, call or other record is a row of the table of such routes
    And every row names a route the platform publishes
