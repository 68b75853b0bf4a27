@van @critical
Feature: A sync keeps to VAN's limits and survives VAN going away
  VAN limits how fast a committee may call it. The platform never sends a committee more
  requests in a second than its setting allows, and when VAN answers "too many requests, retry
  after N seconds", it waits those N seconds before asking again (V4: VAN's API terms). When VAN
  goes away in the middle of a sync (errors, or no answer at all), the sync waits and resumes
  where it stopped once VAN is back: no voter is lost and none is doubled (V6, platform policy).

  Background:
    Given Dana owns "Harper for Senate"

  @rule.V4 @within
  Scenario: Many results go back to VAN without a burst over its limit
    Given the VAN committee of "Harper for Senate" allows 20 requests a second
    And 40 voters of the VAN saved list "Ward 5" had asked "Harper for Senate" not to call them
    When "Harper for Senate" syncs "Ward 5"
    Then VAN flags 40 phones as do-not-call
    And VAN never received more than 20 requests in a second

  @rule.V4 @beyond
  Scenario: VAN asks the platform to slow down, and it does
    Given the VAN committee of "Harper for Senate" has a saved list "Ward 5" of 300 voters
    And VAN answers the next 2 requests "too many requests, retry in 1 second"
    When "Harper for Senate" syncs "Ward 5"
    Then the sync finishes with 300 new contacts
    And the platform waited out each "retry in 1 second" before asking VAN again

  @rule.V6 @beyond
  Scenario Outline: VAN goes away mid-sync: the sync keeps what it brought in and waits (<how>)
    Given the VAN committee of "Harper for Senate" has a saved list "Ward 5" of 3,000 voters
    And VAN will cut the file after 1,500 voters and then <fail>
    When "Harper for Senate" syncs "Ward 5"
    Then the sync waits for VAN with 1,000 of 3,000 voters brought in

    Examples:
      | how          | fail            |
      | errors       | answer errors   |
      | no answer    | not answer      |

  @rule.V6 @beyond
  Scenario Outline: VAN goes away mid-sync and comes back: nothing lost, nothing doubled (<how>)
    Given the VAN committee of "Harper for Senate" has a saved list "Ward 5" of 3,000 voters
    And VAN will cut the file after 1,500 voters and then <fail>
    And "Harper for Senate" has started syncing "Ward 5"
    And the sync waits for VAN with 1,000 of 3,000 voters brought in
    When VAN is back
    Then the sync finishes with 3,000 new contacts, each voter read once
    And every voter of "Ward 5" is one contact of "Harper for Senate", with their VAN ID and phone

    Examples:
      | how          | fail            |
      | errors       | answer errors   |
      | no answer    | not answer      |
