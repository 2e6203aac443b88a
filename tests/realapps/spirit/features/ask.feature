@support
Feature: Ask the community a question
  As a customer whose boots let water in
  I want to ask the forum
  So that people who own the same boots can help

  Scenario: Ask the forum a question as a newcomer
    Given I am a first-time customer
    When I open the home page
    And I click "Create Topic"
    And I click "Create an account"
    And I fill in the form with my details
    And I click "Register"
    Then I should see "activate your account"
