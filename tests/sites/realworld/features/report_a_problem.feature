@support
Feature: Report a problem
  Scenario: Report a problem with my bill
    Given I am a first-time customer
    When I open the page "/report"
    And I fill in the form with my details
    And I click "Send report"
    Then I should see "Report sent"
