@carrier
Feature: Do-not-call lists are honoured at once, across the organization, for five years
  A person who asks not to be called is not called again: the request is honoured immediately
  (platform policy; the law allows up to 10 business days, A3.3) and for five years (A3.4). A
  request made to one campaign blocks the number for every campaign of the same organization
  (A3.5). These are the campaign's and the organization's own lists (A3.2).

  The national do-not-call registry binds telephone solicitations, calls that sell something
  (47 CFR 64.1200(c)(2), (f)(15)); a call asking for a vote or a political contribution is not
  one, so the law lets a campaign call a registered number (A3.1). The platform does not consult
  the registry on its own. An organization that chooses to honour it anyway loads the registry's
  numbers (its download from the registry) into its list; from then on the platform blocks those
  numbers for every campaign of that organization, and for no other organization (platform
  policy, A3.1: the organization's choice, held to).

  Five years are counted to the day: the law says "5 years from the time the request is made"
  (47 CFR 64.1200(d)(6)); the platform keeps the whole anniversary day, read where the number
  is, and calls again from the next morning (platform policy: a day is what a person remembers,
  and it is the later reading). A request on a campaign's own list binds that campaign; on the
  organization's list, every campaign of it; another organization's list binds none of ours.

  A person who says "don't call me again" to a caller during a call is on the organization's
  list at once: the caller records it on the call, and the platform keeps who recorded it, when
  (the campaign's clock) and the call (A3.2; 47 CFR 64.1200(d)(3) asks that every request be
  recorded). Only a call a person answered can carry such a request.

  Background:
    Given Dana owns "Harper for Senate", which is ready to dial
    And Riley has the caller role on "Harper for Senate"
    And the contact Sam lives in Columbus
    And it is 10:00 am on a Tuesday where Sam lives

  @critical @rule.A3.2 @rule.A3.3 @beyond
  Scenario: A number on the campaign's do-not-call list is not called
    Given Dana has put Sam's number on the campaign's do-not-call list
    When Riley dials Sam
    Then the call is blocked as on the do-not-call list
    And the carrier receives no call

  @rule.A3.5 @beyond
  Scenario: A number on the organization's list is not called
    Given Dana has put Sam's number on the organization's do-not-call list
    When Riley dials Sam
    Then the call is blocked as on the do-not-call list
    And the carrier receives no call

  @rule.A3.4
  Scenario Outline: A do-not-call request <age> old is <still honoured>
    Given Dana put Sam's number on the campaign's do-not-call list <age> ago
    When Riley dials Sam
    Then the call is <outcome>
    And the carrier <carrier>

    @beyond
    Examples: Inside five years
      | age                      | still honoured  | outcome                          | carrier           |
      | 5 years less a day       | still honoured  | blocked as on the do-not-call list | receives no call  |

    @within
    Examples: After five years
      | age                      | still honoured  | outcome                          | carrier           |
      | 5 years and a day        | no longer held  | placed                           | receives one call |

  @rule.A3.2 @rule.A3.3 @within
  Scenario: A number that is not on the do-not-call list is called
    Given the contact Kim lives in Columbus
    And Dana has put Kim's number on the campaign's do-not-call list
    When Riley dials Sam
    Then the call is placed
    And the carrier receives one call

  # A request made on February 29 has no fifth anniversary: it is honoured through March 1 (the
  # later day, the strict reading).
  @rule.A3.4
  Scenario Outline: A do-not-call request made on February 29, 2028, on <day> at 9:00 am
    Given it is 10:00 am on February 29, 2028 where Sam lives
    And Dana has put Sam's number on the campaign's do-not-call list
    And it is 9:00 am on <day> where Sam lives
    When Riley dials Sam
    Then the call is <outcome>
    And the carrier <carrier>

    @beyond
    Examples: Still honoured on March 1 five years on
      | day           | outcome                            | carrier          |
      | March 1, 2033 | blocked as on the do-not-call list | receives no call |

    @within
    Examples: No longer held the day after
      | day           | outcome | carrier           |
      | March 2, 2033 | placed  | receives one call |

  @rule.A3.4
  Scenario Outline: A do-not-call request made on March 3, 2027, on <moment>
    Given it is 10:00 am on March 3, 2027 where Sam lives
    And Dana has put Sam's number on the campaign's do-not-call list
    And it is <clock> on <day> where Sam lives
    When Riley dials Sam
    Then the call is <outcome>
    And the carrier <carrier>

    @beyond
    Examples: The fifth anniversary, the whole day
      | moment                                  | clock    | day           | outcome                            | carrier          |
      | the anniversary, an hour before its time | 9:00 am  | March 3, 2032 | blocked as on the do-not-call list | receives no call |
      | the anniversary, at its very time        | 10:00 am | March 3, 2032 | blocked as on the do-not-call list | receives no call |
      | the anniversary, late in the evening     | 8:59 pm  | March 3, 2032 | blocked as on the do-not-call list | receives no call |

    @within
    Examples: The morning after
      | moment                                  | clock    | day           | outcome | carrier           |
      | the morning after the anniversary       | 8:00 am  | March 4, 2032 | placed  | receives one call |

  @rule.A3.5 @within
  Scenario: A request on one campaign's own list does not bind another campaign of the organization
    Given Dana has put Sam's number on the campaign's do-not-call list
    And the organization behind "Harper for Senate" also runs "Harper for Governor", ready to dial, with Sam on its call list without consent
    When a manual call to Sam is placed for "Harper for Governor"
    Then the call is placed
    And the carrier receives one call

  @rule.A3.5 @beyond
  Scenario: A request on the organization's list binds another campaign of the organization
    Given Dana has put Sam's number on the organization's do-not-call list
    And the organization behind "Harper for Senate" also runs "Harper for Governor", ready to dial, with Sam on its call list without consent
    When a manual call to Sam is placed for "Harper for Governor"
    Then the call is blocked as on the do-not-call list
    And the carrier receives no call

  @rule.A3.5 @within
  Scenario: Another organization's do-not-call list does not bind this one
    Given Frank runs "Lee for Congress" for another organization and has put Sam's number on its organization's do-not-call list
    When Riley dials Sam
    Then the call is placed
    And the carrier receives one call

  @rule.A3.2 @beyond
  Scenario Outline: A number on the do-not-call list stays there when Dana <how> the contact again
    Given Dana has put Sam's number on the organization's do-not-call list
    When Dana <how> Sam again, saying consent was given today
    Then Riley's call to Sam is blocked as on the do-not-call list

    Examples:
      | how     |
      | imports |
      | adds    |

  @rule.A3.2 @beyond
  Scenario: Sam asks Riley, during a call, not to be called again: Riley records it, with who, when and the call
    Given Riley called Sam and Sam answered
    When Riley records that Sam asked, on that call, not to be called again
    Then Sam's number is on the organization's do-not-call list, recorded by Riley on that call at the time on the campaign's clock
    And Riley's call to Sam is blocked as on the do-not-call list

  @rule.A3.2 @rule.A3.5 @beyond
  Scenario: A request Sam made by voice to one campaign is honoured at once by every campaign of the organization
    Given Riley called Sam and Sam answered
    And Riley has recorded that Sam asked, on that call, not to be called again
    And the organization behind "Harper for Senate" also runs "Harper for Governor", ready to dial, with Sam on its call list with consent
    When a manual call to Sam is placed for "Harper for Governor"
    Then the call is blocked as on the do-not-call list
    And the carrier receives no call

  @rule.A3.2 @within
  Scenario Outline: A request recorded on a call <what happened> is refused, and Sam stays callable
    Given Riley called Sam, <answer>
    When Riley records that Sam asked, on that call, not to be called again
    Then it is refused because nobody answered the call
    And Sam is on no do-not-call list of "Harper for Senate"
    And Riley's call to Sam is placed

    Examples:
      | what happened                    | answer                           |
      | nobody answered                  | who did not answer               |
      | Sam's answering machine answered | whose answering machine answered |

  @rule.A3.1 @beyond
  Scenario: A number the organization loaded from the national registry is not called
    Given Dana has loaded Sam's number from the national do-not-call registry
    When Riley dials Sam
    Then the call is blocked as on the national registry the organization honours
    And the carrier receives no call

  @rule.A3.1 @beyond
  Scenario: The national registry the organization loaded binds its other campaigns too
    Given Dana has loaded Sam's number from the national do-not-call registry
    And the organization behind "Harper for Senate" also runs "Harper for Governor", ready to dial, with Sam on its call list with consent
    When a manual call to Sam is placed for "Harper for Governor"
    Then the call is blocked as on the national registry the organization honours
    And the carrier receives no call

  @rule.A3.1 @within
  Scenario: A number the organization did not load from the national registry is called
    Given the contact Kim lives in Columbus
    And Dana has loaded Kim's number from the national do-not-call registry
    When Riley dials Sam
    Then the call is placed
    And the carrier receives one call

  @rule.A3.1 @within
  Scenario: A national registry another organization loaded does not bind this one
    Given Frank runs "Lee for Congress" for another organization and has loaded Sam's number from the national do-not-call registry
    When Riley dials Sam
    Then the call is placed
    And the carrier receives one call
