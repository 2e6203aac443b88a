@use
Feature: Moving home
  Scenario: Tell the supplier I am moving home
    Given I am a first-time customer
    When I open the page "/move"
    And I fill in the form with my details
    And I fill in "Moving date" with "2031-05-01"
    And I click "Book my move"
    Then I should see "Your move is booked"
