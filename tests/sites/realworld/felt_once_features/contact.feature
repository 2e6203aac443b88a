@support
Feature: Reach a person from the help
  Scenario: Find a way to talk to someone
    Given I am a first-time customer
    When I open the page "/ds/help"
    And I look for a way to "talk to a human"
