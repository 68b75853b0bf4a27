@isolation @processor @carrier
Feature: Whatever anyone sends, the platform answers only as its published contract promises
  The platform publishes its contract (every route, what each accepts, every answer it can give
  and why). Generated hostile input — wrong types, odd characters, missing and extra fields,
  unknown methods — is sent by a campaign's own owner, by the owner of a rival campaign and by a
  stranger with no credentials. Every answer must be one the contract promises: never a server
  error, never an undeclared refusal; a rival learns nothing (its answer is the one a campaign that
  does not exist gets) and, like the stranger, changes nothing.

  Scenario: Hostile input from an owner, a rival and a stranger gets only the answers the contract promises
    When the platform is sent hostile input by a campaign's owner, by a rival and by a stranger
    Then every answer is one the platform's published contract promises
    And the rival and the stranger changed nothing of the campaign they tried
