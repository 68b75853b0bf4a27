@processor
Feature: The live donations dashboard tells the truth, to the campaign's money team only
  The dashboard's running totals are kept in the cache for speed and must always equal the sum of
  the recorded contributions; if the cache loses them they are rebuilt from the records. Only the
  roles that may view donations may watch it.

  Background:
    Given Dana owns "Harper for Senate"
    And "Harper for Senate" takes donations through the processor

  Scenario Outline: A teammate with the <role> role <can> watch the donations dashboard
    Given Erin has the <role> role on "Harper for Senate"
    Then Erin <can> watch the donations dashboard

    Examples:
      | role    | can    |
      | manager | can    |
      | finance | can    |
      | caller  | cannot |
      | viewer  | cannot |

  Scenario: Someone outside the campaign cannot watch its dashboard
    Given Frank owns "Lee for Congress"
    Then Frank cannot watch the donations dashboard of "Harper for Senate"

  @local-only
  Scenario: The dashboard total is rebuilt from the records when the cache loses it
    Given Alex gave $25.00 on the campaign's donation page
    And Blair gave $40.00 on the campaign's donation page
    And the processor refunded Alex's $25.00 contribution
    When the cache loses the donation totals of "Harper for Senate"
    Then the dashboard total shows $40.00
