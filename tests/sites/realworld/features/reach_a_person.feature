@support
Feature: Reach a person
  Scenario: Find how to reach a person
    Given I am a first-time customer
    When I open the page "/help"
    And I look for a way to "talk to a human"
