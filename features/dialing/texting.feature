@carrier
Feature: Campaign texts keep the calling rules: hours, consent, opt-outs
  A text message is a call under the federal law on automated calls, so a campaign's texts keep
  the rules its calls keep. A text goes out only at the hours a call may be placed where the
  person lives (A8.1: 8:00 am to 8:59 pm, and the state's stricter hours, such as Florida's 8 pm;
  platform policy for political texts, as for calls). A text a person sends by hand needs no
  prior consent (A4.2, the law: the FCC's 2020 ruling on peer-to-peer texts and Facebook v.
  Duguid). A text the platform sends automatically needs the person's prior express consent on
  every line that can take a text (A8.2): the law asks it of texts sent with an autodialer, and
  to toll-free numbers, whose owner pays for what they receive; asking it of every automated
  text is platform policy, for the reason it is asked of predictive calls (Florida's and
  Maryland's laws reach any automated system, and a campaign cannot know which state's law
  applies to a number). A VoIP line or one the carrier cannot name is treated as a mobile phone.
  A landline cannot receive a text: the platform refuses it before the carrier (A8.3). A person
  who replied STOP, or whose number is on a do-not-call list, gets no campaign text until they
  reply START (A8.4, the law: a revocation is honoured). The one confirmation of an opt-out goes
  out within 5 minutes and says only that (A5.5, the law: 47 CFR 64.1200(a)(12)).

  Background:
    Given Dana owns "Harper for Senate", which is ready to dial
    And Riley has the caller role on "Harper for Senate"
    And it is 10:00 am on a Tuesday in Columbus

  @rule.A8.1
  Scenario Outline: A text at <local time> on a Tuesday in <city> is <outcome>
    Given the contact Sam in <city> has a wireless number and gave consent on January 5, 2026
    And it is <local time> on a Tuesday where Sam lives
    When Riley texts Sam by hand
    Then the text is <outcome>
    And the carrier sends Sam <texts> campaign text

    @within
    Examples: Inside the hours
      | city     | local time | outcome                          | texts |
      | Columbus | 8:00 am    | sent                             | one   |
      | Columbus | 8:59 pm    | sent                             | one   |
      | Miami    | 7:59 pm    | sent                             | one   |

    @beyond
    Examples: Outside the hours, or the state's stricter ones
      | city     | local time | outcome                          | texts |
      | Columbus | 7:59 am    | blocked as outside texting hours | no    |
      | Columbus | 9:00 pm    | blocked as outside texting hours | no    |
      | Miami    | 8:00 pm    | blocked as outside texting hours | no    |

  @rule.A8.1 @beyond
  Scenario: An automatic text keeps the same hours
    Given the contact Sam in Columbus has a wireless number and gave consent on January 5, 2026
    And it is 7:59 am on a Tuesday where Sam lives
    When "Harper for Senate" texts Sam automatically
    Then the text is blocked as outside texting hours
    And the carrier sends Sam no campaign text

  @rule.A4.2 @within
  Scenario Outline: A text sent by hand to a <line> number needs no consent
    Given the contact Sam in Columbus has a <line> number and gave no consent
    When Riley texts Sam by hand
    Then the text is sent
    And the carrier sends Sam one campaign text

    Examples:
      | line      |
      | wireless  |
      | VoIP      |
      | toll-free |
      | unknown   |

  @rule.A8.2
  Scenario Outline: An automatic text to a <line> number, <consent>, is <outcome>
    Given the contact Sam in Columbus has a <line> number and gave <consent>
    When "Harper for Senate" texts Sam automatically
    Then the text is <outcome>
    And the carrier sends Sam <texts> campaign text

    @within
    Examples: With consent on record
      | line      | consent                    | outcome | texts |
      | wireless  | consent on January 5, 2026 | sent    | one   |
      | VoIP      | consent on January 5, 2026 | sent    | one   |
      | toll-free | consent on January 5, 2026 | sent    | one   |
      | unknown   | consent on January 5, 2026 | sent    | one   |

    @beyond @rule.A4.2
    Examples: Without consent (the hand-sent exemption of A4.2 does not reach it)
      | line      | consent                    | outcome                    | texts |
      | wireless  | no consent                 | blocked as without consent | no    |
      | VoIP      | no consent                 | blocked as without consent | no    |
      | toll-free | no consent                 | blocked as without consent | no    |
      | unknown   | no consent                 | blocked as without consent | no    |

  @rule.A8.3
  Scenario Outline: A text <how> to a <line> number, <consent>, is <outcome>
    Given the contact Sam in Columbus has a <line> number and gave <consent>
    When Riley texts Sam <how>
    Then the text is <outcome>
    And the carrier sends Sam <texts> campaign text

    @within
    Examples: A number that can take a text
      | how           | line     | consent                    | outcome                                    | texts |
      | by hand       | wireless | no consent                 | sent                                       | one   |

    @beyond
    Examples: A landline cannot take one, consent or not
      | how           | line     | consent                    | outcome                                    | texts |
      | by hand       | landline | no consent                 | blocked as a landline cannot receive texts | no    |
      | automatically | landline | consent on January 5, 2026 | blocked as a landline cannot receive texts | no    |

  @rule.A8.4
  Scenario Outline: After Sam replied "<reply>", a text to Sam is <outcome>
    Given the contact Sam in Columbus has a wireless number and gave consent on January 5, 2026
    And Sam has replied "<reply>" to a text from "Harper for Senate"
    When Riley texts Sam by hand
    Then the text is <outcome>
    And the carrier sends Sam <texts> campaign text

    @within
    Examples: A reply that is not a stop
      | reply        | outcome              | texts |
      | Who is this? | sent                 | one   |

    @beyond
    Examples: A stop, in any words
      | reply        | outcome              | texts |
      | STOP         | blocked as opted out | no    |
      | stop please  | blocked as opted out | no    |

  @rule.A8.4 @within
  Scenario: After STOP and then START, with consent on record, Sam can be texted again
    Given the contact Sam in Columbus has a wireless number and gave consent on January 5, 2026
    And Sam has replied "STOP" to a text from "Harper for Senate"
    And Sam has replied "START" to a text from "Harper for Senate"
    When Riley texts Sam by hand
    Then the text is sent
    And the carrier sends Sam one campaign text

  @rule.A8.4 @beyond
  Scenario Outline: A number on <list> do-not-call list gets no text
    Given the contact Sam in Columbus has a wireless number and gave consent on January 5, 2026
    And Dana has put Sam's number on <list> do-not-call list
    When Riley texts Sam by hand
    Then the text is blocked as on the do-not-call list
    And the carrier sends Sam no campaign text

    Examples:
      | list               |
      | the campaign's     |
      | the organization's |

  @rule.A5.5 @within
  Scenario: The opt-out's confirmation arrives within 5 minutes and carries no campaign message
    Given the contact Sam in Columbus has a wireless number and gave consent on January 5, 2026
    When Sam replies "STOP" to a text from "Harper for Senate"
    Then Sam receives one confirmation text within 5 minutes of the reply
    And the confirmation text carries no campaign message
