@use
Feature: Smart meter
  Scenario: Book a smart meter
    Given I am a first-time customer
    When I open the page "/smart-meter"
    And I click "Book a smart meter"
    And I click "Yes, book it"
    Then I should see "Your smart meter installation is booked."
