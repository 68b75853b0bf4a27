Feature: Inviting teammates, and what each role may do
  An owner or a manager invites teammates by email, each with one role: owner, manager, treasurer,
  finance, caller or viewer. The treasurer, whom the law requires of every committee (52 U.S.C.
  30102(a)), builds the finance team: invites finance members and nobody else. The invitee accepts with the emailed link and chooses a password. A role
  decides what a teammate may do, on every part of the platform; the table below is the rule
  a product owner signs off, row by row.

  @critical @rule.I2
  Scenario Outline: A teammate invited with the <role> role may do exactly what the role allows
    Given Dana owns "Harper for Senate"
    And Dana has invited Erin to "Harper for Senate" with the <role> role
    When Erin accepts the invitation
    Then Erin has the <role> role on "Harper for Senate"
    And Erin <see the team> see the team of "Harper for Senate"
    And Erin <invite a teammate> invite a teammate to "Harper for Senate"
    And Erin <change the details> change the details of "Harper for Senate"
    And Erin <name the compliance contact> name the compliance contact of "Harper for Senate"

    @within
    Examples: Roles that may do all four
      | role    | see the team | invite a teammate | change the details | name the compliance contact |
      | owner   | can          | can               | can                | can                         |
      | manager | can          | can               | can                | can                         |

    @beyond
    Examples: The treasurer builds the finance team, and does not run the campaign
      | role      | see the team | invite a teammate | change the details | name the compliance contact |
      | treasurer | can          | can               | cannot             | cannot                      |

    @beyond
    Examples: Roles that may only see the team
      | role    | see the team | invite a teammate | change the details | name the compliance contact |
      | finance | can          | cannot            | cannot             | cannot                      |
      | caller  | can          | cannot            | cannot             | cannot                      |
      | viewer  | can          | cannot            | cannot             | cannot                      |

  @rule.O6
  Scenario Outline: Only an owner can make someone an owner
    Given Dana owns "Harper for Senate"
    And Mia has the manager role on "Harper for Senate"
    When Mia invites Erin to "Harper for Senate" with the <role> role
    Then the invitation is <outcome>
    And Erin <receives> invitation to "Harper for Senate"

    @within
    Examples: A role a manager may grant
      | role    | outcome                                    | receives    |
      | manager | sent                                       | receives an |

    @beyond
    Examples: The owner role
      | role    | outcome                                    | receives    |
      | owner   | refused because the role cannot be granted | receives no |

  @rule.O6 @beyond
  Scenario Outline: An invitation with a role or address that makes no sense is refused
    Given Dana owns "Harper for Senate"
    When Dana invites someone to "Harper for Senate" with the <role> role at the address "<address>"
    Then the invitation is refused because <reason>
    And nobody at "<address>" receives an invitation

    Examples:
      | role      | address              | reason                                    |
      | mayor     | erin@example.test    | the role is not one of the six roles      |
      | viewer    | erin-at-example.test | the email address is not an email address |

  @rule.O6 @beyond
  Scenario: A teammate is invited only once
    Given Dana owns "Harper for Senate"
    And Erin has the caller role on "Harper for Senate"
    When Dana invites Erin to "Harper for Senate" with the viewer role
    Then the invitation is refused because the invitee is already on the team
    And Erin has the caller role on "Harper for Senate"

  @rule.O7 @beyond
  Scenario: An invitation link works only once
    Given Dana owns "Harper for Senate"
    And Dana has invited Erin to "Harper for Senate" with the caller role
    And Erin has accepted the invitation
    When Frank uses Erin's invitation link
    Then the invitation is refused because it was already used
    And Frank has no account
    And "Harper for Senate" has one caller, Erin

  @rule.O3 @beyond
  Scenario: An invitee whose password is refused is told why and gets no account
    Given Dana owns "Harper for Senate"
    And Dana has invited Erin to "Harper for Senate" with the caller role
    When Erin accepts the invitation with the password "short-1A"
    Then the invitation is refused because the password is shorter than 12 characters
    And Erin has no account

  @rule.O7 @within
  Scenario: An invitee whose password was refused can try again with the same link
    Given Dana owns "Harper for Senate"
    And Dana has invited Erin to "Harper for Senate" with the caller role
    And Erin's acceptance of the invitation with the password "short-1A" was refused
    When Erin accepts the invitation
    Then Erin has the caller role on "Harper for Senate"

  @local-only @rule.O7
  Scenario Outline: An invitation is valid for 7 days
    Given Dana owns "Harper for Senate"
    And Dana has invited Erin to "Harper for Senate" with the viewer role
    And <time> pass on the clock of "Harper for Senate"
    When Erin accepts the invitation
    Then <outcome>

    @within
    Examples: Inside 7 days
      | time             | outcome                                               |
      | 6 days, 23 hours | Erin has the viewer role on "Harper for Senate"               |

    @beyond
    Examples: At 7 days
      | time             | outcome                                               |
      | 7 days           | the invitation is refused because it has expired      |

  @rule.O6
  Scenario Outline: Only an owner makes someone treasurer, and the treasurer invites only finance members
    Given Dana owns "Harper for Senate"
    And Mia has the <inviter> role on "Harper for Senate"
    When Mia invites Erin to "Harper for Senate" with the <role> role
    Then the invitation is <outcome>
    And Erin <receives> invitation to "Harper for Senate"

    @within
    Examples: Roles they may grant
      | inviter   | role      | outcome                                    | receives    |
      | owner     | treasurer | sent                                       | receives an |
      | treasurer | finance   | sent                                       | receives an |

    @beyond
    Examples: Roles they may not grant
      | inviter   | role      | outcome                                    | receives    |
      | manager   | treasurer | refused because the role cannot be granted | receives no |
      | treasurer | caller    | refused because the role cannot be granted | receives no |
      | treasurer | treasurer | refused because the role cannot be granted | receives no |

  @rule.O6 @beyond
  Scenario: A manager is told which role cannot be granted
    Given Dana owns "Harper for Senate"
    And Mia has the manager role on "Harper for Senate"
    When Mia invites Erin to "Harper for Senate" with the treasurer role
    Then the invitation is refused because the role cannot be granted
    And the refusal reads "A manager cannot grant the treasurer role."
