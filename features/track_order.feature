@use
Feature: Follow my order
  As a customer waiting for my shoes
  I want to see where my order is
  So that I know when to be at home

  Scenario: Track my order
    Given I am a first-time customer
    When I open the home page
    And I click "Track my order"
    And I fill in the form with my details
    And I click "Track order"
    Then I should see "on its way"
    And the journey should be easy (CES at least 5)
