@carrier
Feature: Autodialed and prerecorded calls need consent where the law says so
  A call playing a prerecorded message needs the person's prior express consent when it goes to
  a mobile phone, political calls included (A4.1, law). The platform asks the same consent for
  every call its predictive dialer places to a mobile phone: that is platform policy. Since
  Facebook v. Duguid (2021) a dialer that calls from the campaign's list is not an autodialer
  under federal law, but Florida's and Maryland's laws reach any automated system that selects
  or dials numbers, and a campaign cannot know for every number which state's law applies. To
  landlines, prerecorded calls are allowed without consent (A4.3), at most 3 times in any 30
  days (A4.4). A caller dialing by hand needs no consent. Consent is shown by the campaign
  (A4.6), recorded with the contact.

  Every line type the platform can learn is judged on its own. A person writes wireless or
  landline on a contact; the carrier's lookup also tells VoIP and toll-free numbers. A VoIP number
  is treated as a mobile phone (platform policy, A4.7: a VoIP line may ring a mobile handset or be
  billed per call, and the FCC has not said it is a residential line). A toll-free number needs
  consent too (A4.8): its owner pays for every call it receives, and 47 U.S.C. 227(b)(1)(A)(iii)
  and 47 CFR 64.1200(a)(1)(iii) forbid autodialed and prerecorded calls without consent to "any
  service for which the called party is charged for the call"; the platform reads toll-free
  numbers as such a service (its policy: no ruling says so outright). A number whose line type
  the carrier cannot tell is the
  stricter case, a mobile phone (A4.6: the campaign bears the burden of proving consent). The line
  type is the one on record when the call is placed: a landline recorded as a mobile phone since
  needs consent from then on, and consent given before the change still counts, since consent is
  given for the number.

  Background:
    Given Dana owns "Harper for Senate", which is ready to dial
    And Riley has the caller role on "Harper for Senate"
    And it is 10:00 am on a Tuesday in Columbus

  @critical @rule.A4.1
  Scenario Outline: A <mode> call to a <line> phone <with consent> is <outcome>
    Given the contact Sam in Columbus has a <line> phone <with consent>
    When a <mode> call to Sam is placed for "Harper for Senate"
    Then the call is <outcome>
    And the carrier <carrier>

    @within
    Examples: Dialed by hand, or with consent
      | mode         | line     | with consent       | outcome                     | carrier           |
      | manual       | wireless | without consent    | placed                      | receives one call |
      | predictive   | wireless | who gave consent   | placed                      | receives one call |
      | prerecorded  | wireless | who gave consent   | placed                      | receives one call |

    @within @rule.A4.3
    Examples: A prerecorded call to a landline needs no consent
      | mode         | line     | with consent       | outcome                     | carrier           |
      | prerecorded  | landline | without consent    | placed                      | receives one call |

    @beyond
    Examples: A prerecorded call to a mobile phone without consent (the law)
      | mode         | line     | with consent       | outcome                     | carrier           |
      | prerecorded  | wireless | without consent    | blocked as without consent  | receives no call  |

    @beyond
    Examples: A predictive call to a mobile phone without consent (platform policy: since Duguid, federal law asks no consent of a list dialer; Florida and Maryland do)
      | mode         | line     | with consent       | outcome                     | carrier           |
      | predictive   | wireless | without consent    | blocked as without consent  | receives no call  |

  @rule.A4.3 @rule.A4.4
  Scenario Outline: The <nth> prerecorded call in 30 days to a landline without consent is <outcome>
    Given the contact Sam in Columbus has a landline phone without consent
    And Sam has received <earlier> prerecorded calls from "Harper for Senate" in the last 30 days
    When a prerecorded call to Sam is placed for "Harper for Senate"
    Then the call is <outcome>
    And the carrier <carrier>

    @within
    Examples: The third
      | nth | earlier | outcome                                    | carrier           |
      | 3rd | 2       | placed                                     | receives one call |

    @beyond
    Examples: The fourth
      | nth | earlier | outcome                                    | carrier           |
      | 4th | 3       | blocked as over the prerecorded-call limit | receives no call  |

  @rule.A4.1 @beyond
  Scenario Outline: A caller blocked for want of consent is told why: a <mode> call to a <line> phone
    Given the contact Sam in Columbus has a <line> phone without consent
    When a <mode> call to Sam is placed for "Harper for Senate"
    Then the caller is told "<message>"

    Examples:
      | mode        | line     | message                                                                                |
      | prerecorded | wireless | A prerecorded call to a wireless number needs prior express consent.                   |
      | predictive  | wireless | An autodialed call to a wireless number needs prior express consent.                   |

  @rule.A4.1 @rule.A4.3 @rule.A4.6 @rule.A4.7 @rule.A4.8 @within
  Scenario Outline: Every line type: a <mode> call to Sam's <line> <with consent> is placed
    Given the contact Sam in Columbus has a <line> <with consent>
    When a <mode> call to Sam is placed for "Harper for Senate"
    Then the call is placed
    And the carrier receives one call

    Examples: Dialed by hand, no consent needed on any line
      | mode   | line                                          | with consent    |
      | manual | wireless phone                                | without consent |
      | manual | landline phone                                | without consent |
      | manual | VoIP phone                                    | without consent |
      | manual | toll-free number                              | without consent |
      | manual | phone of a line type the carrier cannot tell  | without consent |

    Examples: A landline, dialed by the dialer or with a recording, needs no consent
      | mode        | line           | with consent    |
      | predictive  | landline phone | without consent |
      | prerecorded | landline phone | without consent |
      | predictive  | landline phone | who gave consent |

    Examples: Every other line, with consent on record
      | mode        | line                                          | with consent     |
      | predictive  | wireless phone                                | who gave consent |
      | prerecorded | wireless phone                                | who gave consent |
      | predictive  | VoIP phone                                    | who gave consent |
      | prerecorded | VoIP phone                                    | who gave consent |
      | predictive  | toll-free number                              | who gave consent |
      | prerecorded | toll-free number                              | who gave consent |
      | predictive  | phone of a line type the carrier cannot tell  | who gave consent |
      | prerecorded | phone of a line type the carrier cannot tell  | who gave consent |

  @rule.A4.1 @rule.A4.6 @rule.A4.7 @rule.A4.8 @beyond
  Scenario Outline: Every line type: a <mode> call to Sam's <line> without consent is blocked
    Given the contact Sam in Columbus has a <line> without consent
    When a <mode> call to Sam is placed for "Harper for Senate"
    Then the call is <outcome>
    And the carrier receives no call
    And the caller is told "<message>"

    Examples:
      | mode        | line                                         | outcome                                                                     | message                                                                                                           |
      | predictive  | wireless phone                               | blocked as without consent                                                  | An autodialed call to a wireless number needs prior express consent.                                              |
      | prerecorded | wireless phone                               | blocked as without consent                                                  | A prerecorded call to a wireless number needs prior express consent.                                              |
      | predictive  | VoIP phone                                   | blocked as without consent, a VoIP line being treated as wireless           | An autodialed call to a VoIP number (treated as wireless) needs prior express consent.                            |
      | prerecorded | VoIP phone                                   | blocked as without consent, a VoIP line being treated as wireless           | A prerecorded call to a VoIP number (treated as wireless) needs prior express consent.                            |
      | predictive  | toll-free number                             | blocked as without consent, a toll-free number's owner paying for the call | An autodialed call to a toll-free number, whose owner pays for the call, needs prior express consent.             |
      | prerecorded | toll-free number                             | blocked as without consent, a toll-free number's owner paying for the call | A prerecorded call to a toll-free number, whose owner pays for the call, needs prior express consent.             |
      | predictive  | phone of a line type the carrier cannot tell | blocked as without consent, an unknown line being treated as wireless       | An autodialed call to a number of unknown line type (treated as wireless) needs prior express consent.            |
      | prerecorded | phone of a line type the carrier cannot tell | blocked as without consent, an unknown line being treated as wireless       | A prerecorded call to a number of unknown line type (treated as wireless) needs prior express consent.            |

  @rule.A4.1 @beyond
  Scenario: A landline recorded as a mobile phone since needs consent from then on
    Given the contact Sam in Columbus has a landline phone without consent
    And Dana has recorded that Sam's number is now a wireless phone
    When a prerecorded call to Sam is placed for "Harper for Senate"
    Then the call is blocked as without consent
    And the carrier receives no call

  @rule.A4.1 @within
  Scenario: Consent given while the number was a landline still counts once it is a mobile phone
    Given the contact Sam in Columbus has a landline phone who gave consent
    And Dana has recorded that Sam's number is now a wireless phone
    When a predictive call to Sam is placed for "Harper for Senate"
    Then the call is placed
    And the carrier receives one call

  # Consent is the campaign's own: it is recorded with the campaign's contact, which is what the
  # campaign can prove (A4.6). Its withdrawal is the organization's: a person who says stop to one
  # of its campaigns has withdrawn consent from all of them (A4.9, policy), not from a rival's.
  @rule.A4.9 @beyond
  Scenario: Consent given to one campaign does not let another campaign of the organization dial Sam
    Given the contact Sam in Columbus has a wireless phone who gave consent
    And the organization behind "Harper for Senate" also runs "Harper for Governor", ready to dial, with Sam on its call list without consent
    When a predictive call to Sam is placed for "Harper for Governor"
    Then the call is blocked as without consent
    And the carrier receives no call

  @rule.A4.9 @within
  Scenario: Consent given to each campaign of the organization lets each dial Sam
    Given the contact Sam in Columbus has a wireless phone who gave consent
    And the organization behind "Harper for Senate" also runs "Harper for Governor", ready to dial, with Sam on its call list with consent
    When a predictive call to Sam is placed for "Harper for Governor"
    Then the call is placed
    And the carrier receives one call

  @rule.A4.9 @beyond
  Scenario: Consent withdrawn through one campaign is withdrawn from every campaign of the organization, after the do-not-call request lapses too
    Given the contact Sam in Columbus has a wireless phone who gave consent
    And the organization behind "Harper for Senate" also runs "Harper for Governor", ready to dial, with Sam on its call list with consent
    And Sam has replied "STOP" to a text from "Harper for Senate"
    And 5 years and a day have passed
    When a predictive call to Sam is placed for "Harper for Governor"
    Then the call is blocked as without consent
    And the carrier receives no call

  @rule.A4.9 @within
  Scenario: Consent withdrawn from a rival organization is not withdrawn from this one
    Given the contact Sam in Columbus has a wireless phone who gave consent
    And Frank runs "Lee for Congress" for another organization, ready to dial, with Sam on its call list with consent
    And Sam has replied "STOP" to a text from "Lee for Congress"
    When a predictive call to Sam is placed for "Harper for Senate"
    Then the call is placed
    And the carrier receives one call
