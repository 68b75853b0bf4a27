@local-only @rule.O11
Feature: A session's token is taken only as the platform issued it, while it lasts, for a teammate
  Every request a person makes carries the token their log-in gave them. Whoever holds a token
  holds the session, so the platform takes a token only exactly as it issued it (O11, platform
  policy; the integration test plan asks for these tamper and expiry checks): not once its 15
  minutes are up (O8), not signed with any other key, not with anything in it rewritten (whom it
  names, when it ends), not when it claims to need no signature or another way of signing, not
  cut short or cut in half; the token of someone removed from the team no longer opens the
  campaign, and that of someone who closed their account opens nothing at all. A refused token changes nothing: the request is turned away before anything is
  written.

  Background:
    Given Dana owns "Harper for Senate", which has contacts, a verified caller ID and donations
    And Erin has the manager role on "Harper for Senate"
    And Erin has just logged in

  @within
  Scenario: The token as issued, one second before it expires, still adds a contact
    When Erin tries to add a contact in "Harper for Senate" 14 minutes 59 seconds after logging in
    Then Erin is allowed to do it

  @beyond
  Scenario: The token at the second it expires adds nothing
    When Erin tries to add a contact in "Harper for Senate" 15 minutes after logging in
    Then Erin is refused as not logged in, and nothing changed

  @beyond
  Scenario Outline: A token <forgery> adds nothing
    When Erin tries to change the campaign's details in "Harper for Senate" with a token <forgery>
    Then Erin is refused as not logged in, and nothing changed

    Examples:
      | forgery                                  |
      | signed with another key                  |
      | rewritten to name someone else           |
      | rewritten to last an hour longer         |
      | marked as needing no signature ("none")  |
      | marked as needing no signature ("NONE")  |
      | relabelled as signed another way (HS512) |
      | cut short                                |
      | cut in half                              |
      | stripped of its signature                |

  @beyond
  Scenario: The token of a teammate removed from the team adds nothing
    Given Dana has removed Erin from the team of "Harper for Senate"
    When Erin tries to add a contact in "Harper for Senate"
    Then Erin is refused as if the campaign did not exist, and nothing changed

  @beyond
  Scenario: The token of a teammate who closed their account adds nothing
    Given Erin has closed their account
    When Erin tries to add a contact in "Harper for Senate"
    Then Erin is refused as not logged in, and nothing changed
