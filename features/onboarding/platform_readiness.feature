Feature: Platform readiness
  Operators and load balancers ask the platform whether it can serve. It is ready only when both
  its database and its cache answer; otherwise it says which one is missing, so that no traffic is
  sent to an instance that would refuse donations or place calls without checking the rules.
  It also says how dearly it hashes new passwords, so that a deployment can be shown to store
  them at the production cost (a test deployment may hash cheaply, never a real one).

  @critical
  Scenario: The platform is ready when its database and cache answer
    Then the platform reports that it is alive
    And the platform reports that it is ready, with the database and the cache answering

  @production-settings
  Scenario: A deployment stores new passwords at the production cost
    Then the platform reports that it hashes new passwords at least at the production cost

  @local-only @exclusive
  Scenario Outline: The platform reports unavailable while its <dependency> does not answer
    When the <dependency> stops answering
    Then the platform reports that it is unavailable because the <dependency> does not answer

    Examples:
      | dependency |
      | database   |
      | cache      |

  @local-only @exclusive
  Scenario Outline: The platform is ready again once its <dependency> answers again
    Given the <dependency> has stopped answering
    And the platform has reported that it is unavailable because the <dependency> does not answer
    When the <dependency> answers again
    Then the platform reports that it is ready, with the database and the cache answering

    Examples:
      | dependency |
      | database   |
      | cache      |
