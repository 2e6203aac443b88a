@buy
Feature: Confirm an order
  Scenario: Confirm my basket
    Given I am a first-time customer
    When I open the page "/ds/order"
    And I click "Confirm order"
    Then I should see "Your order is confirmed"
