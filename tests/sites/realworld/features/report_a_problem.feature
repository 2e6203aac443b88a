@support
Feature: Report a problem
  Scenario: Report a problem with my bill
    Given I am a first-time customer
    And my problem is "my bill is twice what it should be"
    When I open the page "/report"
    And I fill in the form with my details
    And I click "Send report"
    Then I should see "Report sent"
