@processor
Feature: Donors over $200 are itemized, and asked once for what the report needs
  Once a donor has given more than $200 in the election cycle, the committee must itemize them,
  with full name, address, occupation and employer (C4). When occupation or employer is missing,
  the committee shows best efforts by asking once, within 30 days of receipt (C6, C7). Donations
  from a foreign address may be prohibited (C10) and must be reviewed within 10 days (C11).

  Background:
    Given Dana owns "Harper for Senate"
    And "Harper for Senate" takes donations through the processor

  @rule.C4 @rule.C7
  Scenario Outline: A donor who gave $150.00 and now gives <amount> <itemized>
    Given Alex gave $150.00 without saying an employer or occupation
    When Alex gives <amount> without saying an employer or occupation
    Then Alex <itemized>
    And <follow up>

    Examples:
      | amount | itemized        | follow up                                                                  |
      | $50.00 | is not itemized | Alex is not asked for an employer and occupation                           |
      | $50.01 | is itemized     | Alex is asked once for an employer and occupation, due within 30 days      |

  @rule.C7
  Scenario: A donor is asked for a missing employer and occupation only once per cycle
    Given Alex gave $250.00 without saying an employer or occupation
    When Alex gives $100.00 without saying an employer or occupation
    Then Alex is asked once for an employer and occupation, due within 30 days

  @rule.C4 @rule.C7
  Scenario Outline: A donor over $200 who did not say an <missing> is asked for it
    When Alex gives $250.00 without saying an <missing>
    Then Alex is itemized
    And Alex is asked once for an employer and occupation, due within 30 days

    Examples:
      | missing    |
      | employer   |
      | occupation |

  @rule.C4
  Scenario: A donor who gave an employer and occupation is itemized without a follow-up
    When Alex gives $250.00 as a teacher at Springfield Schools
    Then Alex is itemized
    And Alex is not asked for an employer and occupation

  @rule.C10 @rule.C11
  Scenario Outline: A contribution from an address in <country> is <outcome>
    When Alex gives $100.00 from an address in <country>
    Then Alex's contribution of $100.00 is recorded once
    And it is <outcome>

    Examples:
      | country | outcome                                                     |
      | US      | not flagged for review                                      |
      | CA      | flagged for review as from a foreign address, within 10 days |

  # Only a country given and not the United States makes an address foreign (C10).
  @rule.C10 @within
  Scenario: A contribution from an address with no country given is not flagged
    When Alex gives $100.00 from an address with no country given
    Then Alex's contribution of $100.00 is recorded once
    And it is not flagged for review
