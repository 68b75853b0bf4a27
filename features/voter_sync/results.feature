@van @carrier @rule.V5
Feature: What the campaign learns goes back to VAN, once each
  The voter file is shared by the committee's other tools, so what people tell the campaign
  must reach VAN: an opt-out (a STOP reply, a key press 9) and a do-not-call request become
  VAN's do-not-call flag on the person's phone, and a completed call becomes a canvass result
  (answered by a person: Canvassed; by a machine: Left Message; nobody: Not Home). Each goes
  once, and is sent again until VAN has it, so an outage loses nothing (V5, platform policy).

  Background:
    Given Dana owns "Harper for Senate", which is ready to dial
    And it is 10:00 am on a Tuesday in Columbus
    And the VAN saved list "Ward 5" of "Harper for Senate" holds Sam and Vic, with cell phones
    And "Harper for Senate" has synced "Ward 5"

  @critical @beyond
  Scenario: Sam's STOP reaches VAN as a do-not-call flag, once
    When Sam replies "STOP" to a text from "Harper for Senate"
    Then VAN flags Sam's phone as do-not-call, once
    And VAN is told nothing about Vic

  @beyond
  Scenario: A do-not-call request reaches VAN, once
    When Dana puts Sam's number on the campaign's do-not-call list
    Then VAN flags Sam's phone as do-not-call, once

  @beyond
  Scenario Outline: A completed call reaches VAN as one canvass result: <result>
    When Dana's call to Sam is <answered> and completed
    Then VAN records one canvass result "<result>" for Sam

    Examples:
      | answered                    | result       |
      | answered by Sam             | Canvassed    |
      | answered by a machine       | Left Message |

  @critical @rule.V6 @beyond
  Scenario: While VAN is down the flag waits
    Given VAN is down
    When Sam replies "STOP" to a text from "Harper for Senate"
    Then VAN has not been told yet

  @critical @rule.V6 @beyond
  Scenario: A flag that waited for VAN goes once when VAN is back
    Given VAN is down
    And Sam has replied "STOP" to a text from "Harper for Senate"
    And VAN has not been told yet
    When VAN is back
    Then VAN flags Sam's phone as do-not-call, once

  @within
  Scenario: Nothing goes back for a voter the campaign learned nothing about
    When Sam replies "STOP" to a text from "Harper for Senate"
    Then VAN flags Sam's phone as do-not-call, once
    And VAN is told nothing about Vic
