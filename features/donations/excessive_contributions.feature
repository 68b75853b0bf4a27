@processor
Feature: An excessive contribution is remedied within 60 days, and only its excess is refunded
  A contribution that takes a donor over the per-election limit is excessive by the amount over
  (C1). The committee has 60 days from receipt to have the excess redesignated to another
  election or reattributed, or else to refund it; it refunds the excess, not the whole gift (C12,
  11 CFR 103.3(b)(3)). The excess of an undesignated gift made before the primary may be
  redesignated to the general without asking the donor, when the general's limit holds all of it
  (11 CFR 110.1(b)(5)(ii)(B)); the donor must be told so within the 60 days, and may ask for the
  excess back instead. Where the general's limit holds only part of the excess, the platform
  redesignates none of it (its reading: the whole excess is refunded). A candidate who loses the
  primary refunds the money given for the general within 60 days of the primary (C16).

  Background:
    Given Dana owns "Harper for Senate"
    And "Harper for Senate" takes donations through the processor
    And "Harper for Senate" has its primary on May 5, 2026 and its general election on November 3, 2026
    And it is March 2, 2026 on the campaign's clock

  @rule.C12
  Scenario Outline: Over the primary's limit by <excess> with <given> already given for the general, the excess <outcome>
    Given Alex gave <earlier> on March 2, 2026
    When Alex gives <amount> on March 3, 2026
    Then the excess of Alex's contribution <outcome>

    @within
    Examples: The general's limit holds the whole excess, to the cent: the gift is split, nothing is left to remedy
      | earlier   | given     | amount    | excess    | outcome                        |
      | $3,500.00 | nothing   | $3,500.00 | $3,500.00 | is redesignated to the general |
      | $6,999.99 | $3,499.99 | $0.01     | $0.01     | is redesignated to the general |

    @beyond
    Examples: A cent more than the general's limit holds: none of it is redesignated
      | earlier   | given     | amount    | excess    | outcome                                |
      | $3,500.00 | nothing   | $3,500.01 | $3,500.01 | is to be refunded, and is not yet late |
      | $6,999.99 | $3,499.99 | $0.02     | $0.02     | is to be refunded, and is not yet late |

  @rule.C12 @within
  Scenario: A gift of twice the limit before the primary counts half toward each election, and the donor is told
    When Alex gives $7,000.00 on March 2, 2026
    Then the contribution counts toward the primary
    And it is flagged excessive by $3,500.00, redesignated to the general with notice to Alex

  @rule.C12 @beyond
  Scenario: The donor asks for the excess back instead, and the redesignation is undone
    Given Alex gave $4,000.00 on March 2, 2026
    When Alex answers the notice asking for the excess back
    Then the excess of Alex's contribution is to be refunded at the donor's request

  @rule.C12
  Scenario Outline: A donor who cannot be told of the redesignation: on day <day> the excess <outcome>
    Given Alex, who gave no email address, gave $4,000.00 on March 2, 2026
    When <day> days have passed on the campaign's clock since the gift
    Then Alex is not told of a redesignation
    And the excess of Alex's contribution <outcome>

    @within
    Examples: The 60th day is the last to tell the donor
      | day | outcome                                             |
      | 60  | awaits its notice to the donor, and is not yet late |

    @beyond
    Examples: The day after, the redesignation has lapsed: the excess is to be refunded, late
      | day | outcome                                |
      | 61  | is to be refunded, and is late         |

  @rule.C12
  Scenario Outline: An excess over the general's limit, unremedied, on day <day> <outcome>
    Given "Harper for Senate" has no primary and its general election on November 3, 2026
    And Alex gave $3,500.00 on October 1, 2026
    And Alex gave $0.01 on October 2, 2026
    When <day> days have passed on the campaign's clock since the gift
    Then the excess of Alex's contribution <outcome>

    @within
    Examples: The 60th day is the last to refund it
      | day | outcome                                |
      | 60  | is to be refunded, and is not yet late |

    @beyond
    Examples: The day after, it is late
      | day | outcome                        |
      | 61  | is to be refunded, and is late |

  @rule.C12
  Scenario Outline: The committee refunds <refund> of a $600.00 gift $100.00 over the limit: the refund is <outcome>
    Given "Harper for Senate" has no primary and its general election on November 3, 2026
    And it is October 2, 2026 on the campaign's clock
    And Alex gave $3,000.00 on October 1, 2026
    And Alex gave $600.00 on October 2, 2026
    When the committee refunds <refund> of Alex's $600.00 contribution
    Then the refund is <outcome>
    And the excess of Alex's contribution <state>
    And Alex's contribution of $600.00 is recorded once
    And the dashboard total shows <total>

    @within
    Examples: Exactly the excess: the rest of the gift stays
      | refund  | outcome  | state       | total     |
      | $100.00 | recorded | is refunded | $3,500.00 |

    @beyond
    Examples: A cent less or more than the excess is not the excess
      | refund  | outcome                   | state                                  | total     |
      | $99.99  | refused as not the excess | is to be refunded, and is not yet late | $3,600.00 |
      | $100.01 | refused as not the excess | is to be refunded, and is not yet late | $3,600.00 |

  @rule.C16
  Scenario Outline: When the candidate <result> the primary, the $500.00 redesignated to the general <outcome>
    Given Alex gave $4,000.00 on March 2, 2026
    And it is May 5, 2026 on the campaign's clock
    When Dana records that the candidate <result> the primary
    Then <outcome>

    @within
    Examples: The candidate runs in the general
      | result | outcome                                                              |
      | won    | none of Alex's money is to be refunded for the general election      |

    @beyond
    Examples: The candidate lost: within 60 days of the primary
      | result | outcome                                                              |
      | lost   | $500.00 of Alex's general-election money is to be refunded by July 4, 2026 |

  @rule.C16
  Scenario Outline: The general-election money of a lost primary, on <day>, is <state>
    Given Alex gave $4,000.00 on March 2, 2026
    And Blair gave $250.00 on May 6, 2026
    And it is May 5, 2026 on the campaign's clock
    And Dana records that the candidate lost the primary
    When it is <day> on the campaign's clock
    Then the refund of Alex's general-election money is <state>
    And the refund of Blair's general-election money is <state>

    @within
    Examples: The 60th day after the primary
      | day          | state        |
      | July 4, 2026 | not yet late |

    @beyond
    Examples: The day after
      | day          | state |
      | July 5, 2026 | late  |

  @rule.C16 @within
  Scenario: The primary's result cannot be recorded before primary day
    Given Alex gave $4,000.00 on March 2, 2026
    And it is May 4, 2026 on the campaign's clock
    When Dana tries to record that the candidate lost the primary
    Then it is refused as the primary not held yet
    And none of Alex's money is to be refunded for the general election

  # A gift the donor designated in writing for the primary and the general (the donation form's
  # question) fills the primary's limit first and goes on to the general's: no excess, no flag.
  # What neither limit holds is excessive, and is not redesignated without asking (C12).
  @rule.C2 @rule.C12
  Scenario Outline: <amount> designated for the primary and the general is split, and <outcome>
    When Alex gives <amount> on March 2, 2026, designated for the primary and general
    Then it counts <primary> toward the primary and <general> toward the general
    And it is <outcome>
    And Alex is not told of a redesignation

    @within
    Examples: Up to both limits: nothing over either
      | amount    | primary   | general   | outcome          |
      | $7,000.00 | $3,500.00 | $3,500.00 | within the limit |

    @beyond
    Examples: A cent over both: the primary holds the excess
      | amount    | primary   | general   | outcome                                                   |
      | $7,000.01 | $3,500.01 | $3,500.00 | flagged excessive by $0.01, to be remedied by May 1, 2026 |

  @rule.C2 @rule.C12 @beyond
  Scenario: Designated for the primary and the general, after a gift for the general: only the general's room goes on
    Given Alex gave $100.00 on March 1, 2026, designated for the general
    When Alex gives $7,000.00 on March 2, 2026, designated for the primary and general
    Then it counts $3,600.00 toward the primary and $3,400.00 toward the general
    And it is flagged excessive by $100.00, to be remedied by May 1, 2026

  @rule.C2 @rule.C12
  Scenario Outline: <amount> designated for the general before the primary counts toward the general, and <outcome>
    Given Alex gave $3,500.00 on March 2, 2026
    When Alex gives <amount> on March 3, 2026, designated for the general
    Then the contribution counts toward the general
    And it is <outcome>

    @within
    Examples: The general's own limit
      | amount    | outcome          |
      | $3,500.00 | within the limit |

    @beyond
    Examples: A cent over it, not redesignated without asking
      | amount    | outcome                                                   |
      | $3,500.01 | flagged excessive by $0.01, to be remedied by May 2, 2026 |

  @rule.C12 @beyond
  Scenario: A gift designated for the primary alone is not redesignated without asking
    When Alex gives $3,500.01 on March 2, 2026, designated for the primary
    Then it is flagged excessive by $0.01, to be remedied by May 1, 2026
    And Alex is not told of a redesignation

  # From a joint account the form names the other holder of, the excess is attributed to that
  # holder without asking when their own limit holds all of it (11 CFR 110.1(k)(3)(ii)(B)); the
  # donor is told, and may ask for it back instead.
  @rule.C12
  Scenario Outline: <amount> over the general's limit from a joint account with Jordan, who gave <given>: the excess <outcome>
    Given "Harper for Senate" has no primary and its general election on November 3, 2026
    And it is October 2, 2026 on the campaign's clock
    And Jordan gave <given> on October 1, 2026
    And Alex gave $3,500.00 on October 1, 2026
    When Alex gives <amount> on October 2, 2026 from a joint account with Jordan
    Then the excess of Alex's contribution <outcome>

    @within
    Examples: Jordan's limit holds it, to the cent, a cent's excess included
      | amount  | given     | outcome                                       |
      | $100.00 | $3,400.00 | is reattributed to the account's other holder |
      | $0.01   | $3,499.99 | is reattributed to the account's other holder |

    @beyond
    Examples: A cent more than Jordan's limit holds
      | amount  | given     | outcome                                |
      | $100.00 | $3,400.01 | is to be refunded, and is not yet late |

  @rule.C12 @within
  Scenario: The donor is told of the reattribution
    Given "Harper for Senate" has no primary and its general election on November 3, 2026
    And it is October 2, 2026 on the campaign's clock
    And Alex gave $3,500.00 on October 1, 2026
    When Alex gives $100.00 on October 2, 2026 from a joint account with Jordan
    Then Alex is told that Jordan now counts as its giver, and may ask for it back

  @rule.C12 @beyond
  Scenario: The donor asks for a reattributed excess back instead
    Given "Harper for Senate" has no primary and its general election on November 3, 2026
    And it is October 2, 2026 on the campaign's clock
    And Alex gave $3,500.00 on October 1, 2026
    And Alex gives $100.00 on October 2, 2026 from a joint account with Jordan
    When Alex answers the notice asking for the excess back
    Then the excess of Alex's contribution is to be refunded at the donor's request

  # The form names the other holder in full: every word but the last is the first name.
  @rule.C12 @beyond
  Scenario: The other holder named with two first names is found, and Jordan Rae's own limit is full
    Given "Harper for Senate" has no primary and its general election on November 3, 2026
    And it is October 2, 2026 on the campaign's clock
    And Jordan gives under the first names "Jordan Rae"
    And Jordan gave $3,400.01 on October 1, 2026
    And Alex gave $3,500.00 on October 1, 2026
    When Alex gives $100.00 on October 2, 2026 from a joint account with Jordan
    Then the excess of Alex's contribution is to be refunded, and is not yet late
