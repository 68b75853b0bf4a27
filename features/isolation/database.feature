@isolation @processor @carrier @rule.I4
Feature: A campaign's records stay its own even where the platform's own checks would fail
  The platform checks, on every request, that whoever asks works for the campaign they ask about
  (see "A campaign's records answer its own team only"). The records themselves are a second
  wall, for the day a check is forgotten in a new feature: the platform may work on records only
  on behalf of one campaign at a time, and the records then show and accept that campaign's own,
  plus its own organization's do-not-call list and text opt-outs (A3.5), and nothing of any
  rival. These scenarios go past the platform's checks and ask the records directly, exactly as
  the platform would, for every kind of record a campaign keeps — a kind added later included,
  without anyone having to remember it.

  A rival that kept nothing could not show a leak, so each scenario first makes sure that both
  campaigns keep records of every kind.

  Background:
    Given Dana owns "Harper for Senate" and Lee owns "Lee for Senate", rivals with one of everything
    And both campaigns keep records of every kind a campaign keeps

  @critical @within
  Scenario: Working for a campaign, the platform finds that campaign's records of every kind
    When the platform, working for "Harper for Senate", looks up every kind of record a campaign keeps
    Then it finds records of "Harper for Senate" of every kind

  @critical @beyond
  Scenario: Working for a campaign, the platform finds no record of a rival
    When the platform, working for "Harper for Senate", looks up every kind of record a campaign keeps
    Then it finds no record of "Lee for Senate" or of any other campaign

  @within
  Scenario: Working for a campaign, the platform finds its own organization's do-not-call list and opt-outs
    When the platform, working for "Harper for Senate", looks up every list its organization keeps
    Then it finds the entries of the organization of "Harper for Senate"

  @beyond
  Scenario: Working for a campaign, the platform finds nothing of a rival organization's do-not-call list and opt-outs
    When the platform, working for "Harper for Senate", looks up every list its organization keeps
    Then it finds no entry of the organization of "Lee for Senate"

  @beyond
  Scenario: Working for no campaign, the platform finds no campaign's records
    When the platform, working for no campaign, looks up every kind of record a campaign keeps
    Then it finds no record of any campaign

  @beyond
  Scenario: Even asking the records to set their protection aside does not show the platform a rival's records
    When the platform, working for "Harper for Senate", asks the records to set their protection aside and looks up every kind of record a campaign keeps
    Then it finds no record of "Lee for Senate" or of any other campaign

  @critical @beyond
  Scenario: Working for a campaign, the platform cannot add, move, change or delete a rival's records
    When the platform, working for "Harper for Senate", tries for every kind of record to add one of "Lee for Senate", move one into it, change its records and delete them
    Then the records refuse every one of those changes
    And nothing of "Lee for Senate" changed
