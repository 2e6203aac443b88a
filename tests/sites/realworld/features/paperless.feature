@use
Feature: Paperless billing
  Scenario: Go paperless
    Given I am a first-time customer
    When I open the page "/paperless"
    Then I should see "Go paperless"
