@van @carrier
Feature: A sync never undoes an opt-out and never gives consent
  VAN is the campaign's voter file, not its compliance record. A person who told the campaign
  to stop stays stopped when VAN sends them again: a sync never lifts an opt-out, a do-not-call
  entry or a withdrawn consent (V2: the law's A3.4 and A5.1 hold whatever VAN says). A phone number from VAN is not consent to autodialed or prerecorded calls, even one VAN
  marks as opted in: consent is what the campaign can show (A4.1, A4.6); a sync keeps the
  consent the campaign recorded for a number, and a number that changed in VAN starts without
  any (V3, platform policy).

  Background:
    Given Dana owns "Harper for Senate", which is ready to dial
    And the contact Sam in Columbus has a wireless phone who gave consent
    And it is 10:00 am on a Tuesday in Columbus

  @critical @rule.V2 @beyond
  Scenario: Sam opted out on the platform and reappears in VAN: still opted out
    Given Sam has replied "STOP" to a text from "Harper for Senate"
    And the VAN saved list "Ward 5" of "Harper for Senate" holds Sam, with the same phone
    When "Harper for Senate" syncs "Ward 5"
    Then Sam is one contact of "Harper for Senate", with his VAN ID
    And Sam is still opted out, his consent withdrawn
    And the call is still blocked when Dana dials Sam

  @critical @rule.V2 @beyond
  Scenario: A do-not-call request survives the sync
    Given Dana has put Sam's number on the campaign's do-not-call list
    And the VAN saved list "Ward 5" of "Harper for Senate" holds Sam, with the same phone
    When "Harper for Senate" syncs "Ward 5"
    Then Sam is still opted out, his consent withdrawn
    And the call is still blocked when Dana dials Sam

  @rule.V2 @rule.V3 @within
  Scenario: A voter who never said no stays free to call after the sync, with the consent he gave
    Given the VAN saved list "Ward 5" of "Harper for Senate" holds Sam, with the same phone
    When "Harper for Senate" syncs "Ward 5"
    Then Sam is not opted out
    And Sam still has his consent on record

  @critical @rule.V3 @beyond
  Scenario: A phone VAN marks as opted in is not consent
    Given the VAN saved list "Ward 5" of "Harper for Senate" holds Vic, whose cell phone VAN marks as opted in
    When "Harper for Senate" syncs "Ward 5"
    Then Vic is a contact of "Harper for Senate" without consent on record

  @critical @rule.V3 @beyond
  Scenario: A voter whose phone VAN marks as opted in cannot be called by the dialer after the sync
    Given the VAN saved list "Ward 5" of "Harper for Senate" holds Vic, whose cell phone VAN marks as opted in
    And "Harper for Senate" has synced "Ward 5"
    When a predictive call to Vic is placed for "Harper for Senate"
    Then the call is blocked as without consent

  @rule.V3 @beyond
  Scenario: A phone that changed in VAN starts without consent
    Given the VAN saved list "Ward 5" of "Harper for Senate" holds Sam, with the same phone
    And "Harper for Senate" has synced "Ward 5"
    And in VAN, Sam changed his phone
    When "Harper for Senate" syncs "Ward 5"
    Then Sam is a contact of "Harper for Senate" without consent on record
