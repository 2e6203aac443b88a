@access
Feature: Get back into my account
  As a customer who forgot the password
  I want to reset it myself
  So that I can log in again

  Scenario: Reset a forgotten password
    Given I am a first-time customer
    When I open the page "/accounts/password_reset/"
    And I fill in the form with my details
    And I click "Reset my password"
    Then I should see "Password reset sent"
