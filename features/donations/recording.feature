@processor
Feature: Every contribution the processor took is recorded exactly once
  Campaign finance staff must trust that every dollar the donation processor took is in the
  platform once, never twice, and never from someone who is not the processor. The processor
  notifies the campaign's own webhook address once per line item (B1), signs each notification
  with the campaign's webhook credentials (B2), and sends a notification again when it is unsure
  it arrived (B4), so recording must be idempotent on the line item.

  Background:
    Given Dana owns "Harper for Senate"
    And "Harper for Senate" takes donations through the processor

  @critical @rule.B1 @rule.B6 @within
  Scenario: A first contribution is recorded and appears on the live dashboard
    Given Dana is watching the donations dashboard
    When Alex gives $25.00 on the campaign's donation page
    Then the processor is told the contribution was recorded
    And Alex's contribution of $25.00 is recorded once
    And the dashboard is told of Alex's $25.00 contribution within 1 second
    And the dashboard total shows $25.00

  @critical @rule.B4 @beyond
  Scenario: A contribution the processor delivers twice is recorded once
    Given Dana is watching the donations dashboard
    When Alex gives $25.00 and the processor delivers the notification twice
    Then the processor is told the second delivery was a duplicate
    And Alex's contribution of $25.00 is recorded once
    And the dashboard is told of Alex's $25.00 contribution exactly once
    And the dashboard total shows $25.00

  @critical @rule.B2 @beyond
  Scenario: A notification with the wrong password is refused and nothing is stored
    When Alex gives $25.00 and the notification arrives with the wrong password
    Then the processor is refused as unauthenticated
    And nothing is recorded for Alex
    And the dashboard total shows $0.00

  @rule.B1 @within
  Scenario: Each instalment of a monthly contribution is recorded as its own contribution
    When Alex gives $10.00 monthly, 3 instalments so far
    Then Alex has 3 contributions of $10.00, each recorded once as monthly
    And the dashboard total shows $30.00

  @local-only @exclusive @rule.B4 @within
  Scenario: A contribution that arrives while the database is down is answered "try again later"
    When the database stops answering
    And Alex gives $25.00 on the campaign's donation page
    Then the processor is told to try again later

  @local-only @exclusive @rule.B4 @within
  Scenario: A contribution that arrives while the database is down is recorded once it is back
    Given the database has stopped answering
    And Alex gave $25.00 on the campaign's donation page
    And the processor was told to try again later
    When the database answers again
    Then the processor's retry is told the contribution was recorded
    And Alex's contribution of $25.00 is recorded once
    And the dashboard total shows $25.00

  # B8: money the processor took is always recorded. Text the database cannot store (a NUL
  # character, half of an emoji's surrogate pair) is dropped or replaced by the sign "�" in the
  # donor's details, and the processor is told which fields were cleaned; the money is recorded.
  @rule.B8
  Scenario Outline: Money the processor took is recorded when the donor's name comes <writing>
    When Alex gives $25.00 under a name <writing>
    Then the processor is told the contribution was recorded
    And Alex's contribution of $25.00 is recorded once
    And the dashboard total shows $25.00

    @within
    Examples: a name the database can store
      | writing                     |
      | as written                  |

    @beyond
    Examples: a name holding what no database can store
      | writing                     |
      | with a NUL character in it  |
      | with half of an emoji in it |
