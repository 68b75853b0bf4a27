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
