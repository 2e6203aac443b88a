@support
Feature: Contact a person
  As a customer with a problem the website cannot solve
  I want to find how to reach a person
  So that someone sorts it out for me

  Scenario: Find how to contact a human
    Given I am a first-time customer
    When I open the home page
    And I look for a way to "talk to a human"
    Then I should get there within 4 steps
    And I should not have hit a dead end
