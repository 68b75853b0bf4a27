@carrier @reassigned
Feature: Consent given before a number was reassigned does not count
  Consent belongs to the person who had the number when they gave it. Phone companies hand a
  disconnected number to someone new, and a call or text on the old consent then reaches a
  stranger who never agreed. The FCC's Reassigned Numbers Database keeps, for every number, the
  day it was last permanently disconnected (A7.1). Before any call or text that relies on
  consent (a prerecorded or predictive call, an automatic text), the platform asks it whether
  the number was disconnected since the day the consent was given (A7.2). "Yes", including a
  disconnection on that very day (the database keeps days, not hours), blocks the call: the
  consent is a former subscriber's (A7.1, the law). "No" lets it go, and is the safe harbour of
  47 CFR 64.1200(m). "No data" gives no safe harbour (A7.3, the law); the platform then does not
  rely on the consent at all, which is platform policy. If the database does not answer, nothing
  that needs its answer is sent (platform policy: no safe harbour is claimed on an answer never
  had); a call dialed by hand relies on no consent and does not wait for it.

  Background:
    Given Dana owns "Harper for Senate", which is ready to dial
    And it is 10:00 am on a Tuesday in Columbus
    And the contact Sam in Columbus has a wireless number and gave consent on January 5, 2026

  @rule.A7.1
  Scenario Outline: Sam's number was last disconnected on <day>: a predictive call on Sam's consent is <outcome>
    Given the reassigned-numbers database says Sam's number was last disconnected on <day>
    When a predictive call to Sam is placed for "Harper for Senate"
    Then the call is <outcome>
    And the carrier <carrier>

    @within
    Examples: Disconnected before the consent: the consent is the new subscriber's
      | day              | outcome                        | carrier           |
      | January 4, 2026  | placed                         | receives one call |

    @beyond
    Examples: Disconnected on the day of the consent or after it
      | day              | outcome                        | carrier           |
      | January 5, 2026  | blocked as a reassigned number | receives no call  |
      | January 6, 2026  | blocked as a reassigned number | receives no call  |
      | October 30, 2026 | blocked as a reassigned number | receives no call  |

  @rule.A7.1
  Scenario Outline: Sam's number was last disconnected on <day>: an automatic text on Sam's consent is <outcome>
    Given the reassigned-numbers database says Sam's number was last disconnected on <day>
    When "Harper for Senate" texts Sam automatically
    Then the text is <outcome>
    And the carrier sends Sam <texts> campaign text

    @within
    Examples: Before the consent
      | day             | outcome                        | texts |
      | January 4, 2026 | sent                           | one   |

    @beyond
    Examples: On the day of the consent
      | day             | outcome                        | texts |
      | January 5, 2026 | blocked as a reassigned number | no    |

  @rule.A7.1 @beyond
  Scenario: A prerecorded call on consent given before the last disconnection is blocked
    Given the reassigned-numbers database says Sam's number was last disconnected on March 1, 2026
    When a prerecorded call to Sam is placed for "Harper for Senate"
    Then the call is blocked as a reassigned number
    And the carrier receives no call

  @rule.A7.2 @within
  Scenario: The platform asks about the day Sam gave consent before a predictive call
    Given the reassigned-numbers database says Sam's number was never disconnected
    When a predictive call to Sam is placed for "Harper for Senate"
    Then the call is placed
    And the reassigned-numbers database was asked about Sam's number since January 5, 2026

  @rule.A7.2 @within
  Scenario: A call dialed by hand relies on no consent: the database is not asked
    Given the reassigned-numbers database says Sam's number was last disconnected on March 1, 2026
    When a manual call to Sam is placed for "Harper for Senate"
    Then the call is placed
    And the reassigned-numbers database was not asked about Sam's number

  @rule.A7.3
  Scenario Outline: The database answers <answer>: a predictive call on Sam's consent is <outcome>
    Given the reassigned-numbers database <knows>
    When a predictive call to Sam is placed for "Harper for Senate"
    Then the call is <outcome>
    And the carrier <carrier>

    @within
    Examples: A "no": the safe harbour
      | answer  | knows                                    | outcome                                                | carrier           |
      | no      | says Sam's number was never disconnected | placed                                                 | receives one call |

    @beyond
    Examples: "No data": no safe harbour, and the platform does not rely on the consent
      | answer  | knows                                    | outcome                                                | carrier           |
      | no data | has no data on Sam's number              | blocked as the reassigned-numbers database has no data | receives no call  |

  @rule.A7.3 @beyond
  Scenario: "No data" blocks an automatic text on Sam's consent too
    Given the reassigned-numbers database has no data on Sam's number
    When "Harper for Senate" texts Sam automatically
    Then the text is blocked as the reassigned-numbers database has no data
    And the carrier sends Sam no campaign text

  @rule.A7.2 @beyond @exclusive
  Scenario: While the database does not answer, no call that relies on consent is placed
    Given the reassigned-numbers database does not answer
    When a predictive call to Sam is placed for "Harper for Senate"
    Then the dial is refused because the reassigned-numbers database did not answer
    And the carrier receives no call

  @rule.A7.2 @within @exclusive
  Scenario: Once the database answers again, the call is placed
    Given the reassigned-numbers database does not answer
    And a predictive call to Sam has been refused for want of its answer
    And the reassigned-numbers database answers again
    When a predictive call to Sam is placed for "Harper for Senate"
    Then the call is placed
    And the carrier receives one call
