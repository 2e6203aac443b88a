@use
Feature: Pay a bill
  Scenario: Pay my bill
    Given I am a first-time customer
    When I open the page "/pay-bill"
    And I fill in "Bill reference" with "NW-2026-0042"
    And I fill in "Amount in pounds" with "42.50"
    And I click "Pay now"
    Then I should see "Payment received"
