@support
Feature: Search the help
  Scenario: Search the help for my problem
    Given I am a first-time customer
    When I open the page "/ds/help"
    And I fill in "Search" with "restart my router"
    And I click "Search"
    And I look for a way to "talk to a human"
