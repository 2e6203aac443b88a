@access
Feature: Get back into my forum account
  As a member who forgot a password
  I want to reset it
  So that I can reply to my topic

  Scenario: Ask for a new password
    Given I am a first-time customer
    When I open the page "/user/login/"
    And I click "I don't know my password"
    And I fill in "Email" with my e-mail
    And I click "Reset my password"
    Then I should see "Password reset successful"
