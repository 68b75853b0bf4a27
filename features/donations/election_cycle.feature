@processor @rule.C3 @rule.C4
Feature: A donor's gifts add up over the election cycle of the seat
  A candidate's committee itemizes a donor once their gifts in the election cycle total more than
  $200 (C4). The cycle is the seat's (C3, 11 CFR 100.3(b)): it begins the day after the previous
  general election for the seat and ends on the day of the next one, so it lasts two years for the
  House, six for the Senate and four for the President. A gift counts in the cycle in which the
  committee received it; gifts of an earlier cycle do not count toward this one. (An office that
  is not a federal seat keeps a two-year cycle.)

  Background:
    Given Dana owns "Harper for Congress"
    And "Harper for Congress" takes donations through the processor

  Scenario Outline: For a House seat, $150.00 on <first> and $100.00 on <second> <add up>
    Given "Harper for Congress" runs for a seat in the U.S. House
    And "Harper for Congress" has no primary and its general election on November 3, 2026
    And Alex gave $150.00 on <first>
    When Alex gives $100.00 on <second>
    Then Alex <outcome> given in this cycle

    @within
    Examples: The previous general election, on November 5, 2024, closed the earlier cycle
      | first            | second           | add up        | outcome                       |
      | November 5, 2024 | November 6, 2024 | do not add up | is not itemized, with $100.00 |

    @beyond
    Examples: Two years, from the day after the previous general to the general, make one cycle
      | first            | second           | add up        | outcome                       |
      | November 6, 2024 | November 3, 2026 | add up        | is itemized, with $250.00     |

  Scenario Outline: For a Senate seat, $150.00 on <first> and $100.00 on <second> <add up>
    Given "Harper for Congress" runs for a seat in the U.S. Senate
    And "Harper for Congress" has no primary and its general election on November 3, 2026
    And Alex gave $150.00 on <first>
    When Alex gives $100.00 on <second>
    Then Alex <outcome> given in this cycle

    @within
    Examples: The seat's previous general election, on November 3, 2020, closed the earlier cycle
      | first            | second           | add up        | outcome                       |
      | November 3, 2020 | November 4, 2020 | do not add up | is not itemized, with $100.00 |
      | November 3, 2026 | November 4, 2026 | do not add up | is not itemized, with $150.00 |

    @beyond
    Examples: Six years make one cycle: gifts three years apart add up, and its first and last days
      | first            | second           | add up        | outcome                       |
      | October 1, 2021  | October 1, 2024  | add up        | is itemized, with $250.00     |
      | November 4, 2020 | November 3, 2026 | add up        | is itemized, with $250.00     |

  Scenario Outline: A seat in the <office> has the Senate's six-year cycle: $150.00 on <first> and $100.00 on <second> <add up>
    Given "Harper for Congress" runs for a seat in the <office>
    And "Harper for Congress" has no primary and its general election on November 3, 2026
    And Alex gave $150.00 on <first>
    When Alex gives $100.00 on <second>
    Then Alex <outcome> given in this cycle

    @within
    Examples: However the office is written, the previous general closed the earlier cycle
      | office               | first            | second           | add up        | outcome                       |
      | United States Senate | November 3, 2020 | November 4, 2020 | do not add up | is not itemized, with $100.00 |
      | US Senator           | November 3, 2020 | November 4, 2020 | do not add up | is not itemized, with $100.00 |

    @beyond
    Examples: However the office is written, its first and last days are one cycle
      | office               | first            | second           | add up        | outcome                       |
      | United States Senate | November 4, 2020 | November 3, 2026 | add up        | is itemized, with $250.00     |
      | US Senator           | November 4, 2020 | November 3, 2026 | add up        | is itemized, with $250.00     |

  # An office that is not a federal seat (a state or local one, which federal law does not
  # govern) keeps a two-year cycle: the platform's policy. Its general here is in an odd year.
  Scenario Outline: For a seat in the State Senate, $150.00 on <first> and $100.00 on <second> <add up>
    Given "Harper for Congress" runs for a seat in the State Senate
    And "Harper for Congress" has no primary and its general election on November 4, 2025
    And Alex gave $150.00 on <first>
    When Alex gives $100.00 on <second>
    Then Alex <outcome> given in this cycle

    @within
    Examples: The general two years before, on November 7, 2023, closed the earlier cycle
      | first            | second           | add up        | outcome                       |
      | November 7, 2023 | November 8, 2023 | do not add up | is not itemized, with $100.00 |

    @beyond
    Examples: Two years, from the day after it to the general, make one cycle
      | first            | second           | add up        | outcome                       |
      | November 8, 2023 | November 4, 2025 | add up        | is itemized, with $250.00     |

  Scenario Outline: A seat in the <office> has the House's two-year cycle: $150.00 on <first> and $100.00 on <second> <add up>
    Given "Harper for Congress" runs for a seat in the <office>
    And "Harper for Congress" has no primary and its general election on November 3, 2026
    And Alex gave $150.00 on <first>
    When Alex gives $100.00 on <second>
    Then Alex <outcome> given in this cycle

    @within
    Examples: However the office is written, the previous general closed the earlier cycle
      | office                                 | first            | second           | add up        | outcome                       |
      | US House of Representatives            | November 5, 2024 | November 6, 2024 | do not add up | is not itemized, with $100.00 |
      | United States House of Representatives | November 5, 2024 | November 6, 2024 | do not add up | is not itemized, with $100.00 |
      | US Representative                      | November 5, 2024 | November 6, 2024 | do not add up | is not itemized, with $100.00 |

    @beyond
    Examples: However the office is written, its first and last days are one cycle
      | office                                 | first            | second           | add up        | outcome                       |
      | US House of Representatives            | November 6, 2024 | November 3, 2026 | add up        | is itemized, with $250.00     |
      | United States House of Representatives | November 6, 2024 | November 3, 2026 | add up        | is itemized, with $250.00     |
      | US Representative                      | November 6, 2024 | November 3, 2026 | add up        | is itemized, with $250.00     |

  Scenario Outline: A campaign for the office of <office> has the President's four-year cycle: $150.00 on <first> and $100.00 on <second> <add up>
    Given "Harper for Congress" runs for the office of <office>
    And "Harper for Congress" has no primary and its general election on November 7, 2028
    And Alex gave $150.00 on <first>
    When Alex gives $100.00 on <second>
    Then Alex <outcome> given in this cycle

    @within
    Examples: However the office is written, the previous general closed the earlier cycle
      | office                         | first            | second           | add up        | outcome                       |
      | President                      | November 5, 2024 | November 6, 2024 | do not add up | is not itemized, with $100.00 |
      | US President                   | November 5, 2024 | November 6, 2024 | do not add up | is not itemized, with $100.00 |
      | President of the United States | November 5, 2024 | November 6, 2024 | do not add up | is not itemized, with $100.00 |

    @beyond
    Examples: However the office is written, its first and last days are one cycle
      | office                         | first            | second           | add up        | outcome                       |
      | President                      | November 6, 2024 | November 7, 2028 | add up        | is itemized, with $250.00     |
      | US President                   | November 6, 2024 | November 7, 2028 | add up        | is itemized, with $250.00     |
      | President of the United States | November 6, 2024 | November 7, 2028 | add up        | is itemized, with $250.00     |
