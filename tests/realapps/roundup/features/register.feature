@access
Feature: Open an account on the tracker
  As someone who wants to follow and report bugs
  I want to register on the tracker
  So that I can report issues and be told about changes

  Scenario: Register an account
    Given I am a first-time customer
    When I open the home page
    And I click "Register"
    And I fill in the form with my details
    And I click "Register"
    Then I should see "Registration in progress"
