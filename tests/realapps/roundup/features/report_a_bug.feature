@support
Feature: Report a bug
  As a user who met a bug
  I want to report it on the tracker
  So that the developers fix it

  Scenario: Report a bug without an account
    Given I am a first-time customer
    When I open the home page
    And I look for a way to "report a bug"
    Then I should get there within 3 steps
