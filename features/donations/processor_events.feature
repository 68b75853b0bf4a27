@processor
Feature: What the processor tells the campaign besides a new contribution
  The processor notifies the campaign of each contribution, each refund and each cancellation of
  a recurring contribution (B1). A cancellation moves no money: the instalments already received
  stay received, and no further instalment is expected (B9); a cancellation delivered again is
  acknowledged and changes nothing, not even when it was cancelled. The processor is a conduit: it
  passes each contribution on for the donor who earmarked it to the campaign, so the donor is the
  contributor, whose own limit it counts toward, and the committee reports the conduit with it
  (C17; 11 CFR 110.6). A notification of money the processor took is a receipt: it is recorded
  even when it takes the donor over the limit, and flagged (B8).

  Background:
    Given Dana owns "Harper for Senate"
    And "Harper for Senate" takes donations through the processor

  @rule.B9 @within
  Scenario: A monthly contribution nobody cancelled expects further instalments
    When Alex gives $10.00 monthly, 2 instalments so far
    Then Alex has 2 contributions of $10.00, each recorded once as monthly
    And Alex's monthly contribution expects further instalments

  @rule.B9 @beyond
  Scenario: A cancelled monthly contribution keeps what it gave and expects no more
    Given Alex gave $10.00 monthly, 3 instalments so far
    When Alex cancels the monthly contribution
    Then the processor is told the cancellation was recorded
    And Alex has 3 contributions of $10.00, each recorded once as monthly
    And Alex's monthly contribution expects no further instalments
    And the dashboard total shows $30.00

  @rule.B9 @beyond
  Scenario: A cancellation naming a contribution the platform does not have records no money
    When the processor sends a cancellation of Alex's $25.00 contribution the platform never received
    Then the processor is told the cancellation named no contribution it has
    And nothing is recorded for Alex
    And the dashboard total shows $0.00

  @rule.B9 @beyond
  Scenario: A cancellation the processor delivers twice is recorded once
    Given Alex gave $10.00 monthly, 3 instalments so far
    When Alex cancels the monthly contribution and the processor delivers the cancellation twice
    Then the processor is told the second delivery of the cancellation was a duplicate
    And Alex has 3 contributions of $10.00, each recorded once as monthly
    And Alex's monthly contribution stays cancelled as of the first cancellation
    And the dashboard total shows $30.00

  @rule.B9 @beyond
  Scenario: A later cancellation of a cancelled contribution does not move when it was cancelled
    Given Alex gave $10.00 monthly, 3 instalments so far
    And Alex cancelled the monthly contribution
    When the processor sends Alex's cancellation again, dated 1 hour later
    Then the processor is told the cancellation was already recorded
    And Alex's monthly contribution stays cancelled as of the first cancellation
    And the dashboard total shows $30.00

  @rule.C17 @within
  Scenario: Two donors giving through the conduit each give within their own limit
    Given "Harper for Senate" has no primary and its general election on November 3, 2026
    And Alex gave $3,500.00 on October 1, 2026
    When Sam gives $3,500.00 on October 1, 2026
    Then Sam's contribution of $3,500.00 is recorded once, Sam's own, earmarked through ActBlue
    And it is within the limit

  @rule.C17 @beyond
  Scenario: A donor's gifts through the conduit add up to the donor's own limit
    Given "Harper for Senate" has no primary and its general election on November 3, 2026
    And Alex gave $3,500.00 on October 1, 2026
    When Alex gives $0.01 on October 2, 2026
    Then Alex's contribution of $0.01 is recorded once, Alex's own, earmarked through ActBlue
    And it is flagged excessive by $0.01, to be remedied by December 1, 2026

  @rule.B8
  Scenario Outline: A gift of <amount> is money received: recorded, and <outcome>
    Given "Harper for Senate" has no primary and its general election on November 3, 2026
    When Alex gives <amount> on October 1, 2026
    Then the processor is told the contribution was recorded
    And Alex's contribution of <amount> is recorded once
    And it is <outcome>
    And the dashboard total shows <amount>

    @within
    Examples: Within the limit
      | amount    | outcome          |
      | $3,500.00 | within the limit |

    @beyond
    Examples: Over the limit in one gift
      | amount    | outcome                                                             |
      | $5,000.00 | flagged excessive by $1,500.00, to be remedied by November 30, 2026 |
