@isolation @processor @carrier @rule.I6
Feature: A deleted campaign is gone at once, and what the law keeps moves to its organization's archive
  When its owner deletes a campaign, it is gone at once for its team and its integrations: they
  find it exactly as a campaign that never existed, its live dashboards tell their viewers it has
  closed, and nothing it worked with is left (its team, contacts, donors, keys, the figures it kept
  at hand). A rival campaign on the same platform does not notice.

  What the law makes the committee keep is not destroyed: in the same step, all or nothing, it
  moves into the organization's archive, with the campaign's name, when it was deleted and by whom,
  and for each record the date it is kept until:
  - contributions and compliance flags: 3 years after the report that discloses them (C15,
    11 CFR 104.14(b)(3)). The platform does not know when the committee filed that report, so it
    counts from 31 January of the year after the deletion, the latest due date of a report that
    can disclose them (the year-end report). Platform policy: never shorter than the law.
  - do-not-call requests: 5 years from the request (A3.4, 47 CFR 64.1200(d)(6)).
  - consent records: the proof of consent a claim under the TCPA calls for (A3.6); such a
    claim must be brought within 4 years of the call (28 U.S.C. 1658), so they are kept 4 years
    from the deletion, which outlasts every call the campaign made. Platform policy.
  - call records, the abandoned calls' among them (A6.5): 5 years from the deletion, so at least
    the 5 years the Telemarketing Sales Rule names (16 CFR 310.4(b)(4)(iv), 310.5).
  Only the organization's owner (the person who signed it up) can export the archive. Anybody
  else, an owner of another of its campaigns, a manager, a caller, an integration or a rival,
  finds no such organization at all. The organization's own do-not-call list and opt-outs stay
  and still bind every campaign it runs (A3.4, A3.5); consent withdrawn stays withdrawn.

  @critical @beyond @rule.C15 @rule.A3.6
  Scenario: A deleted campaign is gone at once, with nothing left but what the law keeps
    Given Dana owns "Harper for Senate" and Lee owns "Lee for Senate", rivals built for this scenario with one of everything
    And Dana is watching the donations dashboard of "Harper for Senate"
    And Lee is watching the donations dashboard of "Lee for Senate"
    When Dana deletes "Harper for Senate"
    Then nothing "Harper for Senate" worked with is left outside its organization's archive
    And none of the figures "Harper for Senate" kept at hand is left
    And the live dashboard Dana watches tells Dana the campaign has closed
    And nothing of "Lee for Senate" changed
    And Lee's dashboard is still live, and is told of a new contribution to "Lee for Senate" within 1 second

  @beyond
  Scenario: Its team, its processor and its integrations find a deleted campaign as if it never existed
    Given Dana owns "Harper for Senate" and Lee owns "Lee for Senate", rivals built for this scenario with one of everything
    When Dana deletes "Harper for Senate"
    Then Dana can no longer open any part of "Harper for Senate", exactly as if it never existed
    And its caller Tess can no longer open "Harper for Senate" either
    And the donation processor's notifications for "Harper for Senate" are turned away
    And the integration key of "Harper for Senate" no longer works

  @critical @within @rule.C15 @rule.A3.4 @rule.A3.6 @rule.A6.5
  Scenario: The records the law keeps move to the organization's archive, each kept until its date
    Given Dana owns "Harper for Senate" and Lee owns "Lee for Senate", rivals built for this scenario with one of everything
    When Dana deletes "Harper for Senate"
    Then the contributions, compliance flags, do-not-call requests, consent and call records of "Harper for Senate" are in its organization's archive, each kept until its date
    And the archive names "Harper for Senate", when it was deleted, and that Dana deleted it
    And nothing of "Lee for Senate" changed

  @within @rule.A3.4 @rule.A3.5
  Scenario: The organization's do-not-call list and opt-outs outlive the campaign
    Given Dana owns "Harper for Senate" and Lee owns "Lee for Senate", rivals built for this scenario with one of everything
    When Dana deletes "Harper for Senate"
    Then the numbers "Harper for Senate" put on its organization's do-not-call list are still on it
    And the person who texted STOP to "Harper for Senate" is still opted out of the organization's texts
    And the consent Stevie withdrew from "Harper for Senate" stays withdrawn in the archive
    And the request on the campaign's own do-not-call list of "Harper for Senate" is kept in the organization's archive
    And Dana still has an account

  @beyond @rule.I2
  Scenario: Only the owner may delete a campaign
    Given Dana owns "Harper for Senate", which has contacts, a verified caller ID and donations
    And Mia has the manager role on "Harper for Senate"
    When Mia tries to delete the campaign in "Harper for Senate"
    Then Mia is refused to do it

  @critical @within
  Scenario: The organization's owner exports the archive
    Given Dana owns "Harper for Senate", which has contacts, a verified caller ID and donations
    And Dana has deleted "Harper for Senate"
    When Dana exports the archive of the organization behind "Harper for Senate"
    Then the export holds every record the archive keeps of "Harper for Senate", each with its date

  @beyond
  Scenario Outline: The <role> of another of its campaigns cannot export the organization's archive
    Given Dana owns "Harper for Senate", which has contacts, a verified caller ID and donations
    And the organization behind "Harper for Senate" also runs "Harper for Governor"
    And <person> has the <role> role on "Harper for Governor"
    And Dana has deleted "Harper for Senate"
    When <person> tries to export the archive of the organization behind "Harper for Senate"
    Then <person> finds no such organization, exactly as for one that does not exist

    Examples:
      | person | role    |
      | Mia    | owner   |
      | Max    | manager |
      | Riley  | caller  |

  @beyond
  Scenario: An integration of another of its campaigns cannot export the organization's archive
    Given Dana owns "Harper for Senate", which has contacts, a verified caller ID and donations
    And the organization behind "Harper for Senate" also runs "Harper for Governor"
    And "Harper for Governor" has an integration with a key of its own
    And Dana has deleted "Harper for Senate"
    When the key of "Harper for Governor" is used to export the archive of the organization behind "Harper for Senate"
    Then the key finds no such organization, exactly as for one that does not exist

  @critical @beyond
  Scenario: A rival organization finds no trace of the archive
    Given Dana owns "Harper for Senate" and Lee owns "Lee for Senate", rivals built for this scenario with one of everything
    And Dana has deleted "Harper for Senate"
    When Lee tries to export the archive of the organization behind "Harper for Senate"
    Then Lee finds no such organization, exactly as for one that does not exist
    And the archive of Lee's own organization shows nothing of "Harper for Senate"
    And the database shows the archive of the organization behind "Harper for Senate" to Dana alone
