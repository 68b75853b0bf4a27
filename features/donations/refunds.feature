@processor
Feature: Refunds are netted from the contribution they return
  A refund notification names the line item it returns (B1, B6: `refundedAt`). The contribution
  stays on the books, marked refunded, and the campaign's net total drops by its amount. The
  processor does not promise order: a refund may arrive before the contribution it refunds.

  Background:
    Given Dana owns "Harper for Senate"
    And "Harper for Senate" takes donations through the processor

  @rule.B1 @within
  Scenario: A refund marks the contribution refunded and nets the total
    Given Alex gave $25.00 on the campaign's donation page
    And Blair gave $40.00 on the campaign's donation page
    And Dana is watching the donations dashboard
    When the processor refunds Alex's $25.00 contribution
    Then Alex's contribution of $25.00 is recorded once, as refunded
    And the dashboard is told of the refund of Alex's $25.00 contribution within 1 second
    And the dashboard total shows $40.00

  @rule.B4 @beyond
  Scenario: A refund delivered twice is netted once
    Given Alex gave $25.00 on the campaign's donation page
    And Blair gave $40.00 on the campaign's donation page
    When the processor refunds Alex's $25.00 contribution and delivers the refund twice
    Then the processor is told the second delivery of the refund was a duplicate
    And Alex's contribution of $25.00 is recorded once, as refunded
    And the dashboard total shows $40.00

  @rule.B1 @beyond
  Scenario: A refund that arrives before its contribution is told it waits for the contribution
    Given Alex gave $25.00 but the processor held the notification back
    And Blair gave $40.00 on the campaign's donation page
    When the processor refunds Alex's $25.00 contribution
    Then the processor is told the refund is waiting for its contribution
    And the dashboard total shows $40.00

  @rule.B1 @beyond
  Scenario: A refund that arrives before its contribution is applied when the contribution arrives
    Given Alex gave $25.00 but the processor held the notification back
    And Blair gave $40.00 on the campaign's donation page
    And the processor refunded Alex's $25.00 contribution
    When the processor delivers the notifications it held back
    Then Alex's contribution of $25.00 is recorded once, as refunded
    And the dashboard total shows $40.00
