@buy
Feature: Buy from the shop
  As a customer who likes the Django Pony
  I want to buy one as a guest
  So that it arrives at my door

  Scenario: Buy the Django Pony as a guest
    Given I am a first-time customer
    When I open the home page
    And I click "Shop"
    And I click "Django Pony"
    And I click "Buy"
    And I click "Go to Checkout"
    And I fill in the form with my details
    And I click "Next"
    And I fill in the form with my details
    And I choose "Visa" from "Card type"
    And I click "Next"
    And I click "Next"
    Then I should see "Your order is complete"
