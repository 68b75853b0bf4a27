@processor @rule.B6
Feature: A notification the platform cannot read is refused with a reason, and nothing is stored
  The platform records money only from notifications it fully understands. Anything else is
  refused with a machine-readable code and a human message the processor's operators can act on,
  and leaves nothing behind. Fields the platform does not know are ignored, so that the processor
  can add fields without breaking the campaign (B6).

  A notification of money the processor already took is a receipt (B8): refusing it would make
  the money vanish from the committee's books. So only an amount that cannot be money is refused
  (not a number, zero or less, more than two decimals, a trillion dollars or more). An amount that
  is merely unusual is recorded and flagged for a person to review: more than $1,000,000.00 in one
  gift is the platform's own review limit (platform policy; the law sets no such figure, the
  contribution limits are checked separately).

  Background:
    Given Dana owns "Harper for Senate"
    And "Harper for Senate" takes donations through the processor

  @beyond
  Scenario Outline: A notification with <defect> is refused: the processor sees "<error>"
    When the processor sends Alex's $25.00 contribution with <defect>
    Then the processor is refused with "<error>"
    And nothing is recorded for Alex
    And the dashboard total shows $0.00

    Examples:
      | defect                                           | error               |
      | no line items                                    | no_line_items       |
      | an amount of "abc"                               | invalid_amount      |
      | an amount of "1.234"                             | invalid_amount      |
      | an amount given as a number                      | invalid_amount      |
      | an amount of "-5.00"                             | amount_not_positive |
      | an amount of "0.00"                              | amount_not_positive |
      | an amount of "1000000000000.00"                  | amount_out_of_range |
      | no donor first name                              | invalid_input       |
      | no line item ID                                  | invalid_input       |
      | a form post instead of a notification            | invalid_json        |
      | a body of 1 MB                                   | payload_too_large   |
      | a cancellation without the time it was cancelled | invalid_input       |

  @within
  Scenario: A notification with fields the platform does not know is recorded, the fields ignored
    When the processor sends Alex's $25.00 contribution with fields the platform does not know
    Then the processor is told the contribution was recorded
    And Alex's contribution of $25.00 is recorded once

  @rule.B8
  Scenario Outline: A gift of <amount> the processor already took is recorded: <review>
    When Alex gives <amount> on the campaign's donation page
    Then the processor is told the contribution was recorded
    And Alex's contribution of <amount> is recorded once
    And it is <review>

    @within
    Examples: Up to the platform's review limit of $1,000,000.00
      | amount        | review                 |
      | $25.00        | not flagged for review |
      | $1,000,000.00 | not flagged for review |

    @beyond
    Examples: Over it: recorded all the same, and flagged for review
      | amount             | review                                                          |
      | $1,000,000.01      | flagged for review as over the platform's limit, within 10 days |
      | $99,999,999,999.00 | flagged for review as over the platform's limit, within 10 days |
