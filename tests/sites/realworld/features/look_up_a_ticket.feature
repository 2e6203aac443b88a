@support
Feature: Look up a ticket
  Scenario: Look up my ticket on the help desk
    Given I am a first-time customer
    When I open the page "/support"
    And I fill in "Ticket" with "NW-1001"
    And I fill in "Your E-mail Address" with my e-mail
    And I click "View Ticket"
    Then I should see "Ticket NW-1001 is open"
