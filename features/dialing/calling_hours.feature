@carrier
Feature: Calls are placed only inside the called person's calling hours
  No call before 8:00 am or after 9:00 pm where the called person is (A1.1). Applied to
  political calls as platform policy (A1.2). A call at exactly 9:00 pm is blocked too: the rule
  forbids calls after 9:00 pm, so 9:00 pm itself is lawful, but the platform stops at 9:00 pm
  (platform policy) because a call decided at 8:59 and connected moments later would be after 9. Where the person is comes from their address when
  the campaign has it, else from the number's area code, because numbers move (A1.3). An area
  code that spans two time zones allows only the hours valid in both (A1.4). Every blocked call
  is stopped before it reaches the carrier.

  Background:
    Given Dana owns "Harper for Senate", which is ready to dial
    And Riley has the caller role on "Harper for Senate"

  @critical @rule.A1.1 @rule.A1.2
  Scenario Outline: At <local time> on a Tuesday where Sam lives, in <city>, a call is <outcome>
    Given the contact Sam lives in <city>
    And it is <local time> on a Tuesday where Sam lives
    When Riley dials Sam
    Then the call is <outcome>
    And the carrier <carrier>

    @within
    Examples: Inside the hours
      | city        | local time | outcome                          | carrier           |
      | Los Angeles | 8:00 am    | placed                           | receives one call |
      | Los Angeles | 8:59 pm    | placed                           | receives one call |

    @beyond
    Examples: Outside the hours; at 9:00 pm exactly by platform policy (the rule forbids calls after 9:00 pm)
      | city        | local time | outcome                          | carrier           |
      | Los Angeles | 7:59 am    | blocked as outside calling hours | receives no call  |
      | Los Angeles | 9:00 pm    | blocked as outside calling hours | receives no call  |

  @rule.A1.3
  Scenario Outline: The address wins over the area code: a 212 number of someone living in Los Angeles at <time> Eastern
    Given the contact Sam has the New York number "+1 212 555 0142" and lives in Los Angeles
    And it is <time> on a Tuesday in New York
    When Riley dials Sam
    Then the call is <outcome>
    And the carrier <carrier>

    @beyond
    Examples: 7:59 am where Sam lives
      | time     | outcome                          | carrier           |
      | 10:59 am | blocked as outside calling hours | receives no call  |

    @within
    Examples: 8:00 am where Sam lives
      | time     | outcome                          | carrier           |
      | 11:00 am | placed                           | receives one call |

  @rule.A1.4 @rule.A1.5 @rule.A1.6
  Scenario Outline: A number in the split-zone area code 850, no address known, at <time> Central
    The Florida panhandle spans Central and Eastern time, so a call must be allowed in both; the
    area code also presumes a Florida resident, whose calling hours end at 8 pm (stricter wins);
    Florida's statute forbids calls after 8 pm, and the platform blocks at 8:00 pm Eastern exactly
    (platform policy).
    Given the contact Sam has the Florida number "+1 850 555 0117" and no address
    And it is <time> on a Tuesday in Chicago
    When Riley dials Sam
    Then the call is <outcome>
    And the carrier <carrier>

    @beyond
    Examples: Outside the hours of one of the zones, or of Florida
      | time    | outcome                          | carrier           |
      | 7:59 am | blocked as outside calling hours | receives no call  |
      | 7:00 pm | blocked by the state's hours     | receives no call  |

    @within
    Examples: Inside the hours of both zones and of Florida
      | time    | outcome                          | carrier           |
      | 8:00 am | placed                           | receives one call |
      | 6:59 pm | placed                           | receives one call |

  @rule.A1.1 @beyond
  Scenario Outline: A caller blocked outside calling hours is told the hours that apply where Sam lives, in <city>
    Given the contact Sam lives in <city>
    And it is <local time> on a Tuesday where Sam lives
    When Riley dials Sam
    Then the caller is told "<message>"

    Examples:
      | city        | local time | message                                                                                                  |
      | Los Angeles | 7:59 am    | Federal law allows calls from 8:00 am to 9:00 pm local time; it is 7:59 am on Tuesday in America/Los_Angeles. |
      | Miami       | 8:00 pm    | Florida allows calls from 8:00 am to 8:00 pm local time; it is 8:00 pm on Tuesday in America/New_York.        |

  # The address's ZIP code pins the time zone within its state (Austin's is Central, though Texas
  # spans two zones). When the ZIP code belongs to another state than the one written, the
  # platform cannot tell which is right: every time zone of the written state counts (strict), as
  # it does for a ZIP code the postal list does not know.
  @rule.A1.3 @within
  Scenario Outline: Sam lives in <address>: a call at <local time> on a Tuesday there is placed
    Given the contact Sam lives in <address>
    And it is <local time> on a Tuesday where Sam lives
    When Riley dials Sam
    Then the call is placed
    And the carrier receives one call

    Examples:
      | address                                        | local time |
      | Austin                                         | 9:30 am    |
      | Austin, with a Los Angeles ZIP code            | 10:30 am   |
      | Los Angeles, with an Austin ZIP code           | 7:30 pm    |
      | Columbus, with a ZIP code no post office knows | 10:00 am   |

  # Only Florida's rules follow its area codes to an address elsewhere (A1.5); Texas's 9:00 am
  # start does not reach a Texas number whose owner lives in California.
  @rule.A1.5 @within
  Scenario: A Texas number of someone living in Los Angeles is called at 8:30 am there
    Given the contact Sam has the Austin number "+1 512 555 0142" and lives in Los Angeles
    And it is 8:30 am on a Tuesday where Sam lives
    When Riley dials Sam
    Then the call is placed
    And the carrier receives one call
