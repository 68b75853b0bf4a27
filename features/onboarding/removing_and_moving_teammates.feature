@rule.O12
Feature: Who may remove whom from the team, or move a teammate to another role
  A campaign's team changes: volunteers leave, a caller becomes a manager, a treasurer is
  replaced. Who may remove a teammate, or give them another role, depends on both roles (platform
  policy, O12): an owner removes or moves anyone, another owner too, as long as the campaign keeps
  an owner; a manager removes or moves managers, finance members, callers and viewers, never an
  owner or the treasurer; the treasurer removes or moves finance members only; finance members,
  callers and viewers remove nobody. The role a teammate is moved to follows the invitation rule
  (only an owner makes someone owner or treasurer). A refused change leaves the team as it was.

  A change takes effect at once: the teammate's very next request is judged by the new role (or
  refused, once removed), and a live channel the new role may not watch is closed while it is open.

  Background:
    Given Dana owns "Harper for Senate"

  Scenario Outline: Someone with the <remover> role removes a teammate with the <removed> role
    Given Mia has the <remover> role on "Harper for Senate"
    And Erin has the <removed> role on "Harper for Senate"
    When Mia tries to remove Erin from the team of "Harper for Senate"
    Then <outcome>
    And Erin <is or is not> on the team of "Harper for Senate"

    @within
    Examples: Whom each role may remove
      | remover   | removed   | outcome              | is or is not |
      | owner     | owner     | Erin leaves the team | is no longer |
      | owner     | treasurer | Erin leaves the team | is no longer |
      | manager   | manager   | Erin leaves the team | is no longer |
      | manager   | viewer    | Erin leaves the team | is no longer |
      | treasurer | finance   | Erin leaves the team | is no longer |

    @beyond
    Examples: Whom each role may not remove
      | remover   | removed   | outcome                                                         | is or is not |
      | manager   | owner     | Mia is told "A manager cannot remove an owner."                 | is still     |
      | manager   | treasurer | Mia is told "A manager cannot remove a treasurer."              | is still     |
      | treasurer | caller    | Mia is told "A treasurer cannot remove a caller."               | is still     |
      | finance   | finance   | Mia is told "A finance member cannot remove or move teammates." | is still     |
      | caller    | viewer    | Mia is told "A caller cannot remove or move teammates."         | is still     |

  @within
  Scenario: An owner may leave the team while another owner stays
    Given Mia has the owner role on "Harper for Senate"
    When Dana tries to remove Dana from the team of "Harper for Senate"
    Then Dana leaves the team
    And Mia is still on the team of "Harper for Senate"

  @beyond
  Scenario: The last owner cannot leave the team
    When Dana tries to remove Dana from the team of "Harper for Senate"
    Then it is refused because a campaign keeps at least one owner
    And Dana is still on the team of "Harper for Senate"

  Scenario Outline: Someone with the <mover> role moves a teammate from the <role> role to the <new role> role
    Given Mia has the <mover> role on "Harper for Senate"
    And Erin has the <role> role on "Harper for Senate"
    When Mia tries to make Erin a <new role> on "Harper for Senate"
    Then <outcome>
    And Erin has the <held> role on "Harper for Senate"

    @within
    Examples: Moves each role may make
      | mover   | role      | new role  | outcome                | held      |
      | owner   | caller    | treasurer | Erin's role is changed | treasurer |
      | manager | caller    | manager   | Erin's role is changed | manager   |
      | owner   | treasurer | finance   | Erin's role is changed | finance   |

    @beyond
    Examples: Moves each role may not make
      | mover     | role      | new role | outcome                                                        | held      |
      | manager   | treasurer | viewer   | Mia is told "A manager cannot change the role of a treasurer." | treasurer |
      | manager   | caller    | owner    | it is refused because the role cannot be granted               | caller    |
      | treasurer | finance   | caller   | it is refused because the role cannot be granted               | finance   |
      | viewer    | caller    | viewer   | Mia is told "A viewer cannot remove or move teammates."        | caller    |

  @beyond
  Scenario: The last owner cannot give up the owner role
    When Dana tries to make Dana a manager on "Harper for Senate"
    Then it is refused because a campaign keeps at least one owner
    And Dana has the owner role on "Harper for Senate"

  @beyond
  Scenario: A live channel the new role may not watch closes at once; one it may watch stays open
    Given Erin has the manager role on "Harper for Senate"
    And Erin is watching the donations dashboard of "Harper for Senate"
    And Erin is watching the call board of "Harper for Senate"
    When Dana makes Erin a caller on "Harper for Senate"
    Then Erin's dashboard is closed as their role may not watch it
    And Erin's call board stays open
