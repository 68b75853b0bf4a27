@processor
Feature: Reconciliation finds what the webhooks missed, and never doubles anything
  Webhooks get lost. Finance staff reconcile a date range against the processor's own records,
  pulled as a CSV through its API (B7): what the processor took and the platform lacks is
  backfilled (B5), what differs is reported, and nothing already recorded is recorded again. When
  the processor is down, the run retries, then says it failed, having written nothing.

  Background:
    Given Dana owns "Harper for Senate"
    And "Harper for Senate" takes donations through the processor

  @rule.B5 @rule.B7 @within
  Scenario: Reconciliation backfills a contribution whose webhook was lost
    Given Alex gave $25.00 but the webhook was lost
    And Blair gave $40.00 on the campaign's donation page
    And the dashboard total shows $40.00
    When Dana reconciles today's donations
    Then the reconciliation succeeds, backfilling Alex's $25.00 contribution
    And Alex's contribution of $25.00 is recorded once
    And Blair's contribution of $40.00 is recorded once
    And the dashboard total shows $65.00

  @rule.B5 @rule.B7 @beyond
  Scenario: Reconciling the same day again finds no difference and doubles nothing
    Given Alex gave $25.00 but the webhook was lost
    And Blair gave $40.00 on the campaign's donation page
    And Dana has reconciled today's donations, backfilling Alex's $25.00 contribution
    When Dana reconciles today's donations
    Then the reconciliation succeeds and finds no difference
    And the dashboard total shows $65.00

  @rule.B5 @rule.B7 @within
  Scenario: Reconciliation applies a refund whose webhook was lost
    Given Alex gave $25.00 on the campaign's donation page
    And the processor refunded Alex's $25.00 contribution but the webhook was lost
    When Dana reconciles today's donations
    Then the reconciliation succeeds, backfilling the refund of Alex's $25.00 contribution
    And Alex's contribution of $25.00 is recorded once, as refunded
    And the dashboard total shows $0.00

  @rule.B7 @beyond
  Scenario: Reconciliation while the processor is down fails clearly and writes nothing
    Given Alex gave $25.00 but the webhook was lost
    And the processor's reporting API is down
    When Dana reconciles today's donations
    Then the reconciliation fails because the processor is unavailable, after 4 attempts
    And nothing is recorded for Alex

  @rule.B7 @within
  Scenario: Once the processor is back, reconciliation backfills what a failed run could not
    Given Alex gave $25.00 but the webhook was lost
    And the processor's reporting API is down
    And Dana's reconciliation of today's donations has failed because the processor is unavailable
    And the processor's reporting API is back
    When Dana reconciles today's donations
    Then the reconciliation succeeds, backfilling Alex's $25.00 contribution
    And Alex's contribution of $25.00 is recorded once

  @local-only @rule.B5 @within
  Scenario: Reconciliation runs by itself on a schedule
    Given "Harper for Senate" reconciles its donations every 24 hours
    And Alex gave $25.00 but the webhook was lost
    When 24 hours pass on the clock of "Harper for Senate"
    Then a scheduled reconciliation succeeds, backfilling Alex's $25.00 contribution
    And Alex's contribution of $25.00 is recorded once

  @rule.B5 @beyond
  Scenario: Reconciliation records nothing again that the webhooks already recorded
    Given Alex gave $25.00 on the campaign's donation page
    When Dana reconciles today's donations
    Then the reconciliation succeeds and finds no difference
    And Alex's contribution of $25.00 is recorded once
    And the dashboard total shows $25.00
