@processor
Feature: Donors over $200 are itemized, and asked once for what the report needs
  Once a donor has given more than $200 in the election cycle, the committee must itemize them,
  with full name, address, occupation and employer (C4). For each such gift that lacks the
  occupation or the employer, the committee shows best efforts by sending the donor one request
  for them no later than 30 days after it received the gift (C6, C7; 11 CFR 104.7(b)(2)): the 30
  days are the committee's deadline to ask, not the donor's deadline to answer. The platform sends
  the request by email when the gift is recorded and keeps when it went; a request not sent by day
  30 (no email address to send it to, a mail server that refused it) shows as late in the
  compliance view from day 31, for the committee to ask another way. Donations from a foreign
  address may be prohibited (C10) and must be reviewed within 10 days (C11).

  Background:
    Given Dana owns "Harper for Senate"
    And "Harper for Senate" takes donations through the processor

  @rule.C4 @rule.C7
  Scenario Outline: A donor who gave $150.00 and now gives <amount> <itemized>
    Given Alex gave $150.00 without saying an employer or occupation
    When Alex gives <amount> without saying an employer or occupation
    Then Alex <itemized>
    And <follow up>

    @within
    Examples: $200.00 in the cycle
      | amount | itemized        | follow up                                                                  |
      | $50.00 | is not itemized | Alex is not asked for an employer and occupation                           |

    @beyond
    Examples: $200.01 in the cycle
      | amount | itemized        | follow up                                                                  |
      | $50.01 | is itemized     | the committee asks Alex once for an employer and occupation, within 30 days of the gift |

  @rule.C7 @beyond
  Scenario: Each gift that lacks the employer and occupation brings its own request
    Given Alex gave $250.00 without saying an employer or occupation
    When Alex gives $100.00 without saying an employer or occupation
    Then the committee asks Alex once for each of the 2 gifts, within 30 days of each

  @rule.C4 @rule.C7 @beyond
  Scenario Outline: A donor over $200 who did not say an <missing> is asked for it
    When Alex gives $250.00 without saying an <missing>
    Then Alex is itemized
    And the committee asks Alex once for an employer and occupation, within 30 days of the gift

    Examples:
      | missing    |
      | employer   |
      | occupation |

  @rule.C4 @beyond
  Scenario: A donor who gave an employer and occupation is itemized without a follow-up
    When Alex gives $250.00 as a teacher at Springfield Schools
    Then Alex is itemized
    And Alex is not asked for an employer and occupation

  @rule.C10 @rule.C11
  Scenario Outline: A contribution from an address in <country> is <outcome>
    When Alex gives $100.00 from an address in <country>
    Then Alex's contribution of $100.00 is recorded once
    And it is <outcome>

    @within
    Examples: A US address
      | country | outcome                                                     |
      | US      | not flagged for review                                      |

    @beyond
    Examples: A foreign address
      | country | outcome                                                     |
      | CA      | flagged for review as from a foreign address, within 10 days |

  @rule.C7
  Scenario Outline: Day <day> after a gift without an occupation, from a donor <reach>: the request <state>
    Given Alex gave $250.00 without saying an occupation, <reach>
    When <day> days have passed on the campaign's clock since the gift
    Then the compliance view shows the request to Alex as <state>

    @within
    Examples: Sent by day 30, or not late yet
      | reach                      | day | state                      |
      | who gave an email address  | 30  | sent on time               |
      | who gave an email address  | 31  | sent on time               |
      | who gave no email address  | 30  | not sent, and not yet late |

    @beyond
    Examples: Not sent by day 30: late from day 31
      | reach                      | day | state                      |
      | who gave no email address  | 31  | not sent, and late         |

  @rule.C7 @within
  Scenario: A gift with the employer and occupation brings no request, and nothing is late
    Given Alex gave $250.00 as a teacher at Springfield Schools
    When 31 days have passed on the campaign's clock since the gift
    Then Alex is not asked for an employer and occupation

  # Only a country given and not the United States makes an address foreign (C10).
  @rule.C10 @within
  Scenario: A contribution from an address with no country given is not flagged
    When Alex gives $100.00 from an address with no country given
    Then Alex's contribution of $100.00 is recorded once
    And it is not flagged for review

  # A contribution of questionable legality must be decided within 10 days of receipt (C11): the
  # compliance view shows its review as late from day 11.
  @rule.C11
  Scenario Outline: On day <day> after a gift from a foreign address, its review is <state>
    Given Alex gave $100.00 from an address in CA
    When <day> days have passed on the campaign's clock since the gift
    Then the review of Alex's contribution is <state>

    @within
    Examples: Within the 10 days
      | day | state        |
      | 10  | not yet late |

    @beyond
    Examples: From day 11
      | day | state |
      | 11  | late  |

  # A donor who gave an email address, whose request the mail server refused: not sent, so late
  # from day 31 like a request to a donor with no email address (C7).
  @rule.C7 @exclusive
  Scenario Outline: Day <day> after a gift whose request the mail server refused: the request is <state>
    Given the mail server refuses every message
    And Alex gave $250.00 without saying an occupation
    And the mail server takes messages again
    When <day> days have passed on the campaign's clock since the gift
    Then the compliance view shows the request to Alex as <state>

    @within
    Examples: Not late on day 30
      | day | state                      |
      | 30  | not sent, and not yet late |

    @beyond
    Examples: Late from day 31
      | day | state              |
      | 31  | not sent, and late |

  # A donor who gives the missing employer and occupation with a later gift has answered the
  # request: it is closed, and never late (C7).
  @rule.C7 @within
  Scenario: A request never sent to a donor who answered it by giving them is not late
    Given Alex gave $250.00 without saying an occupation, who gave no email address
    And Alex gave $10.00 as a teacher at Springfield Schools
    When 31 days have passed on the campaign's clock since the gift
    Then the request to Alex is answered, and not late
