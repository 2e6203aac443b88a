@access
Feature: Warm Home Discount
  Scenario: Apply for the Warm Home Discount
    Given I am a first-time customer
    When I open the page "/warm-home"
    And I fill in "Account number" with "NW-123456"
    And I click "Continue"
    Then I should see "Application received"
