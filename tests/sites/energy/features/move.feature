@use
Feature: Moving home
  Scenario: Tell you I am moving home
    Given I am a first-time customer
    When I open the home page
    And I click "Moving home"
    And I fill in the form with my details
    And I click "Continue"
    And I fill in the form with my details
    And I click "Save my new address"
    Then I should see "We have your new address"
