@evaluate
Feature: Find a tariff
  Scenario: Search for a green tariff
    Given I am a first-time customer
    When I open the page "/find-tariff"
    And I fill in "Search tariffs" with "green"
    And I click "Search"
    Then I should see "Fixed Green 24"
