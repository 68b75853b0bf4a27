@isolation @rule.I1
Feature: The processor's and the carrier's reports reach only the campaign they are about
  Campaigns on the platform are rivals in the same primary, and third parties report to the
  platform for all of them: the donation processor sends each campaign's contributions to that
  campaign's own address, with a name and password the platform gave that campaign alone (B2);
  the carrier signs its reports on calls and texts (D1-D5). A report concerns one campaign and
  changes nothing else: another campaign's password opens nothing, a report on one campaign's
  call moves that call only, and a person's STOP binds the organization they said it to (A3.5 is
  per organization), not its rivals.

  Background:
    Given Dana owns "Harper for Senate"
    And Frank owns "Lee for Congress"

  @processor @critical @rule.B2 @beyond
  Scenario: The webhook credentials of "Harper for Senate" do not open the webhook of "Lee for Congress"
    Given "Harper for Senate" and "Lee for Congress" both take donations through the processor
    And Alex gave $25.00 to "Harper for Senate"
    And Blair gave $40.00 to "Lee for Congress"
    And Frank is watching the donations dashboard of "Lee for Congress"
    When Morgan's $500.00 contribution is sent to the webhook of "Lee for Congress" with the credentials of "Harper for Senate"
    Then the sender is refused as unauthenticated
    And nothing is recorded for Morgan in either campaign
    And "Lee for Congress" shows only Blair's $40.00 contribution, and a total of $40.00
    And Frank's dashboard is told nothing

  @processor @rule.B1 @within
  Scenario: A contribution to "Harper for Senate" lands in its records only
    Given "Harper for Senate" and "Lee for Congress" both take donations through the processor
    And Frank is watching the donations dashboard of "Lee for Congress"
    When Alex gives $25.00 to "Harper for Senate"
    Then "Harper for Senate" shows only Alex's $25.00 contribution, and a total of $25.00
    And "Lee for Congress" shows no contribution, and a total of $0.00
    And Frank's dashboard is told nothing

  @carrier @beyond
  Scenario: The carrier's report on a call of "Lee for Congress" moves that call only
    Given "Harper for Senate" and "Lee for Congress" are both ready to dial, at 10:00 am on a Tuesday in Columbus
    And the contact Sam in Columbus is on the call lists of both "Harper for Senate" and "Lee for Congress"
    And Dana dialed Sam for "Harper for Senate" first, then Frank dialed Sam for "Lee for Congress"
    And Dana is watching the call board of "Harper for Senate"
    And Frank is watching the call board of "Lee for Congress"
    When the carrier reports that Sam answered the call of "Lee for Congress"
    Then the call of "Lee for Congress" to Sam is answered, and Frank's call board shows it within 1 second
    And the call of "Harper for Senate" to Sam is still only placed
    And Dana's call board is told nothing

  @carrier @within
  Scenario: After the carrier's report on a rival's call, its report on a call of "Harper for Senate" moves that call
    Given "Harper for Senate" and "Lee for Congress" are both ready to dial, at 10:00 am on a Tuesday in Columbus
    And the contact Sam in Columbus is on the call lists of both "Harper for Senate" and "Lee for Congress"
    And Dana dialed Sam for "Harper for Senate" first, then Frank dialed Sam for "Lee for Congress"
    And Dana is watching the call board of "Harper for Senate"
    And the carrier reported that Sam answered the call of "Lee for Congress"
    When the carrier reports that Sam answered the call of "Harper for Senate"
    Then the call of "Harper for Senate" to Sam is answered, and Dana's call board shows it within 1 second
    And Dana's call board is told of nothing more

  @carrier @critical @rule.A3.5 @rule.A5.5 @beyond
  Scenario: Sam's STOP to "Lee for Congress" puts Sam on that organization's do-not-call list only
    Given "Harper for Senate" and "Lee for Congress" are both ready to dial, at 10:00 am on a Tuesday in Columbus
    And the contact Sam in Columbus is on the call lists of both "Harper for Senate" and "Lee for Congress"
    When Sam replies "STOP" to the caller ID of "Lee for Congress"
    Then Sam is on the do-not-call list of the organization of "Lee for Congress"
    And Sam is on no do-not-call list of "Harper for Senate"
    And Sam receives one confirmation text, from "Lee for Congress"

  @carrier @critical @rule.A3.5 @rule.A5.5
  Scenario Outline: After Sam's STOP to "Lee for Congress", a call to Sam for "<campaign>" is <outcome>
    Given "Harper for Senate" and "Lee for Congress" are both ready to dial, at 10:00 am on a Tuesday in Columbus
    And the contact Sam in Columbus is on the call lists of both "Harper for Senate" and "Lee for Congress"
    And Sam replied "STOP" to the caller ID of "Lee for Congress"
    When <caller> dials Sam for "<campaign>"
    Then that call is <outcome>

    @beyond
    Examples: The organization Sam said STOP to
      | caller | campaign         | outcome                                                              |
      | Frank  | Lee for Congress | blocked as on the do-not-call list, and the carrier receives no call |

    @within
    Examples: A rival organization
      | caller | campaign          | outcome                             |
      | Dana   | Harper for Senate | placed, and the carrier receives it |
