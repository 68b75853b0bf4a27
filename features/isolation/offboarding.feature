@isolation @processor @carrier
Feature: A campaign that leaves the platform takes its data with it, and its rival stays whole
  When a campaign is deleted, everything it held goes at once: its team, contacts, calls, donors,
  contributions, flags, reconciliations, keys and cached totals; its live dashboards are told and
  closed; its routes, its donation webhook and its API keys stop answering. What the law keeps
  stays: a person who asked the organization not to be called is still not called for 5 years
  (A3.4), and people keep their accounts. A rival campaign on the same platform does not notice:
  not one of its rows or cached values changes, and its dashboard stays live. Only the campaign's
  owner may delete it.

  @critical
  Scenario: Deleting a campaign removes all it held and leaves its rival whole
    Given Dana owns "Harper for Senate" and Lee owns "Lee for Senate", rivals built for this scenario with one of everything
    And Dana is watching the donations dashboard of "Harper for Senate"
    And Lee is watching the donations dashboard of "Lee for Senate"
    When Dana deletes "Harper for Senate"
    Then no table holds a row of "Harper for Senate"
    And the cache holds nothing of "Harper for Senate"
    And Dana's dashboard is told the campaign was deleted, and then closed as not found
    And nothing of "Lee for Senate" changed
    And Lee's dashboard is still live, and is told of a new contribution to "Lee for Senate" within 1 second

  Scenario: A deleted campaign's routes, donation webhook and API keys stop answering
    Given Dana owns "Harper for Senate" and Lee owns "Lee for Senate", rivals built for this scenario with one of everything
    When Dana deletes "Harper for Senate"
    Then every route of "Harper for Senate" answers not found
    And a contribution the processor delivers to "Harper for Senate" is answered not found
    And the API key of "Harper for Senate" is refused as unauthenticated

  @rule.A3.4
  Scenario: The organization's do-not-call list and opt-outs outlive the campaign
    Given Dana owns "Harper for Senate" and Lee owns "Lee for Senate", rivals built for this scenario with one of everything
    When Dana deletes "Harper for Senate"
    Then the numbers "Harper for Senate" put on its organization's do-not-call list are still on it
    And the person who texted STOP to "Harper for Senate" is still opted out of the organization's texts
    And the number on the campaign's own do-not-call list of "Harper for Senate" is gone with it
    And Dana still has an account

  Scenario: Only the owner may delete a campaign
    Given Dana owns "Harper for Senate", which has contacts, a verified caller ID and donations
    And Mia has the manager role on "Harper for Senate"
    When Mia tries to delete the campaign in "Harper for Senate"
    Then Mia is refused to do it
