@carrier @processor
Feature: The platform survives its third parties, and its operator can see how it is doing
  The platform depends on third parties it does not run: the carrier that places calls, the
  donation processor, the mail server and the voter file. When one of them keeps failing, the
  platform stops calling it for a while instead of making every caller wait for it, tries it again
  with a single call once the pause is over, and goes back to normal when that call succeeds;
  nothing the campaign asked for is lost on the way. The platform's operator sees each
  dependency's state, and the counters an operations dashboard charts; an unexpected error reaches
  the error tracker with what is needed to find it, and never with a password, a credential or a
  person's details.

  These are the platform's own operating policies (R1-R5), not rules of law: after 5 failures in a
  row the platform stops calling the third party for 30 seconds (its settings).

  Background:
    Given Dana owns "Harper for Senate", which is ready to dial
    And Riley has the caller role on "Harper for Senate"
    And it is 10:00 am on a Tuesday in Columbus
    And the contact Sam lives in Columbus

  @rule.R1 @beyond @local-only @exclusive
  Scenario: After five failures in a row the platform stops calling the carrier
    Given the carrier has stopped answering and failed 5 calls in a row
    When Riley dials Sam
    Then the call is refused at once because the carrier keeps failing
    And the carrier received nothing more while it was down

  @rule.R1 @within @local-only @exclusive
  Scenario: Four failures in a row are not enough to stop calling the carrier
    Given the carrier has stopped answering and failed 4 calls in a row
    When Riley dials Sam
    Then the call is refused because the carrier did not answer
    And the carrier received the call while it was down

  @rule.R2 @within @local-only @exclusive
  Scenario: Once the pause is over one call tries the carrier, and its success resumes calling
    Given the carrier has stopped answering and failed 5 calls in a row
    And the carrier is back
    And the platform's pause on the carrier is over
    When Riley dials Sam
    Then the call is placed
    And the operator sees the carrier up and called normally again

  @rule.R2 @beyond @local-only @exclusive
  Scenario: Once the pause is over only one call tries the carrier, and its failure pauses it again
    Given the carrier has stopped answering and failed 5 calls in a row
    And the carrier now takes a second to fail each call
    And the platform's pause on the carrier is over
    When 5 calls of "Harper for Senate" are dialed at the same instant
    Then exactly one of them reaches the carrier, and the others are refused at once
    And the operator sees the carrier down, with calls to it paused

  @rule.R3 @within @local-only @exclusive
  Scenario: The operator sees a third party that is down, and that calls to it are paused
    Given the carrier has stopped answering and failed 5 calls in a row
    When the operator looks at the platform's health
    Then the operator sees the carrier down, with calls to it paused
    And the operator sees the database, the cache, the processor and the mail server up

  @rule.R3 @beyond
  Scenario Outline: Only the operator sees the platform's health
    When <who> asks for the platform's health
    Then the platform's health is refused because <reason>

    Examples:
      | who      | reason                                   |
      | Riley    | only the platform's operator may see it  |
      | Dana     | only the platform's operator may see it  |
      | a stranger | the operator's credential is missing   |

  @rule.R4 @within @local-only @exclusive
  Scenario: A recorded gift moves the dashboard's counters by exactly one contribution
    Given "Harper for Senate" takes donations through the processor
    And the operator has read the dashboard's counters
    When Alex gave $25.00 on the campaign's donation page
    Then the dashboard's counters moved by exactly one contribution recorded

  @rule.R4 @beyond @local-only @exclusive
  Scenario: A call blocked by the calling hours counts as blocked, and as nothing else
    Given it is 7:00 am on a Tuesday in Columbus
    And the operator has read the dashboard's counters
    When Riley dials Sam
    Then the dashboard's counters moved by exactly one call blocked by the calling-hours rule

  @rule.R5 @within @local-only
  Scenario: An unexpected error reaches the error tracker with its context
    When an unexpected error happens while Dana asks about Alex, alex.donor@example.com, +1 614 555 0142, password "Tr0ub4dor&3-horse"
    Then Dana is told something went wrong, with a reference to quote
    And the error tracker receives one report of it, naming the request, its route and the campaign

  @rule.R5 @beyond @local-only
  Scenario: An unexpected error's report keeps every secret and personal detail out
    When an unexpected error happens while Dana asks about Alex, alex.donor@example.com, +1 614 555 0142, password "Tr0ub4dor&3-horse"
    Then the report holds no credential, password, e-mail address, phone number or donor's name
