@processor @rule.C14
Feature: Large contributions received just before an election are reported within 48 hours
  A contribution of $1,000 or more that the committee receives after the 20th day, but more than
  48 hours, before an election the candidate runs in must be reported to the FEC within 48 hours
  of its receipt (C14; 52 U.S.C. 30104(a)(6), 11 CFR 104.5(f)). Each contribution counts on its
  own. Counted in days of receipt: the 20th day before the election is not in the window, the
  19th is its first day; more than 48 hours before the election (which opens at midnight of its
  day) is the 3rd day before or earlier. For a general election on November 3, 2026 the window
  is October 15 to October 31, 2026; for a primary on May 5, 2026, April 16 to May 2. The
  platform files nothing with the FEC: it shows the treasurer each notice due and when it is late.

  Background:
    Given Dana owns "Harper for Senate"
    And "Harper for Senate" takes donations through the processor
    And "Harper for Senate" has its primary on May 5, 2026 and its general election on November 3, 2026

  Scenario Outline: <amount> received on <date> <needs> a 48-hour notice
    When Alex gives <amount> on <date>
    Then <outcome>

    @within
    Examples: Under $1,000, or outside the 20 days before an election, or within its last 48 hours
      | amount    | date             | needs         | outcome                         |
      | $999.99   | October 20, 2026 | does not need | no 48-hour notice is due for it |
      | $1,000.00 | October 13, 2026 | does not need | no 48-hour notice is due for it |
      | $1,000.00 | October 14, 2026 | does not need | no 48-hour notice is due for it |
      | $1,000.00 | November 1, 2026 | does not need | no 48-hour notice is due for it |
      | $1,000.00 | November 4, 2026 | does not need | no 48-hour notice is due for it |
      | $1,000.00 | April 15, 2026   | does not need | no 48-hour notice is due for it |
      | $1,000.00 | May 3, 2026      | does not need | no 48-hour notice is due for it |

    @beyond
    Examples: $1,000 or more, from the 19th day before an election to the 3rd
      | amount    | date             | needs | outcome                                       |
      | $1,000.00 | October 20, 2026 | needs | a 48-hour notice of it is due within 48 hours |
      | $1,000.00 | October 15, 2026 | needs | a 48-hour notice of it is due within 48 hours |
      | $1,000.00 | October 31, 2026 | needs | a 48-hour notice of it is due within 48 hours |
      | $2,500.00 | October 20, 2026 | needs | a 48-hour notice of it is due within 48 hours |
      | $1,000.00 | April 16, 2026   | needs | a 48-hour notice of it is due within 48 hours |
      | $1,000.00 | May 2, 2026      | needs | a 48-hour notice of it is due within 48 hours |

  Scenario Outline: <elapsed> after receiving $1,000.00 on October 20, 2026, its 48-hour notice is <state>
    Given Alex gave $1,000.00 on October 20, 2026
    When <elapsed> have passed on the campaign's clock since the gift
    Then the 48-hour notice of Alex's contribution is <state>

    @within
    Examples: Within 48 hours of receipt
      | elapsed                 | state        |
      | 47 hours and 59 minutes | not yet late |
      | 48 hours                | not yet late |

    @beyond
    Examples: Past 48 hours
      | elapsed               | state |
      | 48 hours and 1 minute | late  |

  Scenario Outline: A runoff has its own window: $1,000.00 received on <date> <needs> a 48-hour notice
    Given "Harper for Senate" has its primary on May 5, 2026, a runoff on June 16, 2026 and its general election on November 3, 2026
    When Alex gives $1,000.00 on <date>
    Then <outcome>

    @within
    Examples: The 20th day before the runoff, and its last 48 hours
      | date          | needs         | outcome                         |
      | May 27, 2026  | does not need | no 48-hour notice is due for it |
      | June 14, 2026 | does not need | no 48-hour notice is due for it |

    @beyond
    Examples: From the 19th day before the runoff to the 3rd
      | date          | needs | outcome                                       |
      | May 28, 2026  | needs | a 48-hour notice of it is due within 48 hours |
      | June 13, 2026 | needs | a 48-hour notice of it is due within 48 hours |
