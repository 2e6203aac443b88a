@buy
Feature: Buy from the spring sale ad
  As a runner who saw the spring sale ad
  I want to buy a pair of running shoes as a guest
  So that they arrive in time for my next run

  Scenario: Buy running shoes from the spring sale ad
    Given I am a first-time customer
    And I arrive from the ad "Spring sale: 30% off running shoes"
    When I click "Shop running shoes"
    And I click "Trail Runner"
    And I click "Add to basket"
    And I click "Checkout"
    And I fill in the form with my details
    And I click "Continue"
    And I fill in the form with my details
    And I click "Continue"
    And I fill in the form with my details
    And I click "Place order"
    Then I should see "Thank you for your order"
    And the journey should be easy (CES at least 5)
