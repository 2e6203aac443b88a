@evaluate
Feature: Compare tariffs
  Scenario: Compare the tariffs
    Given I am a first-time customer
    When I open the page "/tariffs"
    And I click "Compare tariffs"
    Then I should see "Fixed 12"
