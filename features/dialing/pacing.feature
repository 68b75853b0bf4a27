@carrier
Feature: Dialing is paced, and stops when the platform cannot check the rules
  Each campaign sets how many calls may be live at once and how many may start per second; the
  platform holds the line atomically, so no burst of callers can exceed it. When the platform
  cannot reach its database or its cache, it cannot check the rules, so it places no call and
  tells the caller why (fail closed).

  Background:
    Given Dana owns "Harper for Senate", which is ready to dial
    And Riley has the caller role on "Harper for Senate"
    And it is 10:00 am on a Tuesday in Columbus

  Scenario: No more calls are live at once than the campaign allows
    Given "Harper for Senate" allows 3 live calls at once
    And 3 calls of "Harper for Senate" are live
    When Riley dials Sam in Columbus
    Then the call is held back as the campaign's live-call limit is reached
    And the carrier receives no call to Sam

  Scenario: A call held back at the live-call limit goes through once a live call ends
    Given "Harper for Senate" allows 3 live calls at once
    And 3 calls of "Harper for Senate" are live
    And Riley's call to Sam in Columbus was held back as the campaign's live-call limit is reached
    And one of the live calls has ended
    When Riley dials Sam in Columbus
    Then the call is placed

  Scenario: Twenty callers dialing at the same instant cannot exceed the limit
    Given "Harper for Senate" allows 5 live calls at once
    When 20 calls of "Harper for Senate" are dialed at the same instant
    Then exactly 5 are placed and 15 are held back
    And the carrier receives exactly 5 calls

  @local-only @exclusive
  Scenario Outline: While the <dependency> does not answer, no call is placed
    Given the contact Sam lives in Columbus
    When the <dependency> stops answering
    And Riley dials Sam
    Then the call is refused because the platform cannot check the rules now
    And the carrier receives no call

    Examples:
      | dependency |
      | database   |
      | cache      |
