@isolation @processor @carrier @rule.I2
Feature: Inside a campaign, each role reaches only the data its work needs
  A caller phones voters and has no business with the donor list; the finance team handles
  money and does not dial; the treasurer, who answers for the committee's accounts and reports
  (52 U.S.C. 30102), holds the finance team's permissions and no more of the campaign (platform
  policy: no dialing, no contacts, no keys); a viewer looks and changes nothing. The table below
  is the rule a product owner signs off, row by row: each row is tried for real by a teammate
  with that role.
  An allowed action must really happen; a refused one is refused as not allowed to that role, with
  a message a person can read, and leaves the campaign's data exactly as it was.

  Background:
    Given Dana owns "Harper for Senate", which has contacts, a verified caller ID and donations

  Scenario Outline: Someone with the <role> role is <outcome> to <action>
    Given Erin has the <role> role on "Harper for Senate"
    When Erin tries to <action> in "Harper for Senate"
    Then Erin is <outcome> to do it

    @beyond
    Examples: What a caller, the finance team and a viewer may not do
      | role      | action                               | outcome |
      | caller    | see the contributions                | refused |
      | finance   | dial a contact                       | refused |
      | finance   | search the contacts                  | refused |
      | viewer    | change the campaign's details        | refused |
      | viewer    | add a contact                        | refused |
      | viewer    | put a number on the do-not-call list | refused |
      | viewer    | change the dial settings             | refused |
      | viewer    | set the election dates               | refused |
      | viewer    | add a caller ID                      | refused |
      | viewer    | dial a contact                       | refused |
      | viewer    | see the contributions                | refused |
      | viewer    | search the contacts                  | refused |
      | viewer    | create an API key                    | refused |
      | caller    | add a contact                        | refused |
      | caller    | create an API key                    | refused |
      | manager   | set the election dates               | refused |
      | treasurer | dial a contact                       | refused |
      | treasurer | search the contacts                  | refused |
      | treasurer | add a contact                        | refused |
      | treasurer | create an API key                    | refused |
      | treasurer | change the campaign's details        | refused |

    @within
    Examples: What each role's work needs, allowed
      | role      | action                               | outcome |
      | finance   | see the contributions                | allowed |
      | finance   | set the election dates               | allowed |
      | caller    | dial a contact                       | allowed |
      | caller    | search the contacts                  | allowed |
      | manager   | add a contact                        | allowed |
      | manager   | put a number on the do-not-call list | allowed |
      | manager   | create an API key                    | allowed |
      | owner     | change the dial settings             | allowed |
      | treasurer | see the contributions                | allowed |
      | treasurer | set the election dates               | allowed |

  @rule.O12 @beyond
  Scenario: A teammate moved to the viewer role is refused at once what a manager could do
    Given Erin has the manager role on "Harper for Senate"
    And Dana has made Erin a viewer on "Harper for Senate"
    When Erin tries to add a contact in "Harper for Senate"
    Then Erin is refused to do it

  @rule.O12 @within
  Scenario: A teammate moved to the caller role may at once do what a caller does
    Given Erin has the viewer role on "Harper for Senate"
    And Dana has made Erin a caller on "Harper for Senate"
    When Erin tries to search the contacts in "Harper for Senate"
    Then Erin is allowed to do it
