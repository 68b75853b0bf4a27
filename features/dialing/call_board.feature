@carrier
Feature: The live call board shows every call as it happens
  Callers and managers watch a live board of the campaign's calls: each call placed, blocked (with
  the rule that blocked it), answered and completed, within a second.

  Background:
    Given Dana owns "Harper for Senate", which is ready to dial
    And Riley has the caller role on "Harper for Senate"
    And it is 10:00 am on a Tuesday in Columbus

  @rule.A6.5 @within
  Scenario: A call's life appears on the board
    Given Dana is watching the call board
    When Riley dials Sam in Columbus
    And Sam answers and a caller comes on 1 second later
    And the call ends
    Then the board shows the call placed, answered and completed, each within 1 second

  @rule.A3.2 @rule.A6.5 @beyond
  Scenario: A blocked call appears on the board with its rule
    Given Dana is watching the call board
    And Dana has put the number of Sam in Columbus on the campaign's do-not-call list
    When Riley dials Sam
    Then the board shows the call blocked as on the do-not-call list, rule A3, within 1 second

  Scenario Outline: A teammate with the <role> role <can> watch the call board
    Given Erin has the <role> role on "Harper for Senate"
    Then Erin <can> watch the call board

    Examples:
      | role    | can    |
      | caller  | can    |
      | finance | cannot |
      | viewer  | cannot |
