@use
Feature: Meter readings
  Scenario: Find out how to read my meter
    Given I am a first-time customer
    When I open the page "/help/meter"
    And I click "Read the meter reading guide"
    Then I should see "How to read your meter"
