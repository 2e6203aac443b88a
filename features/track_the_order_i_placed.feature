@use
Feature: Track the order I just placed
  As a customer who has just bought running shoes
  I want to follow that order with the number the shop gave me
  So that I know when it arrives

  Scenario: Track the order with its number
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
    And I note the order number shown after "Your order number is"
    And I click "Track my order"
    And I fill in "Order number" with my order number
    And I click "Track order"
    Then I should see "on its way"
    And I should not see "Order numbers look like"
    And I should not have to repeat myself
