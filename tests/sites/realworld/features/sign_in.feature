@access
Feature: Sign in
  Scenario: Sign in to my account
    Given I am a first-time customer
    When I open the page "/sign-in"
    And I fill in "E-mail" with my e-mail
    And I fill in "Password" with my password
    And I click "Sign in"
    Then I should see "Welcome back"
