@buy
Feature: Switch supplier from an ad
  Scenario: Switch from the credit ad
    Given I am a first-time customer
    And I arrive from the ad "Switch to Volta" promising "£100 switching credit"
    When I close "Accept all cookies"
    And I click "Get a quote"
    And I fill in the form with my details
    And I choose "Mr" for "Title"
    And I choose "Monthly Direct Debit" from "How would you like to pay?"
    And I tick "I agree to the terms and conditions"
    And I click "Get my quote"
    Then I should see "Your quote"
