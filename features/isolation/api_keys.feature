@isolation @processor @carrier
Feature: An API key acts for one campaign, with one role, until it is revoked
  Campaigns connect their own tools (a CRM, a texting service) with API keys. A key belongs to
  one campaign and carries one role: it reaches nothing of any other campaign, and within its
  own it may do what that role may do. Revoking a key stops it on its very next use. A key is
  shown once, when it is made, and never again: not in the list of keys, not in what the
  platform keeps, not in the evidence these checks leave behind. Managing keys, the team and the
  campaign itself stays with people.

  @critical @rule.I3 @beyond
  Scenario Outline: A key of one campaign cannot <what it does> of a rival campaign
    Given Dana owns "Harper for Senate" and Lee owns "Lee for Senate", rivals with one of everything
    And "Harper for Senate" has an API key with the manager role
    When the key of "Harper for Senate" is used to <what it does> of "Lee for Senate"
    Then it is refused as not found, exactly as for a campaign that does not exist
    And nothing of "Lee for Senate" changed

    Examples:
      | what it does             |
      | see the contributions    |
      | search the contacts      |
      | see a contact            |
      | add a contact            |
      | change the dial settings |

  @rule.I3
  Scenario Outline: A key with the <role> role is <outcome> to <action>
    Given Dana owns "Harper for Senate", which has contacts, a verified caller ID and donations
    And "Harper for Senate" has an API key with the <role> role
    When the key of "Harper for Senate" is used to <action> in "Harper for Senate"
    Then the key is <outcome> to do it

    @beyond
    Examples: What a key's role does not cover
      | role    | action                | outcome |
      | caller  | see the contributions | refused |
      | finance | search the contacts   | refused |
      | viewer  | add a contact         | refused |

    @within
    Examples: What a key's role covers
      | role    | action                | outcome |
      | finance | see the contributions | allowed |
      | caller  | search the contacts   | allowed |
      | manager | add a contact         | allowed |

  @critical @rule.I3 @beyond
  Scenario: A revoked key stops working at once
    Given Dana owns "Harper for Senate", which has contacts, a verified caller ID and donations
    And "Harper for Senate" has an API key with the caller role
    And the key of "Harper for Senate" can search the contacts of "Harper for Senate"
    When Dana revokes the key
    Then the key is refused on its very next use, as revoked
    And the key is listed as revoked

  @rule.I3 @beyond
  Scenario Outline: A key cannot <action>, whatever its role
    Given Dana owns "Harper for Senate", which has contacts, a verified caller ID and donations
    And "Harper for Senate" has an API key with the manager role
    When the key of "Harper for Senate" is used to <action> in "Harper for Senate"
    Then the key is refused: only a person may do that
    And nothing of "Harper for Senate" changed

    Examples:
      | action              |
      | create an API key   |
      | revoke an API key   |
      | invite a teammate   |
      | delete the campaign |

  @rule.I3 @beyond
  Scenario: A key is not a person
    Given Dana owns "Harper for Senate", which has contacts, a verified caller ID and donations
    And "Harper for Senate" has an API key with the manager role
    When the key of "Harper for Senate" asks who it is logged in as
    Then it is refused as not logged in

  Scenario: A key is shown once, and never again
    Given Dana owns "Harper for Senate", which has contacts, a verified caller ID and donations
    When Dana creates an API key named "CRM sync" with the caller role for "Harper for Senate"
    Then the key is shown once, in the answer that made it
    And the list of keys of "Harper for Senate" shows "CRM sync" without its key
    And the platform keeps nothing the key could be read back from
    And the key is nowhere in the evidence of this check

  # The owner role stays with people: a key may carry any other role its maker may grant.
  @rule.I3 @beyond
  Scenario: No API key carries the owner role, not even one its owner asks for
    Given Dana owns "Harper for Senate", which has contacts, a verified caller ID and donations
    When Dana creates an API key named "CRM sync" with the owner role for "Harper for Senate"
    Then no key is made, because the role cannot be granted
