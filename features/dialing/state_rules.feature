@carrier @rule.A2
Feature: States with stricter calling rules
  Several states forbid calls that federal rules allow: shorter hours, no calls on Sundays or
  holidays, at most three calls in 24 hours (A2). Most of these statutes cover sales calls; the
  platform applies them to political calls as policy, and where federal and state rules differ
  the stricter wins (A1.6). A window ends at its closing minute: Florida's statute forbids calls
  after 8:00 pm, the platform blocks at 8:00 pm exactly (platform policy, as for the federal
  9:00 pm). A holiday that falls on a weekend is kept on the Friday before or the Monday after
  where the state's holiday law moves it (Alabama, Utah, Rhode Island), on its date only where it
  does not (Louisiana, Pennsylvania); where it moves, the date itself stays a no-call day too
  (platform policy). Mississippi keeps Sundays but no longer holidays. Maine and Oklahoma narrow
  the hours of prerecorded calls. A call cap counts every
  call the organization made to the number: by any caller, under any caller ID, from any of its
  campaigns; a rival organization's calls are its own. A call made exactly 24 hours ago still
  counts (platform policy: the strict reading). The state table and the holiday calendar are data.

  Background:
    Given Dana owns "Harper for Senate", which is ready to dial
    And Riley has the caller role on "Harper for Senate"

  @rule.A1.6
  Scenario Outline: <state>: a call at <local time> on <day> is <outcome>
    Given the contact Sam lives in <city>
    And it is <local time> on <day> where Sam lives
    When Riley dials Sam
    Then the call is <outcome>
    And the carrier <carrier>

    @within
    Examples: Florida, Oklahoma, Maryland and Washington end at 8 pm
      | state      | city          | day       | local time | outcome | carrier           |
      | Florida    | Miami         | a Tuesday | 7:59 pm    | placed  | receives one call |
      | Oklahoma   | Oklahoma City | a Tuesday | 7:59 pm    | placed  | receives one call |
      | Maryland   | Baltimore     | a Sunday  | 7:59 pm    | placed  | receives one call |
      | Washington | Seattle       | a Tuesday | 7:59 pm    | placed  | receives one call |

    @beyond
    Examples: Florida, Oklahoma, Maryland and Washington end at 8 pm; at 8:00 pm exactly by platform policy (the statutes forbid calls after 8 pm)
      | state      | city          | day       | local time | outcome                      | carrier          |
      | Florida    | Miami         | a Tuesday | 8:00 pm    | blocked by the state's hours | receives no call |
      | Oklahoma   | Oklahoma City | a Tuesday | 8:00 pm    | blocked by the state's hours | receives no call |
      | Maryland   | Baltimore     | a Sunday  | 8:00 pm    | blocked by the state's hours | receives no call |
      | Washington | Seattle       | a Tuesday | 8:00 pm    | blocked by the state's hours | receives no call |

    @within
    Examples: Louisiana, Alabama and Mississippi allow calls on Saturdays until 8 pm and on days after a holiday; Mississippi no longer keeps holidays
      | state       | city                 | day                | local time | outcome | carrier           |
      | Louisiana   | New Orleans          | a Saturday         | 10:00 am   | placed  | receives one call |
      | Louisiana   | New Orleans          | a Saturday         | 7:59 pm    | placed  | receives one call |
      | Alabama     | Birmingham           | December 26, 2026  | 10:00 am   | placed  | receives one call |
      | Alabama     | Birmingham           | a Saturday         | 7:59 pm    | placed  | receives one call |
      | Mississippi | Jackson, Mississippi | a Saturday         | 7:59 pm    | placed  | receives one call |
      | Mississippi | Jackson, Mississippi | Christmas Day 2026 | 10:00 am   | placed  | receives one call |

    @beyond
    Examples: Louisiana, Alabama and Mississippi allow no calls on Sundays, nor after 8 pm; Louisiana and Alabama none on holidays, Alabama keeps a Sunday holiday on the Monday
      | state       | city                 | day                | local time | outcome                      | carrier          |
      | Louisiana   | New Orleans          | a Sunday           | 10:00 am   | blocked as a no-call day     | receives no call |
      | Louisiana   | New Orleans          | a Saturday         | 8:00 pm    | blocked by the state's hours | receives no call |
      | Alabama     | Birmingham           | Christmas Day 2026 | 10:00 am   | blocked as a no-call holiday | receives no call |
      | Alabama     | Birmingham           | December 26, 2022  | 10:00 am   | blocked as a no-call holiday | receives no call |
      | Alabama     | Birmingham           | a Sunday           | 10:00 am   | blocked as a no-call day     | receives no call |
      | Mississippi | Jackson, Mississippi | a Sunday           | 10:00 am   | blocked as a no-call day     | receives no call |
      | Mississippi | Jackson, Mississippi | a Tuesday          | 8:00 pm    | blocked by the state's hours | receives no call |

    @beyond
    Examples: Texas calls start at 9 am, and at noon on Sundays
      | state | city   | day       | local time | outcome                      | carrier          |
      | Texas | Austin | a Sunday  | 11:59 am   | blocked by the state's hours | receives no call |
      | Texas | Austin | a Tuesday | 8:59 am    | blocked by the state's hours | receives no call |

    @within
    Examples: Texas calls at 9 am, at noon on Sundays, until 9 pm
      | state | city   | day       | local time | outcome | carrier           |
      | Texas | Austin | a Sunday  | 12:00 pm   | placed  | receives one call |
      | Texas | Austin | a Tuesday | 9:00 am    | placed  | receives one call |
      | Texas | Austin | a Tuesday | 8:59 pm    | placed  | receives one call |

    @within
    Examples: Rhode Island calls 9 am to 6 pm on weekdays, 10 am to 5 pm on Saturdays
      | state        | city       | day        | local time | outcome | carrier           |
      | Rhode Island | Providence | a Tuesday  | 9:00 am    | placed  | receives one call |
      | Rhode Island | Providence | a Tuesday  | 5:59 pm    | placed  | receives one call |
      | Rhode Island | Providence | a Saturday | 10:00 am   | placed  | receives one call |
      | Rhode Island | Providence | a Saturday | 4:59 pm    | placed  | receives one call |

    @beyond
    Examples: Rhode Island allows no calls outside those hours, nor on Sundays
      | state        | city       | day        | local time | outcome                      | carrier          |
      | Rhode Island | Providence | a Tuesday  | 8:59 am    | blocked by the state's hours | receives no call |
      | Rhode Island | Providence | a Tuesday  | 6:00 pm    | blocked by the state's hours | receives no call |
      | Rhode Island | Providence | a Saturday | 9:59 am    | blocked by the state's hours | receives no call |
      | Rhode Island | Providence | a Saturday | 5:00 pm    | blocked by the state's hours | receives no call |
      | Rhode Island | Providence | a Sunday   | 12:00 pm   | blocked as a no-call day     | receives no call |

    @within
    Examples: Utah and Pennsylvania keep the federal hours
      | state        | city           | day        | local time | outcome | carrier           |
      | Utah         | Salt Lake City | a Saturday | 8:59 pm    | placed  | receives one call |
      | Pennsylvania | Philadelphia   | a Sunday   | 8:59 pm    | placed  | receives one call |

    @beyond
    Examples: Utah allows no calls on Sundays, Pennsylvania none on holidays
      | state        | city           | day                | local time | outcome                      | carrier          |
      | Utah         | Salt Lake City | a Sunday           | 12:00 pm   | blocked as a no-call day     | receives no call |
      | Pennsylvania | Philadelphia   | Christmas Day 2026 | 10:00 am   | blocked as a no-call holiday | receives no call |

  # Christmas 2027 and New Year's Day 2028 fall on Saturdays, Independence Day 2027 on a Sunday.
  # Moved by Ala. Code §1-3-8(a), Utah Code §63G-1-301(2)(a),(b) and, for Rhode Island's "state or
  # federal holiday" (R.I. Gen. Laws §5-61-2), 5 U.S.C. §6103(b); not moved by La. R.S. 1:55(A) nor
  # Pennsylvania's Telemarketer Registration Act.
  Scenario Outline: A holiday on a weekend: <state>, 10:00 am on <day>, is <outcome>
    Given the contact Sam lives in <city>
    And it is 10:00 am on <day> where Sam lives
    When Riley dials Sam
    Then the call is <outcome>
    And the carrier <carrier>

    @beyond
    Examples: Kept on the Friday before a Saturday holiday, and on the Monday after a Sunday one
      | state        | city           | day               | outcome                      | carrier          |
      | Alabama      | Birmingham     | December 24, 2027 | blocked as a no-call holiday | receives no call |
      | Utah         | Salt Lake City | December 24, 2027 | blocked as a no-call holiday | receives no call |
      | Rhode Island | Providence     | December 24, 2027 | blocked as a no-call holiday | receives no call |
      | Utah         | Salt Lake City | December 31, 2027 | blocked as a no-call holiday | receives no call |
      | Alabama      | Birmingham     | July 5, 2027      | blocked as a no-call holiday | receives no call |
      | Utah         | Salt Lake City | July 5, 2027      | blocked as a no-call holiday | receives no call |
      | Rhode Island | Providence     | July 5, 2027      | blocked as a no-call holiday | receives no call |

    @beyond
    Examples: The date itself, where it is not moved, and where it is (platform policy)
      | state        | city         | day               | outcome                      | carrier          |
      | Louisiana    | New Orleans  | December 25, 2027 | blocked as a no-call holiday | receives no call |
      | Louisiana    | New Orleans  | January 1, 2028   | blocked as a no-call holiday | receives no call |
      | Pennsylvania | Philadelphia | December 25, 2027 | blocked as a no-call holiday | receives no call |
      | Alabama      | Birmingham   | December 25, 2027 | blocked as a no-call holiday | receives no call |
      | Rhode Island | Providence   | December 25, 2027 | blocked as a no-call holiday | receives no call |

    @within
    Examples: The Friday before and the Monday after, where the holiday is not moved
      | state        | city         | day               | outcome | carrier           |
      | Louisiana    | New Orleans  | December 24, 2027 | placed  | receives one call |
      | Louisiana    | New Orleans  | December 31, 2027 | placed  | receives one call |
      | Pennsylvania | Philadelphia | December 24, 2027 | placed  | receives one call |
      | Pennsylvania | Philadelphia | July 5, 2027      | placed  | receives one call |

    @within
    Examples: The day before the Friday and the day after the Monday, where it is moved
      | state        | city           | day               | outcome | carrier           |
      | Alabama      | Birmingham     | December 23, 2027 | placed  | receives one call |
      | Utah         | Salt Lake City | December 30, 2027 | placed  | receives one call |
      | Rhode Island | Providence     | July 6, 2027      | placed  | receives one call |
      | Utah         | Salt Lake City | July 6, 2027      | placed  | receives one call |

  Scenario Outline: Florida allows <allowed>: the <nth> call to Sam within 24 hours is <outcome>
    Given the contact Sam lives in Miami
    And it is 10:00 am on a Tuesday where Sam lives
    And Riley has called Sam <earlier> times in the last 24 hours
    When Riley dials Sam
    Then the call is <outcome>
    And the carrier <carrier>

    @within
    Examples: The third call
      | allowed             | nth | earlier | outcome                               | carrier           |
      | 3 calls in 24 hours | 3rd | 2       | placed                                | receives one call |

    @beyond
    Examples: The fourth call
      | allowed             | nth | earlier | outcome                               | carrier           |
      | 3 calls in 24 hours | 4th | 3       | blocked as too many calls in 24 hours | receives no call  |

  # Maine's cap counts, and applies to, autodialed calls only (predictive and prerecorded).
  Scenario Outline: Maine allows one autodialed call in 8 hours: after one predictive call, a <mode> call is <outcome>
    Given the contact Sam in Portland, Maine has a landline phone without consent
    And it is 10:00 am on a Tuesday where Sam lives
    And Sam has received one predictive call from "Harper for Senate" in the last 8 hours
    When a <mode> call to Sam is placed for "Harper for Senate"
    Then the call is <outcome>
    And the carrier <carrier>

    @within
    Examples: A call dialed by hand is not counted
      | mode   | outcome | carrier           |
      | manual | placed  | receives one call |

    @beyond
    Examples: A second autodialed call is blocked
      | mode       | outcome                                         | carrier          |
      | predictive | blocked as too many autodialed calls in 8 hours | receives no call |

  @beyond
  Scenario Outline: A caller blocked by <state>'s cap is told the state's limit
    Given the contact Sam in <city> has a landline phone without consent
    And it is 10:00 am on a Tuesday where Sam lives
    And Sam has received <earlier> from "Harper for Senate" in the last 8 hours
    When a predictive call to Sam is placed for "Harper for Senate"
    Then the caller is told "<message>"

    Examples:
      | state   | city            | earlier                 | message                                                                    |
      | Maine   | Portland, Maine | one predictive call     | Maine allows at most 1 autodialed call to a number in 8 hours; 1 already made. |
      | Florida | Miami           | three predictive calls  | Florida allows at most 3 calls to a number in 24 hours; 3 already made.     |

  # Ala. Code §1-3-8(a): a holiday on a Saturday is observed the Friday before, even when that
  # Friday is in the year before (New Year's Day 2028 is a Saturday).
  Scenario Outline: Alabama: a call at 10:00 am on <day> is <outcome>
    Given the contact Sam lives in Birmingham
    And it is 10:00 am on <day> where Sam lives
    When Riley dials Sam
    Then the call is <outcome>
    And the carrier <carrier>

    @beyond
    Examples: New Year's Day 2028 is observed on Friday, December 31, 2027
      | day               | outcome                      | carrier          |
      | December 31, 2027 | blocked as a no-call holiday | receives no call |

    @within
    Examples: The Thursday before is an ordinary day
      | day               | outcome | carrier           |
      | December 30, 2027 | placed  | receives one call |

  Scenario Outline: <state> allows 3 calls in 24 hours: three calls <ago> ago, the next on <day> is <outcome>
    Given the contact Sam lives in <city>
    And it is 10:00 am on <day> where Sam lives
    And Riley called Sam three times <ago> ago
    When Riley dials Sam
    Then the call is <outcome>
    And the carrier <carrier>

    @beyond
    Examples: Made exactly 24 hours ago, they still count; across the new year too
      | state    | city          | day             | ago      | outcome                               | carrier          |
      | Florida  | Miami         | a Tuesday       | 24 hours | blocked as too many calls in 24 hours | receives no call |
      | Oklahoma | Oklahoma City | a Tuesday       | 24 hours | blocked as too many calls in 24 hours | receives no call |
      | Maryland | Baltimore     | a Tuesday       | 24 hours | blocked as too many calls in 24 hours | receives no call |
      | Florida  | Miami         | January 1, 2027 | 15 hours | blocked as too many calls in 24 hours | receives no call |

    @within
    Examples: Made 24 hours and a minute ago, they no longer count; a state without a cap
      | state    | city          | day             | ago                     | outcome | carrier           |
      | Florida  | Miami         | a Tuesday       | 24 hours and 1 minute   | placed  | receives one call |
      | Oklahoma | Oklahoma City | a Tuesday       | 24 hours and 1 minute   | placed  | receives one call |
      | Maryland | Baltimore     | a Tuesday       | 24 hours and 1 minute   | placed  | receives one call |
      | Florida  | Miami         | January 1, 2027 | 24 hours and 1 minute   | placed  | receives one call |
      | Ohio     | Columbus      | a Tuesday       | 1 hour                  | placed  | receives one call |

  @beyond
  Scenario: Calls by another caller of the campaign count toward Florida's cap
    Given Morgan has the caller role on "Harper for Senate"
    And the contact Sam lives in Miami
    And it is 10:00 am on a Tuesday where Sam lives
    And Riley called Sam twice 1 hour ago
    And Morgan called Sam once 2 hours ago
    When Riley dials Sam
    Then the call is blocked as too many calls in 24 hours
    And the carrier receives no call

  @beyond
  Scenario: Calls under another caller ID of the campaign count toward Florida's cap
    Given the contact Sam lives in Miami
    And it is 10:00 am on a Tuesday where Sam lives
    And Riley called Sam twice 1 hour ago
    And Riley called Sam once from another caller ID of the campaign 2 hours ago
    When Riley dials Sam
    Then the call is blocked as too many calls in 24 hours
    And the carrier receives no call

  Scenario Outline: Another campaign of the organization called Sam <calls>: Florida's next call is <outcome>
    Given the organization behind "Harper for Senate" also runs "Harper for Governor", which is ready to dial
    And the contact Sam lives in Miami
    And it is 10:00 am on a Tuesday where Sam lives
    And "Harper for Governor" called Sam <calls> <ago> ago
    When Riley dials Sam
    Then the call is <outcome>
    And the carrier <carrier>

    @beyond
    Examples: Its three calls count as the organization's
      | calls       | ago      | outcome                               | carrier          |
      | three times | 1 hour   | blocked as too many calls in 24 hours | receives no call |
      | three times | 24 hours | blocked as too many calls in 24 hours | receives no call |

    @within
    Examples: Two calls leave room for a third; three made 24 hours and a minute ago no longer count
      | calls       | ago                   | outcome | carrier           |
      | twice       | 1 hour                | placed  | receives one call |
      | three times | 24 hours and 1 minute | placed  | receives one call |

  @within
  Scenario: A rival organization's calls do not count toward Florida's cap
    Given Lee, of another organization, owns "Rival for Senate", which is ready to dial
    And the contact Sam lives in Miami
    And it is 10:00 am on a Tuesday where Sam lives
    And "Rival for Senate" called Sam three times 1 hour ago
    When Riley dials Sam
    Then the call is placed
    And the carrier receives one call

  # The earlier call is made at 10:00 am, or 9:59 am: inside the hours.
  Scenario Outline: Maine: one predictive call <ago> ago, the next predictive call is <outcome>
    Given the contact Sam in Portland, Maine has a landline phone without consent
    And it is 6:00 pm on a Tuesday where Sam lives
    And Sam received one predictive call from "Harper for Senate" <ago> ago
    When a predictive call to Sam is placed for "Harper for Senate"
    Then the call is <outcome>
    And the carrier <carrier>

    @beyond
    Examples: Made exactly 8 hours ago, it still counts
      | ago     | outcome                                         | carrier          |
      | 8 hours | blocked as too many autodialed calls in 8 hours | receives no call |

    @within
    Examples: Made 8 hours and a minute ago, it no longer counts
      | ago                  | outcome | carrier           |
      | 8 hours and 1 minute | placed  | receives one call |

  @rule.A4.4
  Scenario Outline: Three prerecorded calls to a landline without consent <ago> ago: the next is <outcome>
    Given the contact Sam in Columbus has a landline phone without consent
    And it is 10:00 am on a Tuesday where Sam lives
    And Sam received three prerecorded calls from "Harper for Senate" <ago> ago
    When a prerecorded call to Sam is placed for "Harper for Senate"
    Then the call is <outcome>
    And the carrier <carrier>

    @beyond
    Examples: Made exactly 30 days ago, they still count
      | ago     | outcome                                    | carrier          |
      | 30 days | blocked as over the prerecorded-call limit | receives no call |

    @within
    Examples: Made 30 days and a minute ago, they no longer count
      | ago                  | outcome | carrier           |
      | 30 days and 1 minute | placed  | receives one call |

  # Maine: 10 M.R.S. §1498(3), weekdays 9 am to 5 pm; Oklahoma: 15 O.S. §755.1(C)(2)(a), 9 am to
  # 9 pm, and its 8 pm end for every call. A call dialed by hand keeps the state's usual hours.
  Scenario Outline: <state>: a <mode> call at <local time> on <day> is <outcome>
    Given the contact Sam in <city> has a landline phone without consent
    And it is <local time> on <day> where Sam lives
    When a <mode> call to Sam is placed for "Harper for Senate"
    Then the call is <outcome>
    And the carrier <carrier>

    @within
    Examples: Prerecorded calls inside the state's hours for them; other calls outside them
      | state    | city            | mode        | day        | local time | outcome | carrier           |
      | Maine    | Portland, Maine | prerecorded | a Tuesday  | 9:00 am    | placed  | receives one call |
      | Maine    | Portland, Maine | prerecorded | a Tuesday  | 4:59 pm    | placed  | receives one call |
      | Maine    | Portland, Maine | manual      | a Saturday | 10:00 am   | placed  | receives one call |
      | Oklahoma | Oklahoma City   | prerecorded | a Tuesday  | 9:00 am    | placed  | receives one call |
      | Oklahoma | Oklahoma City   | prerecorded | a Sunday   | 7:59 pm    | placed  | receives one call |
      | Oklahoma | Oklahoma City   | manual      | a Tuesday  | 8:00 am    | placed  | receives one call |

    @beyond
    Examples: Prerecorded calls outside them
      | state    | city            | mode        | day        | local time | outcome                      | carrier          |
      | Maine    | Portland, Maine | prerecorded | a Tuesday  | 8:59 am    | blocked by the state's hours | receives no call |
      | Maine    | Portland, Maine | prerecorded | a Tuesday  | 5:00 pm    | blocked by the state's hours | receives no call |
      | Maine    | Portland, Maine | prerecorded | a Saturday | 10:00 am   | blocked by the state's hours | receives no call |
      | Oklahoma | Oklahoma City   | prerecorded | a Tuesday  | 8:59 am    | blocked by the state's hours | receives no call |
      | Oklahoma | Oklahoma City   | prerecorded | a Sunday   | 8:00 pm    | blocked by the state's hours | receives no call |

  # Each state's legal holidays, as its statute lists them: Ala. Code §1-3-8; La. R.S. 1:55(A);
  # 44 P.S. §11 for Pennsylvania; the federal holidays and Victory Day for Rhode Island; Utah Code
  # §63G-1-301.
  Scenario Outline: <state>'s holidays: 10:00 am on <day> (<holiday>) is <outcome>
    Given the contact Sam lives in <city>
    And it is 10:00 am on <day> where Sam lives
    When Riley dials Sam
    Then the call is <outcome>
    And the carrier <carrier>

    @beyond
    Examples: A holiday on a fixed date or on a weekday of the month
      | state        | city           | day               | holiday                            | outcome                      | carrier          |
      | Alabama      | Birmingham     | November 26, 2026 | Thanksgiving                       | blocked as a no-call holiday | receives no call |
      | Louisiana    | New Orleans    | November 26, 2026 | Thanksgiving                       | blocked as a no-call holiday | receives no call |
      | Pennsylvania | Philadelphia   | November 26, 2026 | Thanksgiving                       | blocked as a no-call holiday | receives no call |
      | Rhode Island | Providence     | November 26, 2026 | Thanksgiving                       | blocked as a no-call holiday | receives no call |
      | Utah         | Salt Lake City | November 26, 2026 | Thanksgiving                       | blocked as a no-call holiday | receives no call |
      | Utah         | Salt Lake City | May 31, 2027      | Memorial Day, the last Monday      | blocked as a no-call holiday | receives no call |
      | Utah         | Salt Lake City | July 23, 2027     | Pioneer Day, kept on the Friday    | blocked as a no-call holiday | receives no call |
      | Alabama      | Birmingham     | April 26, 2027    | Confederate Memorial Day           | blocked as a no-call holiday | receives no call |
      | Rhode Island | Providence     | August 9, 2027    | Victory Day                        | blocked as a no-call holiday | receives no call |
      | Rhode Island | Providence     | September 6, 2027 | Labor Day                          | blocked as a no-call holiday | receives no call |
      | Pennsylvania | Philadelphia   | June 14, 2027     | Flag Day                           | blocked as a no-call holiday | receives no call |
      | Louisiana    | New Orleans    | November 1, 2027  | All Saints' Day                    | blocked as a no-call holiday | receives no call |
      | Louisiana    | New Orleans    | August 30, 2027   | Huey P. Long Day                   | blocked as a no-call holiday | receives no call |

    @within
    Examples: The day after, the week before, another state's holiday
      | state        | city           | day               | holiday                            | outcome | carrier           |
      | Alabama      | Birmingham     | November 27, 2026 | the day after Thanksgiving         | placed  | receives one call |
      | Louisiana    | New Orleans    | November 27, 2026 | the day after Thanksgiving         | placed  | receives one call |
      | Pennsylvania | Philadelphia   | November 27, 2026 | the day after Thanksgiving         | placed  | receives one call |
      | Rhode Island | Providence     | November 27, 2026 | the day after Thanksgiving         | placed  | receives one call |
      | Utah         | Salt Lake City | November 27, 2026 | the day after Thanksgiving         | placed  | receives one call |
      | Utah         | Salt Lake City | May 24, 2027      | the Monday before Memorial Day     | placed  | receives one call |
      | Utah         | Salt Lake City | July 22, 2027     | the Thursday before Pioneer Day    | placed  | receives one call |
      | Alabama      | Birmingham     | April 19, 2027    | the third Monday of April          | placed  | receives one call |
      | Rhode Island | Providence     | September 7, 2027 | the day after Labor Day            | placed  | receives one call |
      | Louisiana    | New Orleans    | June 14, 2027     | Flag Day, Pennsylvania's           | placed  | receives one call |
      | Utah         | Salt Lake City | November 1, 2027  | All Saints' Day, Louisiana's       | placed  | receives one call |
