@local-only @rule.O8
Feature: A session lasts 15 minutes
  Logging in opens a session of 15 minutes; after that the person logs in again (O8). This is
  platform policy, not law: a short session limits what a stolen one can do (NIST SP 800-63B asks
  for reauthentication). The session ends at 15 minutes exactly: a request 14 minutes 59 seconds
  after the log-in is served, one 15 minutes after it is refused as not logged in. It holds for
  whatever the person asks, about a campaign or about their own account.

  Background:
    Given Dana owns "Harper for Senate"
    And Dana has just logged in

  Scenario Outline: <age> after logging in, Dana <request> and <outcome>
    When Dana <request> <age> after logging in
    Then Dana <outcome>

    @within
    Examples: Younger than 15 minutes
      | request                 | age                   | outcome   |
      | opens the campaign      | 14 minutes 59 seconds | is served |
      | opens their own account | 14 minutes 59 seconds | is served |

    @beyond
    Examples: 15 minutes and older
      | request                 | age        | outcome                                                |
      | opens the campaign      | 15 minutes | is refused as not logged in, and asked to log in again |
      | opens their own account | 15 minutes | is refused as not logged in, and asked to log in again |
