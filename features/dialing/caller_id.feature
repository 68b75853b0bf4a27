@carrier @rule.A6.7
Feature: Calls go out only under a verified number the campaign owns
  Every call transmits a caller ID that accepts do-not-call requests; the platform's policy is
  stricter: a number the campaign proved it owns, by a code the carrier phoned to it (A6.7).
  Until the campaign has one, and a compliance contact, it is not ready to dial.

  Background:
    Given Dana owns "Harper for Senate"
    And Dana has named Casey as the compliance contact of "Harper for Senate"
    And Riley has the caller role on "Harper for Senate"
    And the contact Sam lives in Columbus
    And it is 10:00 am on a Tuesday where Sam lives

  @critical @beyond
  Scenario: A call under a caller ID that was never verified is blocked
    Given Dana has added the caller ID "+1 614 555 0199" without verifying it
    When Riley dials Sam from "+1 614 555 0199"
    Then the call is blocked as the caller ID is not verified
    And the carrier receives no call

  @rule.O10 @within
  Scenario: Verifying the caller ID with the code the carrier phoned makes the campaign ready
    Given Dana has added the caller ID "+1 614 555 0199" without verifying it
    When Dana enters the code the carrier phoned to "+1 614 555 0199"
    Then "Harper for Senate" is ready to dial

  @within
  Scenario: A call under a caller ID verified with the code the carrier phoned is placed
    Given Dana has added the caller ID "+1 614 555 0199" without verifying it
    And Dana has entered the code the carrier phoned to "+1 614 555 0199"
    When Riley dials Sam from "+1 614 555 0199"
    Then the call is placed
    And the carrier receives one call from "+1 614 555 0199"

  @rule.O10 @beyond
  Scenario: A wrong verification code leaves the caller ID unverified
    Given Dana has added the caller ID "+1 614 555 0199" without verifying it
    When Dana enters a wrong code for "+1 614 555 0199"
    Then it is refused because the code is wrong
    And "Harper for Senate" is not ready to dial
