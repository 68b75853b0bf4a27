@processor
Feature: A notification the platform cannot read is refused with a reason, and nothing is stored
  The platform records money only from notifications it fully understands. Anything else is
  refused with a machine-readable code and a human message the processor's operators can act on,
  and leaves nothing behind. Fields the platform does not know are ignored, so that the processor
  can add fields without breaking the campaign (B6).

  Background:
    Given Dana owns "Harper for Senate"
    And "Harper for Senate" takes donations through the processor

  @rule.B6 @beyond
  Scenario Outline: A notification with <defect> is refused: the processor sees "<error>"
    When the processor sends Alex's $25.00 contribution with <defect>
    Then the processor is refused with "<error>"
    And nothing is recorded for Alex
    And the dashboard total shows $0.00

    Examples:
      | defect                                | error               |
      | no line items                         | no_line_items       |
      | an amount of "abc"                    | invalid_amount      |
      | an amount of "1.234"                  | invalid_amount      |
      | an amount given as a number           | invalid_amount      |
      | an amount of "-5.00"                  | amount_not_positive |
      | an amount of "0.00"                   | amount_not_positive |
      | an amount of "99999999999.00"         | amount_too_large    |
      | no donor first name                   | invalid_input       |
      | no line item ID                       | invalid_input       |
      | a form post instead of a notification | invalid_json        |
      | a body of 1 MB                        | payload_too_large   |

  @rule.B6 @within
  Scenario: A notification with fields the platform does not know is recorded, the fields ignored
    When the processor sends Alex's $25.00 contribution with fields the platform does not know
    Then the processor is told the contribution was recorded
    And Alex's contribution of $25.00 is recorded once
