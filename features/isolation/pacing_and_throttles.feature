@isolation
Feature: One campaign's pace and one account's lock never slow anyone else
  Campaigns on the platform are rivals in the same primary, and on election week every one of
  them dials as fast as it is allowed. Each campaign's limits — how many calls may be live at once,
  how many may start in one second — are its own: a campaign at its limit holds back its own next
  call and never a rival's. Likewise the log-in lock (5 wrong passwords within 15 minutes) is per
  account: it never locks out anyone else, in a rival campaign or on the same team.

  @carrier @critical @rule.I1 @beyond
  Scenario Outline: "Harper for Senate" at its limit of <cap> <limit> does not hold back a call of "Lee for Congress"
    Given Dana owns "Harper for Senate"
    And Frank owns "Lee for Congress"
    And "Harper for Senate" and "Lee for Congress" are both ready to dial, at 10:00 am on a Tuesday in Columbus
    And "Harper for Senate" and "Lee for Congress" each allow <cap> <limit>
    When "Harper for Senate" dials <dials> contacts at once and "Lee for Congress" dials Sam in the same second
    Then <cap> calls of "Harper for Senate" are placed and <held> are held back, as its <limit> are used up
    And the call of "Lee for Congress" to Sam is placed and the carrier receives it

    Examples:
      | limit              | cap | dials | held |
      | live calls at once | 3   | 5     | 2    |
      | calls per second   | 2   | 5     | 3    |

  Scenario Outline: Dana's locked account does not lock out Frank, <where>
    Given Dana owns "Harper for Senate"
    And Frank <joins> "<campaign>"
    When Dana enters a wrong password 5 times
    And Frank logs in
    Then Frank is logged in <as> "<campaign>"
    And Frank has no failed log-ins counted against the account
    And Dana's account stays locked for 15 minutes at most, with 5 failed log-ins counted

    @rule.I1 @beyond
    Examples: A rival
      | where                     | joins | campaign         | as              |
      | who owns a rival campaign | owns  | Lee for Congress | as the owner of |

    Examples: A teammate
      | where                       | joins                  | campaign          | as                      |
      | who is on the same campaign | has the caller role on | Harper for Senate | with the caller role on |
