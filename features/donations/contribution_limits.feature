@processor
Feature: Contributions over the per-election limit are flagged in time to remedy them
  An individual may give a candidate at most $3,500 per election in the 2025–2026 cycle ($3,300
  in 2023–2024) (C1). The primary, a runoff, the general and a special election are separate
  elections, each with its own limit (C2); a contribution counts toward the next election on or
  after the day it was made. The committee has 60 days from receipt to obtain a redesignation or
  reattribution, or to refund the excess (C12), so the contribution that crosses the limit is
  flagged with that deadline.

  Background:
    Given Dana owns "Harper for Senate"
    And "Harper for Senate" takes donations through the processor

  @rule.C1 @rule.C2 @rule.C12
  Scenario Outline: Alex's <amount> on <date> counts toward the <election> and is <outcome>
    Given "Harper for Senate" has its primary on May 5, 2026 and its general election on November 3, 2026
    And Alex gave $3,000.00 on March 2, 2026
    And it is <date> on the campaign's clock
    When Alex gives <amount> on <date>
    Then the contribution counts toward the <election>
    And it is <outcome>

    @within
    Examples: Within the primary's limit, and the general's own
      | amount    | date          | election | outcome          |
      | $500.00   | March 2, 2026 | primary  | within the limit |
      | $3,500.00 | May 6, 2026   | general  | within the limit |

    # Before primary day the excess is redesignated to the general without asking Alex, who is
    # told (C12); on primary day it can no longer be, and is to be refunded.
    @beyond
    Examples: Over the primary's limit, primary day included
      | amount  | date          | election | outcome                                                                  |
      | $500.01 | March 2, 2026 | primary  | flagged excessive by $0.01, redesignated to the general with notice to Alex |
      | $500.01 | May 5, 2026   | primary  | flagged excessive by $0.01, to be remedied by July 4, 2026               |

  @rule.C1 @rule.C2 @rule.C12
  Scenario Outline: The general election has its own $3,500 limit: <amount> is <outcome>
    Given "Harper for Senate" has its primary on May 5, 2026 and its general election on November 3, 2026
    And Alex gave $3,500.00 on March 2, 2026
    And Alex gave $3,000.00 on June 1, 2026
    When Alex gives <amount> on July 1, 2026
    Then the contribution counts toward the general
    And it is <outcome>

    @within
    Examples: At the limit
      | amount  | outcome                                                     |
      | $500.00 | within the limit                                            |

    @beyond
    Examples: A cent over
      | amount  | outcome                                                     |
      | $500.01 | flagged excessive by $0.01, to be remedied by August 30, 2026 |

  @rule.C1
  Scenario Outline: The limit is the one of the election's cycle: <amount> for <general> is <outcome>
    Given "Harper for Senate" has no primary and its general election on <general>
    When Alex gives <amount> on <date>
    Then it is <outcome>

    @within
    Examples: At the cycle's limit
      | general          | date            | amount    | outcome                                                        |
      | November 5, 2024 | October 1, 2024 | $3,300.00 | within the limit                                               |
      | November 3, 2026 | October 1, 2026 | $3,500.00 | within the limit                                               |

    @beyond
    Examples: A cent over the cycle's limit
      | general          | date            | amount    | outcome                                                        |
      | November 5, 2024 | October 1, 2024 | $3,300.01 | flagged excessive by $0.01, to be remedied by November 30, 2024 |
      | November 3, 2026 | October 1, 2026 | $3,500.01 | flagged excessive by $0.01, to be remedied by November 30, 2026 |

  @rule.C12 @within
  Scenario: Refunding the contribution that went over the limit closes its flag
    Given "Harper for Senate" has no primary and its general election on November 3, 2026
    And Alex gave $3,000.00 on October 1, 2026
    And Alex gave $600.00 on October 2, 2026
    When the processor refunds Alex's $600.00 contribution
    Then the excessive flag on Alex's $600.00 contribution is resolved
    And the dashboard total shows $3,000.00

  # An election in an odd year belongs to the two-year cycle that ends the year after (C3): an
  # election in November 2025 takes the 2026 cycle's limit, $3,500, not the 2024 cycle's $3,300.
  @rule.C1 @rule.C3
  Scenario Outline: A general election on November 4, 2025 has the 2026 cycle's limit: <amount> is <outcome>
    Given "Harper for Senate" has no primary and its general election on November 4, 2025
    When Alex gives <amount> on October 1, 2025
    Then it is <outcome>

    @within
    Examples: Up to the 2026 limit
      | amount    | outcome          |
      | $3,500.00 | within the limit |

    @beyond
    Examples: Past it
      | amount    | outcome                                                        |
      | $3,500.01 | flagged excessive by $0.01, to be remedied by November 30, 2025 |

  # A runoff and a special election are elections of their own (C2, 11 CFR 100.2(b)(2), (f);
  # 110.1(j)), each with its own $3,500 limit: what Alex gave for the primary does not count toward
  # the runoff, nor the runoff's toward the general.
  @rule.C1 @rule.C2
  Scenario Outline: A runoff has its own limit: Alex's <amount> on <date> counts toward the <election> and is <outcome>
    Given "Harper for Senate" has its primary on May 5, 2026, a runoff on June 16, 2026 and its general election on November 3, 2026
    And Alex gave $3,500.00 on March 2, 2026
    And Alex gave $3,000.00 on May 6, 2026
    When Alex gives <amount> on <date>
    Then the contribution counts toward the <election>
    And it is <outcome>

    @within
    Examples: Up to the runoff's limit, runoff day included; the day after, the general's own
      | amount    | date          | election | outcome          |
      | $500.00   | June 16, 2026 | runoff   | within the limit |
      | $3,500.00 | June 17, 2026 | general  | within the limit |

    @beyond
    Examples: A cent over the runoff's limit
      | amount  | date          | election | outcome                                                       |
      | $500.01 | June 16, 2026 | runoff   | flagged excessive by $0.01, to be remedied by August 15, 2026 |

  @rule.C1 @rule.C2
  Scenario Outline: A special election has its own limit: Alex's <amount> on <date> counts toward the <election> and is <outcome>
    Given "Harper for Senate" has a special election on March 17, 2026 and its general election on November 3, 2026
    And Alex gave $3,500.00 on March 2, 2026
    When Alex gives <amount> on <date>
    Then the contribution counts toward the <election>
    And it is <outcome>

    @within
    Examples: The day after the special election, the general's own limit
      | amount    | date           | election | outcome          |
      | $3,500.00 | March 18, 2026 | general  | within the limit |

    @beyond
    Examples: A cent over the special election's limit, on its day
      | amount | date           | election | outcome                                                   |
      | $0.01  | March 17, 2026 | special  | flagged excessive by $0.01, to be remedied by May 16, 2026 |
