@evaluate
Feature: Compare tariffs
  Scenario: Compare tariffs
    Given I am a first-time customer
    When I open the home page
    And I click "Tariffs"
    Then I should see "Fixed 12 months"
