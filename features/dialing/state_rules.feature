@carrier @rule.A2
Feature: States with stricter calling rules
  Several states forbid calls that federal rules allow: shorter hours, no calls on Sundays or
  holidays, at most three calls in 24 hours (A2). Most of these statutes cover sales calls; the
  platform applies them to political calls as policy, and where federal and state rules differ
  the stricter wins (A1.6). Florida's statute forbids calls after 8:00 pm; the platform blocks
  at 8:00 pm exactly (platform policy, as for the federal 9:00 pm). The state table and the
  holiday calendar are data.

  Background:
    Given Dana owns "Harper for Senate", which is ready to dial
    And Riley has the caller role on "Harper for Senate"

  @rule.A1.6
  Scenario Outline: <state>: a call at <local time> on <day> is <outcome>
    Given the contact Sam lives in <city>
    And it is <local time> on <day> where Sam lives
    When Riley dials Sam
    Then the call is <outcome>
    And the carrier <carrier>

    @within
    Examples: Florida ends at 8 pm
      | state   | city      | day                 | local time | outcome                      | carrier           |
      | Florida | Miami     | a Tuesday           | 7:59 pm    | placed                       | receives one call |

    @beyond
    Examples: Florida ends at 8 pm; at 8:00 pm exactly by platform policy (the statute forbids calls after 8 pm)
      | state   | city      | day                 | local time | outcome                      | carrier           |
      | Florida | Miami     | a Tuesday           | 8:00 pm    | blocked by the state's hours | receives no call  |

    @within
    Examples: Louisiana and Alabama allow calls on Saturdays and on days after a holiday
      | state     | city        | day                    | local time | outcome                         | carrier           |
      | Louisiana | New Orleans | a Saturday             | 10:00 am   | placed                          | receives one call |
      | Alabama   | Birmingham  | December 26, 2026      | 10:00 am   | placed                          | receives one call |

    @beyond
    Examples: Louisiana and Alabama allow no calls on Sundays and holidays; Alabama keeps a Sunday holiday on the Monday
      | state     | city        | day                    | local time | outcome                         | carrier           |
      | Louisiana | New Orleans | a Sunday               | 10:00 am   | blocked as a no-call day        | receives no call  |
      | Alabama   | Birmingham  | Christmas Day 2026     | 10:00 am   | blocked as a no-call holiday    | receives no call  |
      | Alabama   | Birmingham  | December 26, 2022      | 10:00 am   | blocked as a no-call holiday    | receives no call  |

    @beyond
    Examples: Texas calls start at noon on Sundays
      | state | city   | day      | local time | outcome                      | carrier           |
      | Texas | Austin | a Sunday | 11:59 am   | blocked by the state's hours | receives no call  |

    @within
    Examples: Texas calls at noon on Sundays
      | state | city   | day      | local time | outcome                      | carrier           |
      | Texas | Austin | a Sunday | 12:00 pm   | placed                       | receives one call |

  Scenario Outline: Florida allows <allowed>: the <nth> call to Sam within 24 hours is <outcome>
    Given the contact Sam lives in Miami
    And it is 10:00 am on a Tuesday where Sam lives
    And Riley has called Sam <earlier> times in the last 24 hours
    When Riley dials Sam
    Then the call is <outcome>
    And the carrier <carrier>

    @within
    Examples: The third call
      | allowed             | nth | earlier | outcome                               | carrier           |
      | 3 calls in 24 hours | 3rd | 2       | placed                                | receives one call |

    @beyond
    Examples: The fourth call
      | allowed             | nth | earlier | outcome                               | carrier           |
      | 3 calls in 24 hours | 4th | 3       | blocked as too many calls in 24 hours | receives no call  |

  # Maine's cap counts, and applies to, autodialed calls only (predictive and prerecorded).
  Scenario Outline: Maine allows one autodialed call in 8 hours: after one predictive call, a <mode> call is <outcome>
    Given the contact Sam in Portland, Maine has a landline phone without consent
    And it is 10:00 am on a Tuesday where Sam lives
    And Sam has received one predictive call from "Harper for Senate" in the last 8 hours
    When a <mode> call to Sam is placed for "Harper for Senate"
    Then the call is <outcome>
    And the carrier <carrier>

    @within
    Examples: A call dialed by hand is not counted
      | mode   | outcome | carrier           |
      | manual | placed  | receives one call |

    @beyond
    Examples: A second autodialed call is blocked
      | mode       | outcome                                         | carrier          |
      | predictive | blocked as too many autodialed calls in 8 hours | receives no call |

  @beyond
  Scenario Outline: A caller blocked by <state>'s cap is told the state's limit
    Given the contact Sam in <city> has a landline phone without consent
    And it is 10:00 am on a Tuesday where Sam lives
    And Sam has received <earlier> from "Harper for Senate" in the last 8 hours
    When a predictive call to Sam is placed for "Harper for Senate"
    Then the caller is told "<message>"

    Examples:
      | state   | city            | earlier                 | message                                                                    |
      | Maine   | Portland, Maine | one predictive call     | Maine allows at most 1 autodialed call to a number in 8 hours; 1 already made. |
      | Florida | Miami           | three predictive calls  | Florida allows at most 3 calls to a number in 24 hours; 3 already made.     |

  # Ala. Code §1-3-8(a): a holiday on a Saturday is observed the Friday before, even when that
  # Friday is in the year before (New Year's Day 2028 is a Saturday).
  Scenario Outline: Alabama: a call at 10:00 am on <day> is <outcome>
    Given the contact Sam lives in Birmingham
    And it is 10:00 am on <day> where Sam lives
    When Riley dials Sam
    Then the call is <outcome>
    And the carrier <carrier>

    @beyond
    Examples: New Year's Day 2028 is observed on Friday, December 31, 2027
      | day               | outcome                      | carrier          |
      | December 31, 2027 | blocked as a no-call holiday | receives no call |

    @within
    Examples: The Thursday before is an ordinary day
      | day               | outcome | carrier           |
      | December 30, 2027 | placed  | receives one call |
