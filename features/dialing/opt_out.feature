@carrier
Feature: A person who says stop is never called or texted again by the organization
  Consent can be revoked by any reasonable means (A5.1: 47 CFR 64.1200(a)(10), FCC 24-24, in
  force since April 11, 2025). A reply that says stop puts the number on the organization's
  do-not-call list at once (A3.5, A5.4): the carriers' keywords STOP, STOPALL, UNSUBSCRIBE,
  CANCEL, END, QUIT, REVOKE, OPTOUT and "opt out", in any case, with spaces and punctuation around
  them (A5.2, A5.3), and free text a reasonable person reads as "stop contacting me", such as
  "stop please", "don't text me", "remove me from your list" or "no más" (A5.1). Pressing 9 during
  a prerecorded call does the same (A5.8). The person gets exactly one confirmation text, with no
  campaign message in it (A5.5).

  A reply the platform cannot read with confidence waits for a person: "not interested", "wrong
  number", a reply of symbols only, or a stop word used in another sense ("Don't stop the good
  work!"). Read as revocations, such replies would cut off supporters who never asked for it;
  ignored, one of them could be a revocation. So the campaign's owner or a manager resolves each
  reply once, as an opt-out or not, and the platform keeps who resolved it and when; an opt-out
  blocks the number at once. Callers do not resolve replies (platform policy: the people who
  answer for compliance decide). Until it is resolved the number stays callable: the law allows
  up to 10 business days to honour a revocation (A5.4), and the queue is worked well within that.

  Background:
    Given Dana owns "Harper for Senate", which is ready to dial
    And Riley has the caller role on "Harper for Senate"
    And the contact Sam in Columbus has a wireless phone who gave consent
    And it is 10:00 am on a Tuesday in Columbus

  @critical @rule.A5.1 @rule.A5.2 @rule.A5.3 @rule.A5.4 @rule.A3.5
  Scenario Outline: Sam replies "<reply>": <effect>
    When Sam replies "<reply>" to a text from "Harper for Senate"
    Then Sam <is opted out>
    And Sam receives <texts>
    And Riley's call to Sam is <outcome>

    @within
    Examples: Replies that do not say stop: Sam can still be called
      | reply            | effect         | is opted out     | texts   | outcome |
      | Who is this?     | not an opt-out | is not opted out | no text | placed  |
      | Yes, I'll vote   | not an opt-out | is not opted out | no text | placed  |
      | Call me tomorrow | not an opt-out | is not opted out | no text | placed  |
      | Stopping by soon | not an opt-out | is not opted out | no text | placed  |

    @beyond
    Examples: Replies that say stop: Sam is opted out, told once, and not called
      | reply                      | effect    | is opted out | texts                 | outcome                            |
      | STOP                       | opted out | is opted out | one confirmation text | blocked as on the do-not-call list |
      | stop                       | opted out | is opted out | one confirmation text | blocked as on the do-not-call list |
      | Stop.                      | opted out | is opted out | one confirmation text | blocked as on the do-not-call list |
      | STOPALL                    | opted out | is opted out | one confirmation text | blocked as on the do-not-call list |
      | Unsubscribe                | opted out | is opted out | one confirmation text | blocked as on the do-not-call list |
      | cancel                     | opted out | is opted out | one confirmation text | blocked as on the do-not-call list |
      | End                        | opted out | is opted out | one confirmation text | blocked as on the do-not-call list |
      | QUIT!                      | opted out | is opted out | one confirmation text | blocked as on the do-not-call list |
      | Revoke                     | opted out | is opted out | one confirmation text | blocked as on the do-not-call list |
      | OPTOUT                     | opted out | is opted out | one confirmation text | blocked as on the do-not-call list |
      | opt out                    | opted out | is opted out | one confirmation text | blocked as on the do-not-call list |
      | Opt-out                    | opted out | is opted out | one confirmation text | blocked as on the do-not-call list |
      | stop please                | opted out | is opted out | one confirmation text | blocked as on the do-not-call list |
      | Please don't call me again | opted out | is opted out | one confirmation text | blocked as on the do-not-call list |
      | don't text me              | opted out | is opted out | one confirmation text | blocked as on the do-not-call list |
      | Remove me from your list   | opted out | is opted out | one confirmation text | blocked as on the do-not-call list |
      | take me off your list      | opted out | is opted out | one confirmation text | blocked as on the do-not-call list |
      | No más                     | opted out | is opted out | one confirmation text | blocked as on the do-not-call list |
      | no me llames               | opted out | is opted out | one confirmation text | blocked as on the do-not-call list |
      | unsubscribe me             | opted out | is opted out | one confirmation text | blocked as on the do-not-call list |
      | Leave me alone             | opted out | is opted out | one confirmation text | blocked as on the do-not-call list |
      | 🛑                         | opted out | is opted out | one confirmation text | blocked as on the do-not-call list |

  @rule.A5.5 @beyond
  Scenario: Saying stop twice still brings one confirmation text
    When Sam replies "STOP" to a text from "Harper for Senate"
    And Sam replies "STOP" to a text from "Harper for Senate"
    Then Sam receives one confirmation text

  @critical @rule.A5.8 @rule.A3.5 @beyond
  Scenario: Pressing 9 during a prerecorded call opts Sam out at once
    Given a prerecorded call to Sam was placed for "Harper for Senate" and Sam answered
    When Sam presses 9 during the call
    Then Sam is opted out
    And Sam receives one confirmation text

  @rule.A5.8 @within
  Scenario: Pressing another key during a prerecorded call opts nobody out
    Given a prerecorded call to Sam was placed for "Harper for Senate" and Sam answered
    When Sam presses 1 during the call
    Then Sam is not opted out
    And Sam receives no text

  @critical @rule.A5.8 @rule.A3.5 @beyond
  Scenario: After pressing 9, the next prerecorded call to Sam is blocked
    Given a prerecorded call to Sam was placed for "Harper for Senate" and Sam answered
    And Sam has pressed 9 during the call
    When a prerecorded call to Sam is placed for "Harper for Senate"
    Then the call is blocked as on the do-not-call list
    And the carrier receives no further call

  @rule.A5.3
  Scenario Outline: After opting out, replying START re-subscribes texting only where consent exists: <consent>
    Given the contact Sam in Columbus has a wireless phone <consent>
    And Sam has replied "STOP" to a text from "Harper for Senate"
    When Sam replies "START" to a text from "Harper for Senate"
    Then Sam <texting>
    And the call is still blocked when Riley dials Sam

    @within
    Examples: Consent on record
      | consent          | texting                          |
      | who gave consent | can be texted again              |

    @beyond
    Examples: No consent on record
      | consent          | texting                          |
      | without consent  | still cannot be texted           |

  @rule.A5.3 @beyond
  Scenario: A keyword with spaces around it still opts Sam out
    When Sam replies "   STOP!  " to a text from "Harper for Senate"
    Then Sam is opted out
    And Sam receives one confirmation text

  @rule.A5.1 @rule.A5.4 @within
  Scenario Outline: Sam replies "<reply>", which the platform cannot read with confidence: it waits for a person
    When Sam replies "<reply>" to a text from "Harper for Senate"
    Then Sam's reply waits for review by "Harper for Senate"
    And Sam is not opted out
    And Sam receives no text

    Examples:
      | reply                     |
      | not interested            |
      | Wrong number              |
      | ?!                        |
      | Don't stop the good work! |
      | Cancel my donation        |

  @rule.A5.1 @beyond
  Scenario: Dana resolves Sam's unclear reply as an opt-out: Sam is opted out at once
    Given Sam has replied "not interested" to a text from "Harper for Senate"
    When Dana resolves Sam's reply as an opt-out
    Then Sam is opted out
    And Sam receives one confirmation text
    And Riley's call to Sam is blocked as on the do-not-call list
    And no reply of Sam waits for review by "Harper for Senate"

  @rule.A5.1 @within
  Scenario: Dana resolves Sam's unclear reply as not an opt-out: Sam can still be called
    Given Sam has replied "Don't stop the good work!" to a text from "Harper for Senate"
    When Dana resolves Sam's reply as not an opt-out
    Then Sam is not opted out
    And Sam receives no text
    And Riley's call to Sam is placed
    And no reply of Sam waits for review by "Harper for Senate"

  @rule.A5.1 @within
  Scenario: Who resolved a reply, and when, is kept
    Given Sam has replied "wrong number" to a text from "Harper for Senate"
    When Dana resolves Sam's reply as an opt-out
    Then Sam's reply shows as resolved as an opt-out by Dana, at the time on the campaign's clock

  @rule.A5.1 @beyond
  Scenario: A reply is resolved once; the first resolution stands
    Given Sam has replied "not interested" to a text from "Harper for Senate"
    And Morgan has the manager role on "Harper for Senate"
    And Dana has resolved Sam's reply as not an opt-out
    When Morgan tries to resolve Sam's reply as an opt-out
    Then it is refused because the reply was already resolved
    And Sam's reply shows as resolved as not an opt-out by Dana, at the time on the campaign's clock
    And Sam is not opted out

  @rule.A5.1 @rule.I2 @beyond
  Scenario: A caller cannot resolve a reply
    Given Sam has replied "not interested" to a text from "Harper for Senate"
    When Riley tries to resolve Sam's reply as an opt-out
    Then it is refused because a caller does not review replies
    And Sam's reply waits for review by "Harper for Senate"
    And Sam is not opted out

  # Bringing a contact in again, from a file or the form, never lifts what the person asked: the
  # opt-out and the do-not-call entry are the number's, and a withdrawn consent stays withdrawn
  # even when the file says consent was given again (A5.1; policy: only the person can give it
  # back, and a spreadsheet is not the person).
  @rule.A5.1 @rule.A3.5 @beyond
  Scenario Outline: After Sam's STOP, Dana <how> Sam again with consent: Sam stays opted out and is not called
    Given Sam has replied "STOP" to a text from "Harper for Senate"
    When Dana <how> Sam again, saying consent was given today
    Then Sam is opted out
    And Riley's call to Sam is blocked as on the do-not-call list

    Examples:
      | how     |
      | imports |
      | adds    |

  @rule.A5.1 @beyond
  Scenario Outline: Five years after Sam's STOP, consent Dana <how> again is still withdrawn
    Given Sam has replied "STOP" to a text from "Harper for Senate"
    And 5 years and a day have passed
    When Dana <how> Sam again, saying consent was given today
    And a predictive call to Sam is placed for "Harper for Senate"
    Then the call is blocked as without consent
    And the carrier receives no call

    Examples:
      | how     |
      | imports |
      | adds    |

  @rule.A3.5 @beyond
  Scenario: Sam's STOP to one campaign stops every campaign of the organization
    Given the organization behind "Harper for Senate" also runs "Harper for Governor", ready to dial, with Sam on its call list with consent
    And Sam has replied "STOP" to a text from "Harper for Senate"
    When a manual call to Sam is placed for "Harper for Governor"
    Then the call is blocked as on the do-not-call list
    And the carrier receives no call
