@isolation
Feature: A campaign's live channels carry its own news and nobody else's
  Campaigns on the platform are rivals in the same primary. The donations dashboard and the call
  board are pushed live, so a push that reached a rival would show it who gives and whom the
  campaign calls, as it happens. A watcher receives only the channel of its own campaign, even
  while a rival is at its busiest. Someone outside a campaign is refused its channels exactly as
  if the campaign did not exist; a teammate whose role may not watch is told so.

  Each "told of nothing more" below is judged after the rival's own watcher has received every one
  of the rival's events (so they were sent), and after the watcher has received its own
  campaign's news, which came after the rival's (so its channel was alive all along).

  Background:
    Given Dana owns "Harper for Senate"
    And Frank owns "Lee for Congress"

  @processor @critical @rule.I5 @beyond
  Scenario: Fifty contributions to "Lee for Congress" never reach the dashboard of "Harper for Senate"
    Given "Harper for Senate" and "Lee for Congress" both take donations through the processor
    And Dana is watching the donations dashboard of "Harper for Senate"
    And Frank is watching the donations dashboard of "Lee for Congress"
    When 50 donors give $10.00 each to "Lee for Congress" at once, and then Alex gives $25.00 to "Harper for Senate"
    Then Dana's dashboard is told of Alex's $25.00 contribution within 1 second
    And Frank's dashboard is told of all 50 contributions to "Lee for Congress"
    And Dana's dashboard is told of nothing more
    And Frank's dashboard is told of nothing more

  @carrier @rule.I5 @beyond
  Scenario: Twenty calls of "Lee for Congress" never reach the call board of "Harper for Senate"
    Given "Harper for Senate" and "Lee for Congress" are both ready to dial, at 10:00 am on a Tuesday in Columbus
    And "Harper for Senate" and "Lee for Congress" each allow 20 calls per second
    And Dana is watching the call board of "Harper for Senate"
    And Frank is watching the call board of "Lee for Congress"
    When "Lee for Congress" dials 20 contacts in Columbus at once, and then Dana dials Sam in Columbus for "Harper for Senate"
    Then Dana's call board shows that call placed within 1 second
    And Frank's call board shows all 20 calls of "Lee for Congress" placed
    And Dana's call board is told of nothing more
    And Frank's call board is told of nothing more

  @beyond
  Scenario Outline: Someone with the <role> role on "<campaign>" cannot watch the <channel> of "Lee for Congress"
    Given Erin has the <role> role on "<campaign>"
    When Erin tries to watch the <channel> of "Lee for Congress"
    Then Erin is refused <refusal>

    @rule.I5
    Examples: people of a rival campaign learn nothing, not even that the campaign exists
      | role    | campaign          | channel             | refusal                                       |
      | manager | Harper for Senate | donations dashboard | exactly as for a campaign that does not exist |
      | manager | Harper for Senate | call board          | exactly as for a campaign that does not exist |
      | finance | Harper for Senate | donations dashboard | exactly as for a campaign that does not exist |
      | caller  | Harper for Senate | call board          | exactly as for a campaign that does not exist |

    @rule.I2
    Examples: teammates are told their role may not watch
      | role    | campaign         | channel             | refusal                        |
      | caller  | Lee for Congress | donations dashboard | as their role may not watch it |
      | finance | Lee for Congress | call board          | as their role may not watch it |

  @rule.I5 @beyond
  Scenario Outline: The owner of one campaign cannot watch the <channel> of a rival either
    When Dana tries to watch the <channel> of "Lee for Congress"
    Then Dana is refused exactly as for a campaign that does not exist

    Examples:
      | channel             |
      | donations dashboard |
      | call board          |

  @rule.I3 @rule.I5 @beyond
  Scenario Outline: An API key of one campaign cannot watch the <channel> of a rival
    Given Dana has made an API key with the manager role for "Harper for Senate"
    When the API key of "Harper for Senate" tries to watch the <channel> of "Lee for Congress"
    Then the API key is refused exactly as for a campaign that does not exist

    Examples:
      | channel             |
      | donations dashboard |
      | call board          |

  @rule.I3 @rule.I5 @within
  Scenario Outline: An API key may watch the <channel> of its own campaign
    Given Dana has made an API key with the manager role for "Harper for Senate"
    When the API key of "Harper for Senate" tries to watch the <channel> of "Harper for Senate"
    Then the API key is let in to watch it

    Examples:
      | channel             |
      | donations dashboard |
      | call board          |

  @rule.I5 @beyond
  Scenario: A teammate removed from the team loses the campaign at once, live channels included
    Given Erin has the manager role on "Harper for Senate"
    And Erin is watching the donations dashboard of "Harper for Senate"
    And Erin is watching the call board of "Harper for Senate"
    And Dana is watching the donations dashboard of "Harper for Senate"
    When Dana removes Erin from the team of "Harper for Senate"
    Then Erin's dashboard is closed as not found
    And Erin's call board is closed as not found
    And Erin is refused "Harper for Senate" as not found, exactly as for a campaign that does not exist
    And Dana's dashboard stays open
