@carrier @rule.A6.2
Feature: Predictive dialing pauses when too many answered calls are abandoned
  A predictive dialer calls ahead of its callers; when a person answers and no caller comes on
  within 2 seconds of their greeting, the call is abandoned (A6.2). The rule forbids abandoning
  more than 3% of the calls answered by a person over 30 days (A6.1), so 3.0% itself is lawful;
  the platform pauses its predictive dialing at 3.0% already (platform policy), because the next
  abandoned call would take the campaign over the limit. The rule binds sales calls; the
  platform applies it to political calls too (platform policy). Callers dialing by hand are not
  affected. The figure is computed from the carrier's own reports of each call.

  Background:
    Given Dana owns "Harper for Senate", which is ready to dial
    And Riley has the caller role on "Harper for Senate"
    And it is 10:00 am on a Tuesday in Columbus

  @rule.A6.1
  Scenario Outline: With <abandoned> of <answered> answered calls abandoned (<rate>), a <mode> call is <outcome>
    Given "Harper for Senate" made <answered> calls in the last 30 days that people answered, <abandoned> of them abandoned
    And the contact Sam in Columbus has a wireless phone who gave consent
    When a <mode> call to Sam is placed for "Harper for Senate"
    Then the call is <outcome>

    @within
    Examples: Under 3%, or dialed by hand
      | answered | abandoned | rate | mode       | outcome                                 |
      | 103      | 3         | 2.9% | predictive | placed                                  |
      | 100      | 3         | 3.0% | manual     | placed                                  |

    @beyond
    Examples: At 3.0% predictive dialing pauses (platform policy: the rule forbids more than 3%)
      | answered | abandoned | rate | mode       | outcome                                 |
      | 100      | 3         | 3.0% | predictive | blocked as predictive dialing is paused |

  Scenario Outline: A call a person answers is abandoned when no caller comes on within 2 seconds: <delay>
    Given a predictive call to Sam in Columbus was placed for "Harper for Senate"
    When Sam answers and a caller comes on <delay> later
    Then the call is <abandoned>

    @within
    Examples: Within 2 seconds
      | delay        | abandoned            |
      | 2 seconds    | not counted abandoned |

    @beyond
    Examples: Later
      | delay        | abandoned            |
      | 2.1 seconds  | counted abandoned     |

  # 3 of 101 is the highest rate under 3% with three abandoned calls: the sharpest row inside.
  @rule.A6.1 @within
  Scenario: With 3 of 101 answered calls abandoned (2.97%), a predictive call is placed
    Given "Harper for Senate" made 101 calls in the last 30 days that people answered, 3 of them abandoned
    And the contact Sam in Columbus has a wireless phone who gave consent
    When a predictive call to Sam is placed for "Harper for Senate"
    Then the call is placed
