@rule.O9
Feature: Log-in throttling
  Guessing a teammate's password must be slow, and a refused log-in must not tell a guesser which
  addresses have accounts. After 5 failed log-ins to one account within 15 minutes, the next
  attempt is refused, even with the right password, until the 15 minutes have passed. The lock is
  per account: it never locks out anyone else on the team, and nobody else's successful log-in
  lifts it.

  @critical
  Scenario Outline: The account locks after the fifth wrong password
    Given Dana owns "Harper for Senate"
    When Dana enters a wrong password <failures> times
    And Dana logs in with the right password
    Then <outcome>

    @within
    Examples: Four failures
      | failures | outcome                                                        |
      | 4        | Dana is logged in as the owner of "Harper for Senate"          |

    @beyond
    Examples: Five failures
      | failures | outcome                                                        |
      | 5        | the log-in is refused as too many attempts, for 15 minutes at most |

  @within
  Scenario: A successful log-in clears the account's failed attempts
    Given Dana owns "Harper for Senate"
    And Dana has entered a wrong password 4 times
    When Dana logs in
    Then Dana has no failed log-ins counted against the account

  @critical @within
  Scenario: One person's lock does not lock out a teammate, and a teammate's log-in does not lift it
    Given Dana owns "Harper for Senate"
    And Erin has the viewer role on "Harper for Senate"
    When Dana enters a wrong password 5 times
    And Erin logs in
    Then Erin is logged in with the viewer role on "Harper for Senate"
    And Dana's account stays locked for 15 minutes at most, with 5 failed log-ins counted

  @beyond
  Scenario: A refused log-in does not say whether the address has an account
    Given Dana owns "Harper for Senate"
    When Dana enters a wrong password 1 time
    And Zoe, who has no account, logs in
    Then both log-ins are refused with the same answer
