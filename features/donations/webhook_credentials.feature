@processor @rule.B2
Feature: Rotating the webhook password without losing a contribution
  Each campaign's webhook has its own credentials (B2). Finance staff rotate the password when
  someone who knew it leaves; the processor is updated some time later. So for 24 hours after a
  rotation both the old and the new password are accepted, then only the new one. Rotating again
  inside that window retires the oldest at once: never more than two passwords work.

  Background:
    Given Dana owns "Harper for Senate"
    And "Harper for Senate" takes donations through the processor

  @within
  Scenario: After a rotation the new password is accepted at once
    When Dana rotates the webhook password of "Harper for Senate"
    And the processor is given the new password
    And Alex gives $25.00 on the campaign's donation page
    Then Alex's contribution of $25.00 is recorded once

  Scenario Outline: <elapsed> after a rotation, a notification with the old password <outcome>
    Given Dana has rotated the webhook password of "Harper for Senate"
    When <elapsed> pass on the clock of "Harper for Senate"
    And Alex gives $25.00 on the campaign's donation page
    Then the processor, still sending the old password, <outcome>

    @within
    Examples: Inside the 24 hours
      | elapsed             | outcome                                        |
      | 23 hours 59 minutes | is told the contribution was recorded          |

    @beyond
    Examples: From 24 hours on
      | elapsed             | outcome                                        |
      | 24 hours            | is refused as unauthenticated                  |

  @beyond
  Scenario: A second rotation retires the oldest password at once
    Given Dana has rotated the webhook password of "Harper for Senate"
    And Dana has rotated the webhook password of "Harper for Senate" again
    When Alex gives $25.00 on the campaign's donation page
    Then the processor, still sending the old password, is refused as unauthenticated
    And nothing is recorded for Alex
