@isolation @processor @carrier
Feature: The database itself keeps each campaign to its own rows
  Checks in the platform's code are the first wall; the database is the second. The platform
  connects to its database as a role that owns no table and cannot bypass row-level security, and
  names the campaign it works for at the start of each transaction. Whatever query the code
  sends, the database then shows and accepts only that campaign's rows, plus the organization-
  wide rows of its own organization (its do-not-call list and text opt-outs, A3.5). These
  scenarios connect as that role and query every table that holds a campaign's data — found in
  the database's own catalogue, so a table added later is covered without anyone remembering to.

  The rival must hold rows in every such table, or a probe that sees nothing would prove nothing:
  each scenario checks that first, as the database superuser.

  Background:
    Given Dana owns "Harper for Senate" and Lee owns "Lee for Senate", rivals with one of everything
    And both campaigns have rows in every table that holds a campaign's data

  @critical
  Scenario: Working for one campaign, the platform's database role sees its rows and none of a rival's
    When the platform's database role reads every campaign table for "Harper for Senate"
    Then it sees rows of "Harper for Senate" in every one of them
    And it sees no row of "Lee for Senate" or of any other campaign

  Scenario: Working for one campaign, the role sees its own organization's opt-outs and not a rival's
    When the platform's database role reads every organization-wide table for "Harper for Senate"
    Then it sees the organization-wide rows of "Harper for Senate"'s organization
    And it sees no organization-wide row of "Lee for Senate"'s organization

  Scenario: With no campaign named, the platform's database role sees no campaign's rows
    When the platform's database role reads every campaign table without naming a campaign
    Then it sees no row of any campaign

  Scenario: Turning row security off does not show the role a rival's rows
    When the platform's database role turns row security off and reads every campaign table for "Harper for Senate"
    Then it sees no row of "Lee for Senate" or of any other campaign

  @critical
  Scenario: Working for one campaign, the platform's database role cannot write a rival's rows
    When the platform's database role, working for "Harper for Senate", tries in every campaign table to add a row of "Lee for Senate", move a row into it, change its rows and delete them
    Then the database refuses every one of those writes
    And nothing of "Lee for Senate" changed
