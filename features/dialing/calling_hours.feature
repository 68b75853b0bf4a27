@carrier
Feature: Calls are placed only inside the called person's calling hours
  No call before 8:00 am or after 9:00 pm where the called person is (A1.1). Applied to
  political calls as platform policy (A1.2). A call at exactly 9:00 pm is blocked too: the rule
  forbids calls after 9:00 pm, so 9:00 pm itself is lawful, but the platform stops at 9:00 pm
  (platform policy) because a call decided at 8:59 and connected moments later would be after 9. Where the person is comes from their address when
  the campaign has it, else from the number's area code, because numbers move (A1.3). An area
  code that spans two time zones allows only the hours valid in both (A1.4). Every blocked call
  is stopped before it reaches the carrier.

  Local time is the clock on the wall where the person is at the moment of the call, as the time
  zone database gives it: on the Sundays the clocks change the hours are still 8:00 am to 9:00 pm
  by that clock. The hour the clocks skip in March (2 to 3 am) and the hour they repeat in
  November (1 to 2 am) lie far outside the hours, so any moment in them is blocked, both times.
  Arizona keeps standard time all year but the Navajo Nation keeps daylight saving time, and ZIP
  codes do not follow the line: from March to November an Arizona address may be called only in
  the hours valid on both clocks (platform policy). Florida presumes a call to one of its area
  codes reaches a person in Florida at the time of the call (A1.5): Florida's hours apply to such
  a number wherever its owner's address is, and on Florida's clock as well as the address's.

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
      | Los Angeles | 8:59:59 pm | placed                           | receives one call |

    @beyond
    Examples: Outside the hours; at 9:00 pm exactly by platform policy (the rule forbids calls after 9:00 pm)
      | city        | local time | outcome                          | carrier           |
      | Los Angeles | 7:59 am    | blocked as outside calling hours | receives no call  |
      | Los Angeles | 7:59:59 am | blocked as outside calling hours | receives no call  |
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

  @rule.A1.1
  Scenario Outline: On <day>, when the clocks <change>, a call at <local time> where Sam lives, in Chicago, is <outcome>
    Given the contact Sam lives in Chicago
    And it is <local time> on <day> where Sam lives
    When Riley dials Sam
    Then the call is <outcome>
    And the carrier <carrier>

    @within
    Examples: Inside the hours by the clock on the wall
      | day                      | change     | local time | outcome | carrier           |
      | Sunday, March 14, 2027   | go forward | 8:00 am    | placed  | receives one call |
      | Sunday, March 14, 2027   | go forward | 8:30 am    | placed  | receives one call |
      | Sunday, March 14, 2027   | go forward | 8:59 pm    | placed  | receives one call |
      | Sunday, November 7, 2027 | go back    | 8:00 am    | placed  | receives one call |
      | Sunday, November 7, 2027 | go back    | 8:30 pm    | placed  | receives one call |
      | Sunday, November 7, 2027 | go back    | 8:59 pm    | placed  | receives one call |

    @beyond
    Examples: Outside the hours by the clock on the wall
      | day                      | change     | local time | outcome                          | carrier          |
      | Sunday, March 14, 2027   | go forward | 7:59 am    | blocked as outside calling hours | receives no call |
      | Sunday, March 14, 2027   | go forward | 9:00 pm    | blocked as outside calling hours | receives no call |
      | Sunday, November 7, 2027 | go back    | 7:59 am    | blocked as outside calling hours | receives no call |
      | Sunday, November 7, 2027 | go back    | 9:00 pm    | blocked as outside calling hours | receives no call |

  # Hawaii keeps standard time all year. Arizona does too, but the Navajo Nation in its north-east
  # keeps daylight saving time and the Hopi Reservation inside it does not; their ZIP codes cross
  # those lines, so from March to November every Arizona address is called only in the hours valid
  # on both clocks: 8:00 am to 8:00 pm in Phoenix, 9:00 am to 9:00 pm on the Navajo Nation
  # (platform policy). From November to March the two clocks agree.
  @rule.A1.1 @rule.A1.3
  Scenario Outline: In <city>, at <local time> on <day> where Sam lives, a call is <outcome>
    Given the contact Sam lives in <city>
    And it is <local time> on <day> where Sam lives
    When Riley dials Sam
    Then the call is <outcome>
    And the carrier <carrier>

    @within
    Examples: Inside the hours on every clock the address may keep
      | city                              | day                       | local time | outcome | carrier           |
      | Phoenix                           | Tuesday, July 13, 2027    | 8:00 am    | placed  | receives one call |
      | Phoenix                           | Tuesday, July 13, 2027    | 7:59 pm    | placed  | receives one call |
      | Phoenix                           | Tuesday, January 12, 2027 | 8:59 pm    | placed  | receives one call |
      | Window Rock, on the Navajo Nation | Tuesday, July 13, 2027    | 9:00 am    | placed  | receives one call |
      | Window Rock, on the Navajo Nation | Tuesday, July 13, 2027    | 8:59 pm    | placed  | receives one call |
      | Honolulu                          | Tuesday, July 13, 2027    | 8:00 am    | placed  | receives one call |
      | Honolulu                          | Tuesday, July 13, 2027    | 8:59 pm    | placed  | receives one call |
      | Honolulu                          | Tuesday, January 12, 2027 | 8:59 pm    | placed  | receives one call |

    @beyond
    Examples: Outside the hours on one of the clocks the address may keep
      | city                              | day                       | local time | outcome                          | carrier          |
      | Phoenix                           | Tuesday, July 13, 2027    | 7:59 am    | blocked as outside calling hours | receives no call |
      | Phoenix                           | Tuesday, July 13, 2027    | 8:00 pm    | blocked as outside calling hours | receives no call |
      | Phoenix                           | Tuesday, January 12, 2027 | 9:00 pm    | blocked as outside calling hours | receives no call |
      | Window Rock, on the Navajo Nation | Tuesday, July 13, 2027    | 8:59 am    | blocked as outside calling hours | receives no call |
      | Window Rock, on the Navajo Nation | Tuesday, July 13, 2027    | 9:00 pm    | blocked as outside calling hours | receives no call |
      | Honolulu                          | Tuesday, July 13, 2027    | 7:59 am    | blocked as outside calling hours | receives no call |
      | Honolulu                          | Tuesday, July 13, 2027    | 9:00 pm    | blocked as outside calling hours | receives no call |
      | Honolulu                          | Tuesday, January 12, 2027 | 9:00 pm    | blocked as outside calling hours | receives no call |

  @rule.A1.3
  Scenario Outline: Sam has the <region> number "<number>" and lives in <city>: at <local time> there (<number time> where the number is from) a call is <outcome>
    Given the contact Sam has the <region> number "<number>" and lives in <city>
    And it is <local time> on a Tuesday where Sam lives
    When Riley dials Sam
    Then the call is <outcome>
    And the carrier <carrier>

    @within
    Examples: Inside the hours where Sam lives
      | region      | number          | city        | local time | number time | outcome | carrier           |
      | New York    | +1 212 555 0142 | Los Angeles | 8:59 pm    | 11:59 pm    | placed  | receives one call |
      | Los Angeles | +1 213 555 0142 | New York    | 8:00 am    | 5:00 am     | placed  | receives one call |

    @beyond
    Examples: Outside the hours where Sam lives
      | region      | number          | city        | local time | number time | outcome                          | carrier          |
      | New York    | +1 212 555 0142 | Los Angeles | 9:00 pm    | 12:00 am    | blocked as outside calling hours | receives no call |
      | Los Angeles | +1 213 555 0142 | New York    | 9:00 pm    | 6:00 pm     | blocked as outside calling hours | receives no call |

  # A Florida number follows its owner's address for the federal hours, and keeps Florida's 8:00 pm
  # end on Florida's clock too (A1.5, platform policy: the statute is written for sales calls).
  @rule.A1.5 @rule.A1.6
  Scenario Outline: Sam has the Miami number "+1 305 555 0142" and lives in <city>: at <local time> there (<miami time> in Miami) a call is <outcome>
    Given the contact Sam has the Florida number "+1 305 555 0142" and lives in <city>
    And it is <local time> on a Tuesday where Sam lives
    When Riley dials Sam
    Then the call is <outcome>
    And the carrier <carrier>

    @within
    Examples: Inside the federal hours where Sam lives and Florida's in Miami
      | city        | local time | miami time | outcome | carrier           |
      | New York    | 7:59 pm    | 7:59 pm    | placed  | receives one call |
      | Los Angeles | 8:00 am    | 11:00 am   | placed  | receives one call |
      | Los Angeles | 4:59 pm    | 7:59 pm    | placed  | receives one call |

    @beyond
    Examples: Outside the federal hours where Sam lives, or Florida's in Miami
      | city        | local time | miami time | outcome                          | carrier          |
      | New York    | 8:00 pm    | 8:00 pm    | blocked by the state's hours     | receives no call |
      | Los Angeles | 7:59 am    | 10:59 am   | blocked as outside calling hours | receives no call |
      | Los Angeles | 5:00 pm    | 8:00 pm    | blocked by the state's hours     | receives no call |

  # The reverse: an address in Florida brings Florida's rules whatever the number's area code (A1.3).
  @rule.A1.3 @rule.A1.6
  Scenario Outline: Sam has the <region> number "<number>" and lives in Miami: at <local time> there a call is <outcome>
    Given the contact Sam has the <region> number "<number>" and lives in Miami
    And it is <local time> on a Tuesday where Sam lives
    When Riley dials Sam
    Then the call is <outcome>
    And the carrier <carrier>

    @within
    Examples: Inside Florida's hours in Miami
      | region      | number          | local time | outcome | carrier           |
      | New York    | +1 212 555 0142 | 7:59 pm    | placed  | receives one call |
      | Los Angeles | +1 213 555 0142 | 8:00 am    | placed  | receives one call |

    @beyond
    Examples: Outside Florida's hours in Miami
      | region      | number          | local time | outcome                      | carrier          |
      | New York    | +1 212 555 0142 | 8:00 pm    | blocked by the state's hours | receives no call |
      | Los Angeles | +1 213 555 0142 | 8:00 pm    | blocked by the state's hours | receives no call |

  @rule.A1.4
  Scenario Outline: A number in the split-zone area code 208 (Idaho, Pacific and Mountain time), no address known, at <time> Pacific
    Given the contact Sam has the Idaho number "+1 208 555 0142" and no address
    And it is <time> on a Tuesday in Los Angeles
    When Riley dials Sam
    Then the call is <outcome>
    And the carrier <carrier>

    @within
    Examples: Inside the hours on both clocks
      | time    | outcome | carrier           |
      | 8:00 am | placed  | receives one call |
      | 7:59 pm | placed  | receives one call |

    @beyond
    Examples: Outside the hours on one of the clocks (7:59 am Pacific; 9:00 pm Mountain)
      | time    | outcome                          | carrier          |
      | 7:59 am | blocked as outside calling hours | receives no call |
      | 8:00 pm | blocked as outside calling hours | receives no call |
