@use
Feature: Paperless billing
  Scenario: Go paperless
    Given I am a first-time customer
    When I open the page "/go-paperless"
    And I click "Go paperless now"
    Then I should see "You have gone paperless."
