@support
Feature: Follow my ticket
  As a customer waiting for a parcel
  I want to look my ticket up on the help desk
  So that I know where it stands

  Scenario: Look up my ticket by its number
    Given I am a first-time customer
    And my problem is "the kettle I ordered was never delivered"
    When I open the page "/helpdesk/"
    And I fill in the form with my details
    And I click "Submit Ticket"
    And I note the ticket number shown as "\[(\w+-\d+)\]"
    And I open the page "/helpdesk/"
    And I fill in "Ticket" with my ticket number
    And I fill in "Your E-mail Address" with my e-mail
    And I click "View Ticket"
    Then I should see "was never delivered"
