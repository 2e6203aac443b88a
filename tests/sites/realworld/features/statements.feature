@use
Feature: Statements
  Scenario: Download my latest statement
    Given I am a first-time customer
    When I open the page "/account/statements"
    And I click "Show older statements"
    And I click "Download my statement"
    Then I should see "Your statements"
