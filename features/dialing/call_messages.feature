@carrier
Feature: What a call plays, and how long it rings
  The carrier plays what the platform tells it to and ends an unanswered call when the platform
  says; it keeps a record of both. A person who answers and finds no caller on the line within 2
  seconds of their greeting hears, from that second, a message naming the campaign with a number
  for do-not-call requests and the key that opts out at once (A6.3, 47 CFR 64.1200(a)(7)(i)). A
  call nobody answers rings at least 15 seconds before it is ended (A6.4, 64.1200(a)(6): 15
  seconds or four rings); a campaign may set a longer ring time, never a shorter one, and without
  one its calls ring 20 seconds (platform policy). A prerecorded call names the campaign in its
  first sentence and states a number to call back (A6.6, 64.1200(b)(1), (2)): a message that does
  not is refused and no call is placed; the platform adds the key that opts out (A5.8). These rules
  bind sales calls; the platform applies them to political calls too (platform policy), except
  A6.6, which binds every prerecorded call.

  Background:
    Given Dana owns "Harper for Senate", which is ready to dial
    And Riley has the caller role on "Harper for Senate"
    And it is 10:00 am on a Tuesday in Columbus

  @rule.A6.3
  Scenario Outline: A <mode> call whose caller comes on <delay> after Sam's greeting: the carrier <plays>
    Given a <mode> call to Sam in Columbus was placed for "Harper for Senate"
    When Sam answers and a caller comes on <delay> later
    Then the carrier <plays>

    @within
    Examples: A caller within 2 seconds
      | mode       | delay     | plays                |
      | predictive | 2 seconds | plays Sam no message |
      | manual     | 2 seconds | plays Sam no message |

    @beyond
    Examples: No caller within 2 seconds: the call is abandoned
      | mode       | delay       | plays                                                                                                      |
      | predictive | 2.1 seconds | plays Sam, 2 seconds after the greeting, a message naming the campaign with a number to call and the key that opts out |
      | manual     | 5 seconds   | plays Sam, 2 seconds after the greeting, a message naming the campaign with a number to call and the key that opts out |

  @rule.A6.3 @beyond
  Scenario: Sam answers and hangs up before any caller comes on: the message played from the second second
    Given a predictive call to Sam in Columbus was placed for "Harper for Senate"
    When Sam answers and no caller comes on before Sam hangs up 10 seconds later
    Then the carrier plays Sam, 2 seconds after the greeting, a message naming the campaign with a number to call and the key that opts out

  @rule.A6.4
  Scenario Outline: With a ring time of <asked> seconds asked for, an unanswered call rings <rings> seconds
    Given Dana has set the ring time of "Harper for Senate" to <asked> seconds
    And a manual call to Sam in Columbus was placed for "Harper for Senate"
    When nobody answers Sam's phone
    Then the ring time of <asked> seconds was <answer>
    And Sam's phone rang <rings> seconds before the carrier ended the call

    @within
    Examples: 15 seconds or more
      | asked | answer   | rings |
      | 15    | accepted | 15    |
      | 60    | accepted | 60    |

    @beyond
    Examples: Under 15 seconds: refused, and the calls ring the 20 seconds they rang before
      | asked | answer                                 | rings |
      | 14    | refused as shorter than the law allows | 20    |
      | 1     | refused as shorter than the law allows | 20    |

  @rule.A6.6 @within
  Scenario Outline: A prerecorded call whose message <says>
    Given the contact Sam in Columbus has a landline phone without consent
    When a prerecorded call to Sam is placed for "Harper for Senate" with a message that <says>
    And Sam answers
    Then the call is placed
    And the carrier plays Sam the message as the greeting ends, then the key that opts out

    Examples:
      | says                                                                             |
      | opens with the campaign's name and gives its number                              |
      | opens with the campaign's name in other letters and spacing and gives its number |

  @rule.A6.6 @within
  Scenario: A prerecorded call placed without a message of the campaign's own plays the platform's, which names the campaign first
    Given the contact Sam in Columbus has a landline phone without consent
    When a prerecorded call to Sam is placed for "Harper for Senate"
    And Sam answers
    Then the carrier plays Sam a message that names the campaign first and gives its number

  @rule.A6.6 @beyond
  Scenario Outline: A prerecorded call whose message <says> is refused, and no call is placed
    Given the contact Sam in Columbus has a landline phone without consent
    When a prerecorded call to Sam is placed for "Harper for Senate" with a message that <says>
    Then the call is refused as a message that <why>
    And the carrier receives no call

    Examples:
      | says                                                                   | why                               |
      | gives its number but names the campaign only after its first sentence  | does not name the campaign first  |
      | opens with the campaign's name but gives no number                     | gives no number to call back      |
