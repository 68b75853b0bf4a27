Feature: Importing a campaign's contacts from a spreadsheet
  Campaigns load their call lists as CSV files. Every row is checked; phone numbers are stored in
  one international form (E.164) so that the do-not-call list and the opt-outs match whatever way
  a number was written. By default a file with any bad row is refused whole, with every bad row and
  its reason, so that a list is never half-loaded; a number already on the list is updated, not
  doubled. Files of 100,000 rows are read in chunks.

  Background:
    Given Dana owns "Harper for Senate"

  Scenario: A valid file is imported, every number in one form
    When Dana imports these contacts into "Harper for Senate":
      | name  | phone          | state | zip   | line_type |
      | Sam   | (614) 555-0101 | OH    | 43215 | wireless  |
      | Kim   | 614.555.0102   | OH    | 43215 | landline  |
      | Lee   | +1 614 555 0103|       |       | wireless  |
    Then the import reports 3 created, 0 updated, 0 rejected
    And "Harper for Senate" has the contacts "+16145550101", "+16145550102", "+16145550103"

  Scenario: A file with bad rows is refused whole, each bad row with its reason
    When Dana imports these contacts into "Harper for Senate":
      | name | phone          | state | zip   | line_type |
      | Sam  | (614) 555-0101 | OH    | 43215 | wireless  |
      | Kim  | 555-0102       | OH    | 43215 | landline  |
      | Lee  | (614) 555-0103 | ZZ    | 43215 | wireless  |
      | Ann  | (614) 555-0104 | OH    | 4321  | cellular  |
    Then the import is refused, with these rows and reasons:
      | row | field     | reason                        |
      | 2   | phone     | not a US phone number         |
      | 3   | state     | not a US state                |
      | 4   | zip       | not a five-digit ZIP code     |
      | 4   | line_type | neither wireless nor landline |
    And "Harper for Senate" has no contacts

  Scenario: Only the good rows are imported when Dana asks for it
    When Dana imports only the valid rows of these contacts into "Harper for Senate":
      | name | phone          | state | zip   | line_type |
      | Sam  | (614) 555-0101 | OH    | 43215 | wireless  |
      | Kim  | 555-0102       | OH    | 43215 | landline  |
    Then the import reports 1 created, 0 updated, 1 rejected
    And "Harper for Senate" has the contacts "+16145550101"

  Scenario: A number already on the list is updated, not doubled
    Given Dana has imported these contacts into "Harper for Senate":
      | name | phone          | state | zip   | line_type |
      | Sam  | (614) 555-0101 | OH    | 43215 | landline  |
    When Dana imports these contacts into "Harper for Senate":
      | name       | phone        | state | zip   | line_type |
      | Sam Porter | 614-555-0101 | OH    | 43201 | wireless  |
    Then the import reports 0 created, 1 updated, 0 rejected
    And "Harper for Senate" has one contact "+16145550101", named Sam Porter, wireless, ZIP 43201

  # A4.6: the caller must be able to prove consent, so a consent is recorded only with a time it
  # could have been given. Platform policy: a time before 1900 or from the year 9000 on (in UTC)
  # is refused as impossible; such a row never reaches the list, and the list stays readable.
  @rule.A4.6
  Scenario Outline: A row whose consent was given <when> is <outcome>, and the list stays readable
    When Dana imports only the valid rows of these contacts into "Harper for Senate":
      | name | phone          | state | zip   | line_type | consent given |
      | Sam  | (614) 555-0101 | OH    | 43215 | wireless  | <when>        |
    Then Sam's row is <outcome>
    And Dana can still read every contact of "Harper for Senate"

    @within
    Examples: a time consent could have been given
      | when                                              | outcome                                                      |
      | 1 May 2024, 10:00 am in Columbus                  | imported with its consent                                    |
      | 1 January 1900, midnight UTC                      | imported with its consent                                    |

    @beyond
    Examples: a time no consent could have been given
      | when                                              | outcome                                                      |
      | 31 December 1899, a second before midnight UTC    | refused because its consent was given at an impossible time |
      | the first moment of year 1, 14 hours ahead of UTC | refused because its consent was given at an impossible time |
      | the last moment of year 9999, 14 hours behind UTC | refused because its consent was given at an impossible time |
