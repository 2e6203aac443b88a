@support
Feature: Report a problem to the help desk
  As a customer whose mug arrived broken
  I want to open a ticket on the shop's help desk
  So that someone puts it right

  Scenario: Open a ticket about a broken mug
    Given I am a first-time customer
    And my problem is "the mug I ordered arrived broken"
    When I open the page "/helpdesk/"
    And I fill in "Summary of the problem" with "My mug arrived broken"
    And I fill in the form with my details
    And I choose "Deliveries" for "Queue"
    And I click "Submit Ticket"
    Then I should see "My mug arrived broken"
