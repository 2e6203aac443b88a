@use
Feature: Cancel a plan
  Scenario: Cancel my plan online
    Given I am a first-time customer
    When I open the page "/ds/plan"
    And I look for a way to "cancel"
