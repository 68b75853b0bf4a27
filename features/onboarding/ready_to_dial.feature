@rule.O10 @beyond
Feature: The "ready to dial" checklist
  A campaign may not place a single call until it has a verified caller ID and a named compliance
  contact, who answers do-not-call and consent questions. New campaigns see the checklist from
  the first day; dialing itself refuses to start until every item is done (rule A6.7 for caller
  ID: a verified number owned by the campaign).

  @rule.A6.7
  Scenario: A new campaign is not ready to dial
    Given Dana owns "Harper for Senate"
    Then "Harper for Senate" is not ready to dial
    And its checklist shows "Verified caller ID" to do
    And its checklist shows "Compliance contact" to do

  Scenario: Naming a compliance contact ticks it off, but a verified caller ID is still missing
    Given Dana owns "Harper for Senate"
    When Dana names Casey as the compliance contact of "Harper for Senate"
    Then its checklist shows "Compliance contact" done
    And its checklist shows "Verified caller ID" to do
    And "Harper for Senate" is not ready to dial
