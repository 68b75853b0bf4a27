@isolation @processor @carrier
Feature: A campaign's routes answer its own team only
  Campaigns on the platform are rivals in the same primary: one campaign seeing another's
  donors, contacts or call lists is the worst thing that can happen. Every route that works on a
  campaign's data must answer a person from a rival campaign exactly as it answers for a
  campaign that does not exist — "not found", so that not even the campaign's existence leaks —
  and must change nothing of the rival's data.

  The tables below are the list of what can be done to a campaign, written once: each row is
  one route of the platform (support/route_matrix.py says which), and the last scenario compares
  them with the routes the platform publishes, so a new route cannot ship without a row here. Each row tries the route with a valid request (so only the membership check
  stands in the way) and compares everything the rival holds — every row of every campaign table,
  and its cached data — before and after.

  Building two campaigns with one of everything takes a few seconds, so the two rivals are built
  once for this feature and shared by its scenarios; no passing row changes them, and every row
  proves that for itself.

  @critical @every-campaign-route
  Scenario Outline: The owner of a rival campaign cannot <what it does>
    Given Dana owns "Harper for Senate" and Lee owns "Lee for Senate", rivals with one of everything
    When Dana tries to <what it does> of "Lee for Senate"
    Then it is refused as not found, exactly as for a campaign that does not exist
    And nothing of "Lee for Senate" changed

    Examples:
      | what it does                         |
      | see the campaign                     |
      | change the campaign's details        |
      | see the team                         |
      | remove a teammate                    |
      | invite a teammate                    |
      | name the compliance contact          |
      | see the ready-to-dial checklist      |
      | set up the donation webhook          |
      | see the donation webhook             |
      | rotate the webhook password          |
      | connect the donation processor       |
      | set the election dates               |
      | see the contributions                |
      | see the donors                       |
      | see the compliance flags             |
      | see the donation totals              |
      | rebuild the donation totals          |
      | start a reconciliation               |
      | list the reconciliations             |
      | see a reconciliation                 |
      | schedule reconciliations             |
      | search the contacts                  |
      | add a contact                        |
      | see a contact                        |
      | import contacts                      |
      | add a caller ID                      |
      | list the caller IDs                  |
      | verify a caller ID                   |
      | put a number on the do-not-call list |
      | see the dial settings                |
      | change the dial settings             |
      | place a call                         |
      | see a call                           |
      | connect the VAN committee            |
      | see the VAN connection               |
      | list the VAN saved lists             |
      | choose the VAN saved list            |
      | start a voter sync                   |
      | list the voter syncs                 |
      | see a voter sync                     |
      | create an API key                    |
      | list the API keys                    |
      | revoke an API key                    |
      | delete the campaign                  |
      | export the organization's archive    |
      | start a campaign in the organization |

  @critical @every-resource-route
  Scenario Outline: A rival's <what it names> cannot be reached through one's own campaign
    Given Dana owns "Harper for Senate" and Lee owns "Lee for Senate", rivals with one of everything
    When Dana tries to <what it does> with the id of one of "Lee for Senate", through "Harper for Senate"
    Then it is refused as not found, exactly as for a <what it names> that does not exist
    And nothing of "Lee for Senate" changed

    Examples:
      | what it does         | what it names  |
      | remove a teammate    | teammate       |
      | see a reconciliation | reconciliation |
      | see a contact        | contact        |
      | verify a caller ID   | caller ID      |
      | see a call           | call           |
      | see a voter sync     | voter sync     |
      | revoke an API key    | API key        |

  Scenario: Every campaign route the platform publishes is in the tables above
    When the routes the platform publishes are compared with the tables of this feature
    Then every campaign route is a row of the table of campaign routes
    And every route that names a campaign's contact, call or other record is a row of the table of such routes
    And every row names a route the platform publishes
