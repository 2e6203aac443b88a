@use
Feature: Energy advice
  Scenario: Get energy advice
    Given I am a first-time customer
    When I open the page "/energy-advice"
    And I click "Start now"
    And I choose "No, I rent" for "Do you own your home?"
    And I click "Continue"
    Then I should see "Insulate the loft first"
