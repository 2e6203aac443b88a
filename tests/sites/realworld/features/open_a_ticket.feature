@support
Feature: Open a ticket
  Scenario: Open a ticket about my bill
    Given I am a first-time customer
    And my problem is "my bill is twice what it should be"
    When I open the page "/support"
    And I fill in "Summary of the problem" with "My bill is too high"
    And I fill in "Your E-mail Address" with "bills.at.work@example.org"
    And I fill in the form with my details
    And I click "Submit Ticket"
    Then I should see "opened in Billing and Refunds"
    And I should see "We will reply to bills.at.work@example.org"
