Feature: Signing a campaign up
  A candidate's team signs itself up: an organization, its first campaign and the owner's account,
  in one go. The owner proves the email address with a one-time link before anyone can log in.
  Product owners care that a campaign can start in minutes, that an address and a campaign's web
  address each belong to one party only, and that a refused sign-up leaves nothing half-made.

  @critical @rule.O1 @within
  Scenario: A new campaign's sign-up is accepted and its owner is asked to verify the email address
    When Dana signs up "Harper for Senate"
    Then the sign-up is accepted
    And Dana owns "Harper for Senate" with an unverified account
    And Dana receives one email asking to verify the address

  @critical @rule.O4 @within
  Scenario: A new campaign signs up and its owner logs in for the first time
    Given Dana has signed up "Harper for Senate"
    When Dana follows the verification link
    And Dana logs in
    Then Dana is logged in as the owner of "Harper for Senate"

  @critical @rule.O4 @beyond
  Scenario: An owner cannot log in before verifying the email address
    Given Dana has signed up "Harper for Senate" without verifying the email address
    When Dana logs in
    Then the log-in is refused because the email address is not verified
    And Dana's account is still unverified

  @rule.O5 @beyond
  Scenario: A verification link works only once
    Given Dana has signed up "Harper for Senate"
    And Dana has followed the verification link
    When Dana follows the verification link again
    Then it is refused because the link was already used

  @local-only @rule.O5
  Scenario Outline: A verification link is valid for 48 hours
    Given Dana has signed up "Harper for Senate"
    And <time> pass on the clock of "Harper for Senate"
    When Dana follows the verification link
    Then <outcome>

    @within
    Examples: Inside 48 hours
      | time                 | outcome                                     |
      | 47 hours, 59 minutes | Dana's account is verified                  |

    @beyond
    Examples: At 48 hours
      | time                 | outcome                                     |
      | 48 hours             | it is refused because the link has expired  |

  @rule.O2 @beyond
  Scenario: An email address belongs to one account only
    Given Dana owns "Harper for Senate"
    When Erin signs up "Lopez for Congress" with Dana's email address
    Then the sign-up is refused because the email address is taken
    And nothing of "Lopez for Congress" was created

  @rule.O2 @beyond
  Scenario: Two campaigns cannot share a web address
    Given Dana owns "Harper for Senate"
    When Erin signs up a campaign at the web address of "Harper for Senate"
    Then the sign-up is refused because the web address is taken
    And Erin has no account
    And "Harper for Senate" still belongs to Dana alone

  @rule.O3 @beyond
  Scenario Outline: Weak passwords are refused, and the owner is told why
    When Dana signs up "Harper for Senate" with the password "<password>"
    Then the sign-up is refused because the password <reason>
    And nothing of "Harper for Senate" was created

    Examples:
      | password                 | reason                          |
      | Tr0ub4dor&3              | is shorter than 12 characters   |
      | password1234             | is too easy to guess            |
      | qwertyuiopasdf           | is too easy to guess            |
      | aaaaaaaaaaaaaaaa         | is too easy to guess            |
      | <a 129-character string> | is longer than 128 characters   |

  @rule.O2 @rule.O3 @within
  Scenario: A password of exactly 12 characters that is hard to guess is accepted
    When Dana signs up "Harper for Senate" with a hard-to-guess password of 12 characters
    Then the sign-up is accepted

  @rule.O1 @beyond
  Scenario Outline: Sign-up details are checked, and the owner is told which one is wrong
    When Dana signs up "Harper for Senate" with the <detail> "<value>"
    Then the sign-up is refused because the <detail> <reason>
    And nothing of "Harper for Senate" was created

    Examples:
      | detail        | value                | reason                         |
      | state         | ZZ                   | is not a US state              |
      | election date | 2020-11-03           | is in the past                 |
      | election date | next Tuesday-ish     | is not a date                  |
      | web address   | Harper For Senate!   | may only hold letters, digits and hyphens |
      | email address | dana-at-example.test | is not an email address        |

  @rule.O1 @beyond
  Scenario: A sign-up form that cannot be read is refused without writing anything
    When Dana sends a sign-up form for "Harper for Senate" that is not readable
    Then the sign-up is refused because the form cannot be read
    And nothing of "Harper for Senate" was created
