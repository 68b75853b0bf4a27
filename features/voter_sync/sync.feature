@van
Feature: A campaign brings the voters of a VAN saved list in as its contacts
  Campaigns call the voters of their voter file, and the voter file lives in VAN. The owner
  connects the campaign's VAN committee (VAN's application name, the committee's API key and
  its database), chooses a saved list, and a sync brings each person of the list in as one
  contact, with their VAN ID and their phone in the platform's form: new people are added,
  people VAN changed are updated, and nobody is ever doubled, however often the sync runs (V1,
  platform policy). The API key is checked with VAN before it is kept; it is kept sealed and
  never shown again (V7, platform policy: VAN's terms make the key the committee's secret).

  Background:
    Given Dana owns "Harper for Senate"
    And the VAN committee of "Harper for Senate" has a saved list "Ward 5" of 2,500 voters

  @critical @rule.V1 @rule.V6 @within
  Scenario: A first sync brings every voter of the list in once
    When Dana connects "Harper for Senate" to its VAN committee and syncs "Ward 5"
    Then the sync finishes with 2,500 new contacts
    And every voter of "Ward 5" is one contact of "Harper for Senate", with their VAN ID and phone

  @critical @rule.V1 @beyond
  Scenario: A resync after VAN changed people updates them and doubles nobody
    Given "Harper for Senate" has synced "Ward 5"
    And in VAN, 3 voters of "Ward 5" changed their name and 2 changed their phone
    When Dana syncs "Ward 5" again
    Then the sync finishes with 0 new contacts, 5 updated and 2,495 unchanged
    And every voter of "Ward 5" is one contact of "Harper for Senate", with their VAN ID and phone

  @rule.V7 @beyond
  Scenario Outline: A connection VAN refuses is refused, and nothing is kept: <what>
    When Dana connects "Harper for Senate" to its VAN committee with <what>
    Then it is refused because VAN does not accept the credentials
    And "Harper for Senate" keeps no VAN credentials

    Examples:
      | what                            |
      | a wrong API key                 |
      | the VoterFile database instead  |
      | another application name        |

  @rule.V7 @within
  Scenario: The API key VAN accepts is kept sealed and never shown again
    When Dana connects "Harper for Senate" to its VAN committee
    Then "Harper for Senate" shows its VAN connection, without the API key
    And the API key is kept only sealed

  @rule.V1 @beyond
  Scenario: A saved list VAN does not have cannot be chosen
    Given Dana has connected "Harper for Senate" to its VAN committee
    When Dana chooses a saved list VAN does not have
    Then it is refused because VAN has no such saved list
    And "Harper for Senate" has no saved list chosen
