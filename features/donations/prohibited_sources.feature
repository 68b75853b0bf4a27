@processor
Feature: Contributions from sources the law forbids are questioned, recorded and reviewed in time
  Corporations and labour unions (11 CFR 114.2), federal contractors (11 CFR 115.2), foreign
  nationals (11 CFR 110.20) may not give to a federal candidate, and nobody may give in another
  person's name (11 CFR 110.4(b)) (C10). What a notification says can only raise the question:
  a foreign address may be a US citizen's abroad, a federal contractor's employee may give
  (115.6), a partnership may give (110.1(e)), a Puerto Rico address is a US citizen's. So the
  platform never refuses the money the processor took (B8): it records it and flags it for the
  treasurer's review. Which signals raise the question is the platform's policy; the clocks are
  the law's (C11, 11 CFR 103.3(b)(1)): the contribution is reviewed (returned, or deposited) within
  10 days of receipt, and unless evidence of its legality is obtained it is refunded within 30.

  Background:
    Given Dana owns "Harper for Senate"
    And "Harper for Senate" takes donations through the processor

  @rule.C10
  Scenario Outline: A contribution given <how> is recorded and <outcome>
    When Alex gives $100.00 <how>
    Then the processor is told the contribution was recorded
    And Alex's contribution of $100.00 is recorded once
    And it is <outcome>

    @within
    Examples: Nothing in question
      | how                                        | outcome                |
      | under the name "Abe Lincoln"               | not flagged for review |
      | under the name "Sam Unionville"            | not flagged for review |
      | under the name "Harper Partners LLP"       | not flagged for review |
      | as a federal contractor at Lockheed Martin | not flagged for review |
      | from an address in PR                      | not flagged for review |
      | from an address in United States           | not flagged for review |

    @beyond
    Examples: The source is in question
      | how                                    | outcome                                                                  |
      | under the name "Acme Hardware Inc."    | flagged for review as possibly from a corporation, within 10 days        |
      | under the name "Harper Consulting LLC" | flagged for review as possibly from a corporation, within 10 days        |
      | under the name "Plumbers Local 42"     | flagged for review as possibly from a labour union, within 10 days       |
      | under the name "Steelworkers Union"    | flagged for review as possibly from a labour union, within 10 days       |
      | as a self-employed federal contractor  | flagged for review as possibly from a federal contractor, within 10 days |
      | from an address in FR                  | flagged for review as possibly from a foreign national, within 10 days   |

  @rule.C10 @rule.B8 @beyond
  Scenario: A US citizen living abroad is asked about, not refused
    When Alex gives $100.00 from an address in FR
    Then the processor is told the contribution was recorded
    And Alex's contribution of $100.00 is recorded once
    And it is flagged for review as possibly from a foreign national, within 10 days
    And the dashboard total shows $100.00

  @rule.C10
  Scenario Outline: A gift from another ZIP code with Alex's email address, by <who>, is <outcome>
    Given Alex gave $100.00 on the campaign's donation page
    When <who> gives $50.00 from another ZIP code with Alex's email address
    Then it is <outcome>

    @within
    Examples: Alex again, from a new ZIP code
      | who  | outcome                |
      | Alex | not flagged for review |

    @beyond
    Examples: Someone else under Alex's email address
      | who | outcome                                                                 |
      | Sam | flagged for review as possibly in another person's name, within 10 days |

  @rule.C11
  Scenario Outline: On day <day> after a gift from a foreign address, the evidence of its legality is <state>
    Given Alex gave $100.00 from an address in CA
    When <day> days have passed on the campaign's clock since the gift
    Then the evidence of the legality of Alex's contribution is <state>

    @within
    Examples: Within the 30 days
      | day | state        |
      | 30  | not yet late |

    @beyond
    Examples: From day 31 it is to be refunded
      | day | state |
      | 31  | late  |

  @rule.C11 @within
  Scenario: Refunding a questioned contribution closes its review and its evidence clock
    Given Alex gave $100.00 under the name "Acme Hardware Inc."
    And the processor refunded Alex's $100.00 contribution
    When 31 days have passed on the campaign's clock since the gift
    Then nothing about the source of Alex's contribution is open or late
