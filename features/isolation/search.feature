@isolation @processor @carrier @rule.I1
Feature: Searching contacts finds one's own contacts only, whatever is typed
  Callers search their campaign's contacts by name or number, and may filter by state or line
  type. Whatever is typed — even text made to look like a command to the platform's database,
  such as a quote followed by an instruction to delete every contact — is searched for as plain
  text: the answer holds only the campaign's own contacts whose name contains that text (usually
  none), or a clear refusal naming the filter at fault. The rival campaign, searched or not, is
  never touched, and no contact goes missing.

  Background:
    Given Dana owns "Harper for Senate", which has contacts, a verified caller ID and donations
    And Lee owns "Lee for Senate", which has contacts, a verified caller ID and donations

  @critical @within
  Scenario: A name search finds one's own contact of that name
    When Dana searches the contacts of "Harper for Senate" for "Sam"
    Then the search finds Sam of "Harper for Senate", and only contacts of "Harper for Senate"

  @critical @beyond
  Scenario: A name search never finds the rival's contact of the same name
    When Dana searches the contacts of "Harper for Senate" for "Sam"
    Then the search finds nobody of "Lee for Senate", not its Sam either
    And the search finds only contacts of "Harper for Senate"

  @beyond
  Scenario: A search for a rival's contact's number finds nothing
    When Dana searches the contacts of "Harper for Senate" for the number of Sam of "Lee for Senate"
    Then the search finds nobody

  @within
  Scenario: A quote in a name is searched for as text
    Given "Harper for Senate" has a contact named "Pat O'Brien"
    When Dana searches the contacts of "Harper for Senate" for "O'Brien"
    Then the search finds "Pat O'Brien" alone

  @beyond
  Scenario Outline: A search for text that looks like a command to the database finds nobody and changes nothing: <search text>
    When Dana searches the contacts of "Harper for Senate" for "<search text>"
    Then the search finds nobody
    And nothing of "Lee for Senate" changed
    And nothing of "Harper for Senate" changed

    Examples: Text that looks like a database command
      | search text                        |
      | '; DROP TABLE contacts; --         |
      | 1' OR '1'='1                       |
      | ' UNION SELECT email FROM users -- |

    Examples: Characters the database reads as "anything"
      | search text |
      | %           |
      | _           |

  @beyond
  Scenario Outline: A filter that looks like a command to the database is refused, naming the filter: <filter> "<value>"
    When Dana searches the contacts of "Harper for Senate" with the <filter> "<value>"
    Then the search is refused because <reason>
    And nothing of "Lee for Senate" changed
    And nothing of "Harper for Senate" changed

    Examples:
      | filter    | value                      | reason                                  |
      | state     | OH' OR '1'='1              | the state is not a US state code        |
      | state     | '; DROP TABLE contacts; -- | the state is not a US state code        |
      | line type | wireless' --               | the line type is neither of the two     |
      | limit     | 1; DROP TABLE contacts     | the limit is not a number from 1 to 500 |
