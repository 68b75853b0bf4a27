@carrier
Feature: A person who says stop is never called or texted again by the organization
  Consent can be revoked by any reasonable means (A5.1). A reply that is exactly one of the
  revocation words — STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT, or "opt out",
  in any case, surrounding spaces ignored (A5.2, A5.3) — or pressing 9 during a prerecorded
  call (A5.8) puts the number on the organization's do-not-call list at once (A3.5, A5.4). The
  person gets exactly one confirmation text, with no campaign message in it (A5.5).

  Background:
    Given Dana owns "Harper for Senate", which is ready to dial
    And Riley has the caller role on "Harper for Senate"
    And the contact Sam in Columbus has a wireless phone who gave consent
    And it is 10:00 am on a Tuesday in Columbus

  @critical @rule.A5.2 @rule.A5.3 @rule.A3.5
  Scenario Outline: Sam replies "<reply>": <effect>
    When Sam replies "<reply>" to a text from "Harper for Senate"
    Then Sam <is opted out>
    And Sam receives <texts>
    When Riley dials Sam
    Then the call is <outcome>

    Examples:
      | reply        | effect          | is opted out         | texts                    | outcome                            |
      | STOP         | opted out       | is opted out         | one confirmation text    | blocked as on the do-not-call list |
      | stop         | opted out       | is opted out         | one confirmation text    | blocked as on the do-not-call list |
      | Unsubscribe  | opted out       | is opted out         | one confirmation text    | blocked as on the do-not-call list |
      | opt out      | opted out       | is opted out         | one confirmation text    | blocked as on the do-not-call list |
      | QUIT         | opted out       | is opted out         | one confirmation text    | blocked as on the do-not-call list |
      | stop please  | not an opt-out  | is not opted out     | no text                  | placed                             |
      | Who is this? | not an opt-out  | is not opted out     | no text                  | placed                             |

  @rule.A5.5
  Scenario: Saying stop twice still brings one confirmation text
    When Sam replies "STOP" to a text from "Harper for Senate"
    And Sam replies "STOP" to a text from "Harper for Senate"
    Then Sam receives one confirmation text

  @critical @rule.A5.8 @rule.A3.5
  Scenario: Pressing 9 during a prerecorded call opts Sam out at once
    Given a prerecorded call to Sam was placed for "Harper for Senate" and Sam answered
    When Sam presses 9 during the call
    Then Sam is opted out
    And Sam receives one confirmation text
    When a prerecorded call to Sam is placed for "Harper for Senate"
    Then the call is blocked as on the do-not-call list
    And the carrier receives no further call

  @rule.A5.3
  Scenario Outline: After opting out, replying START re-subscribes texting only where consent exists: <consent>
    Given the contact Sam in Columbus has a wireless phone <consent>
    And Sam has replied "STOP" to a text from "Harper for Senate"
    When Sam replies "START" to a text from "Harper for Senate"
    Then Sam <texting>
    And the call is still blocked when Riley dials Sam

    Examples:
      | consent          | texting                          |
      | who gave consent | can be texted again              |
      | without consent  | still cannot be texted           |
