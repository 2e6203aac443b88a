@buy
Feature: Pay for my order
  Scenario: Pay for my smart plugs
    Given I am a first-time customer
    When I open the page "/checkout"
    And I fill in the form with my details
    And I click "Continue to payment"
    And I fill in the form with my details
    And I click "Pay now"
    Then I should see "Payment received"
