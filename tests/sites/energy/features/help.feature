@support
Feature: Reach a person
  Scenario: Find how to talk to a person
    Given I am a first-time customer
    When I open the home page
    And I look for a way to "talk to a human"
    Then I should get there within 4 steps

  Scenario: Make a complaint
    Given I am a first-time customer
    When I open the home page
    And I look for a way to "make a complaint"
    Then I should get there within 4 steps
