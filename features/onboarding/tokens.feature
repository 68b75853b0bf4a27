@local-only @rule.O11
Feature: A session's token is taken only as the platform issued it, while it lasts, for a teammate
  Every request a person makes carries the token their log-in gave them. Whoever holds a token
  holds the session, so the platform takes a token only exactly as it issued it (O11, platform
  policy; the integration test plan asks for these tamper and expiry checks): not once its 15
  minutes are up (O8), not signed with any other key, not with anything in it rewritten (whom it
  names, when it ends), not when it claims to need no signature or another way of signing, not
  cut short or cut in half; the token of someone removed from the team no longer opens the
  campaign, and that of someone who closed their account opens nothing at all. A refused token
  changes nothing: the request is turned away before anything is written.

  A person closes their account all or nothing: they leave every team, as long as each campaign
  keeps an owner, and the person who signed the organization up, who answers for its archive,
  keeps their account open (platform policy). A refused closing changes nothing: the person still
  logs in and works.

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

  @within
  Scenario Outline: A teammate with the <role> role closes their account while the campaign keeps an owner
    Given Mia has the <role> role on "Harper for Senate"
    When Mia closes their account
    Then Mia's account is closed and they can no longer log in
    And Mia is no longer on the team of "Harper for Senate"
    And Dana is still on the team of "Harper for Senate"

    Examples:
      | role    |
      | owner   |
      | manager |
      | caller  |

  @beyond
  Scenario: The person who signed the organization up cannot close their account
    When Dana tries to close their account
    Then it is refused because whoever signed the organization up answers for its archive
    And Dana is still on the team of "Harper for Senate"
    And Dana can still log in and add a contact in "Harper for Senate"

  @beyond
  Scenario: The last owner of a campaign cannot close their account
    Given Mia has the owner role on "Harper for Senate"
    And Dana has removed Dana from the team of "Harper for Senate"
    When Mia tries to close their account
    Then it is refused because a campaign keeps at least one owner
    And Mia is still on the team of "Harper for Senate"
    And Mia can still log in and add a contact in "Harper for Senate"

  @beyond
  Scenario: A closing refused for one campaign leaves the person on every team
    Given Kim owns "Lee for Mayor"
    And Erin has the owner role on "Lee for Mayor"
    And Kim has removed Kim from the team of "Lee for Mayor"
    When Erin tries to close their account
    Then it is refused because a campaign keeps at least one owner
    And Erin is still on the team of "Harper for Senate"
    And Erin can still log in and add a contact in "Harper for Senate"
