@carrier
Feature: Only the carrier's genuine, fresh reports change a call
  The carrier reports each call's progress and each reply text to the platform, signed with a
  shared secret over the exact bytes sent and the time of sending (D1, D4). A report with a wrong
  signature, or sent more than 5 minutes before or after the platform's clock, is refused and
  changes nothing (D2, D5); the same report received twice counts once (D3, D5).

  Background:
    Given Dana owns "Harper for Senate", which is ready to dial
    And Riley has the caller role on "Harper for Senate"
    And it is 10:00 am on a Tuesday in Columbus
    And a manual call to Sam in Columbus was placed for "Harper for Senate"

  @rule.D1 @rule.D2 @rule.D4 @rule.D5
  Scenario Outline: A report that Sam answered, <how>, is <outcome>
    When the carrier reports that Sam answered, <how>
    Then the report is <outcome>
    And the call <state>

    @within @rule.D3
    Examples: Genuine and fresh
      | how                                   | outcome  | state                  |
      | signed and fresh                      | accepted | is answered            |

    @beyond
    Examples: Forged or stale
      | how                                   | outcome  | state                  |
      | signed with the wrong secret          | refused  | is still only placed   |
      | with no signature                     | refused  | is still only placed   |
      | signed 301 seconds before it arrived  | refused  | is still only placed   |
      | signed 301 seconds after it arrived   | refused  | is still only placed   |

  @rule.D3 @rule.D5 @beyond
  Scenario: The same report received twice counts once
    When the carrier reports that Sam answered, twice
    Then the second report is ignored as already received
    And the call has one answer recorded

  @rule.D1 @rule.D4 @beyond
  Scenario: A forged STOP does not opt anyone out
    When a forged reply "STOP" from Sam reaches the platform
    Then the report is refused
    And Sam is not opted out

  # The carrier resends every report it is not told was received. A genuine report that concerns
  # no campaign (a call no campaign placed, an event the platform does not know, a text between
  # numbers no campaign uses) is acknowledged, kept as nobody's so that a resend counts once, and
  # changes nothing of any campaign.
  @rule.I1 @beyond
  Scenario Outline: A genuine report <kind> is acknowledged and ignored, and no campaign gains a record of it
    When the carrier sends a genuine report <kind>
    Then the report is acknowledged and ignored
    And no campaign gains a record of the report
    And the call is still only placed

    Examples:
      | kind                                                   |
      | about a call the platform never placed                 |
      | of an event the platform does not know                 |
      | of a STOP texted between two numbers no campaign uses  |

  # The form of a signature (D1). Its bounds are platform policy: a signature of more than 1,024
  # characters, a time of more than 12 digits or more than four v1 values is refused unread, so a
  # forged report costs the platform little work.
  @rule.D1 @rule.D2
  Scenario Outline: The signature's form: a report that Sam answered, <how>, is <outcome>
    When the carrier reports that Sam answered, <how>
    Then the report is <outcome>
    And the call <state>

    @within
    Examples: Within the signature's form and tolerance
      | how                                          | outcome  | state       |
      | signed 200 seconds before it arrived         | accepted | is answered |
      | signed 200 seconds after it arrived          | accepted | is answered |
      | with a signature of exactly 1,024 characters | accepted | is answered |
      | with its time written in 12 digits           | accepted | is answered |
      | with the genuine signature fourth of four    | accepted | is answered |

    @beyond
    Examples: Beyond them
      | how                                                 | outcome | state                |
      | with a signature of 1,025 characters                | refused | is still only placed |
      | with its time written in 13 digits                  | refused | is still only placed |
      | with its time not written in digits                 | refused | is still only placed |
      | with its time given twice                           | refused | is still only placed |
      | with no time                                        | refused | is still only placed |
      | signed only in a scheme the platform does not know  | refused | is still only placed |
      | with a part that is not a name and a value          | refused | is still only placed |
      | with the genuine signature fifth of five            | refused | is still only placed |

  # D1-D5 at every edge (issue 12). Several signatures in one header: any genuine one is enough
  # (Stripe's scheme: it is how a sender signs with both secrets during a rotation). The platform
  # accepts the current secret and the one being rotated out, never an older one. The 300 seconds
  # are counted in whole seconds, as the signature writes its time.
  @rule.D1 @rule.D2 @rule.D4 @rule.D5
  Scenario Outline: At the edge of a genuine signature, a report that Sam answered, <how>, is <outcome>
    When the carrier reports that Sam answered, <how>
    Then the report is <outcome>
    And the call <state>

    @within
    Examples: Genuine, under either secret of a rotation, up to 300 seconds either way
      | how                                            | outcome  | state                |
      | with the genuine signature first of two        | accepted | is answered          |
      | signed with the secret being rotated out       | accepted | is answered          |
      | signed exactly 300 seconds before it arrived   | accepted | is answered          |
      | signed exactly 300 seconds after it arrived    | accepted | is answered          |

    @beyond
    Examples: Empty, cut short, changed, rotated out, or 301 seconds away
      | how                                              | outcome | state                |
      | with an empty signature                          | refused | is still only placed |
      | with its signature cut one character short       | refused | is still only placed |
      | with a signature that has no value               | refused | is still only placed |
      | with two signatures, neither genuine             | refused | is still only placed |
      | signed, then changed by one character on the way | refused | is still only placed |
      | signed with a secret already rotated out         | refused | is still only placed |
      | signed exactly 301 seconds before it arrived     | refused | is still only placed |
      | signed exactly 301 seconds after it arrived      | refused | is still only placed |

  # A copy of a report replayed inside the 300 seconds passes the signature and is caught as a
  # report already received (D3); replayed later, its signature is stale and it is refused (D2):
  # either way the call has one answer.
  @rule.D3 @rule.D5 @beyond
  Scenario Outline: A report that Sam answered, <replayed>, changes the call once
    When the carrier reports that Sam answered, <replayed>
    Then the report is accepted
    And the replayed copy is <outcome>
    And the call has one answer recorded

    Examples:
      | replayed                                                | outcome                       |
      | and a copy is replayed 200 seconds after it was signed  | ignored as already received   |
      | and a copy is replayed 301 seconds after it was signed  | refused                       |
