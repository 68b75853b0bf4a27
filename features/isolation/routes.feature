@isolation @processor @carrier
Feature: A campaign's records answer its own team only
  Campaigns on the platform are rivals in the same primary: one campaign seeing another's
  donors, contacts or call lists is the worst thing that can happen. Whatever the platform lets
  a campaign's team do with its records, a person from a rival campaign who tries it is told
  "not found", exactly as if the campaign did not exist — so that not even the campaign's
  existence leaks — and nothing the rival keeps changes.

  The tables below are the list of everything the platform offers to do with a campaign's
  records, written once. Each row is tried for real, with a request that would be accepted from
  the campaign's own team, so that only the rival's not belonging to the campaign stands in the
  way; everything the rival keeps is compared before and after. The last scenario checks the
  tables against what the platform actually offers, so a new action cannot ship without its row.

  @critical @rule.I1 @beyond @every-campaign-route
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
      | change a teammate's role             |
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
      | answer a redesignation notice        |
      | refund a contribution's excess       |
      | record the primary's result          |
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
      | send a text                          |
      | record a call's do-not-call request  |
      | see the replies waiting for review   |
      | resolve a reply                      |
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

  @critical @rule.I1 @beyond @every-resource-route
  Scenario Outline: A rival's <what it names> cannot be reached through one's own campaign
    Given Dana owns "Harper for Senate" and Lee owns "Lee for Senate", rivals with one of everything
    When Dana tries to <what it does> with the id of one of "Lee for Senate", through "Harper for Senate"
    Then it is refused as not found, exactly as for a <what it names> that does not exist
    And nothing of "Lee for Senate" changed

    Examples:
      | what it does                        | what it names        |
      | remove a teammate                   | teammate             |
      | change a teammate's role            | teammate             |
      | see a reconciliation                | reconciliation       |
      | see a contact                       | contact              |
      | verify a caller ID                  | caller ID            |
      | see a call                          | call                 |
      | record a call's do-not-call request | call                 |
      | resolve a reply                     | reply                |
      | see a voter sync                    | voter sync           |
      | revoke an API key                   | API key              |
      | answer a redesignation notice       | flagged contribution |
      | refund a contribution's excess      | flagged contribution |

  Scenario: Every action the platform offers is in the tables above
    When the actions the platform offers are compared with the tables above
    Then every action the platform offers on a campaign is a row of the first table
    And every action on one of a campaign's records (a contact, a call, a key) is a row of the second table
    And every row is an action the platform offers
