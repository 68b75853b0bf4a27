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
