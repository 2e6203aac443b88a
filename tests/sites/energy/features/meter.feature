@use
Feature: Meter readings
  Scenario: Submit a meter reading
    Given I am a first-time customer
    When I open the home page
    And I click "Submit a meter reading"
    And I fill in "Meter reading" with "04521"
    And I click "Submit reading"
    Then I should see "Your meter reading was received"

  Scenario: Book a smart meter
    Given I am a first-time customer
    When I open the home page
    And I click "Smart meters"
    And I fill in the form with my details
    And I click "Book my installation"
    Then I should see "Your installation is booked"
