@access
Feature: Open an account
  As a new customer
  I want to create an account without fuss
  So that my details are saved for next time

  Scenario: Create an account
    Given I am a first-time customer
    When I open the home page
    And I click "Sign up"
    And I fill in the form with my details
    And I click "Create account"
    Then I should see "Welcome"
    And I should not have to repeat myself
