@buy
Feature: Get a quote
  As someone paying too much for energy
  I want a quote for my home
  So that I can decide whether to switch

  Scenario: Get a quote for my home
    Given I am a first-time customer
    When I open the home page
    And I close "Accept all cookies"
    And I click "Get a quote"
    And I fill in the form with my details
    And I choose "Mr" for "Title"
    And I choose "Gas" for "How do you heat your home?"
    And I click "Get my quote"
    Then I should see "Your quote is ready"
