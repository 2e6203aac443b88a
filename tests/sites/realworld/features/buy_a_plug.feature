@buy
Feature: Buy a smart plug
  Scenario: Put two smart plugs in my basket
    Given I am a first-time customer
    When I open the page "/shop/plug"
    And I fill in "Quantity" with "2"
    And I click "Add to basket"
    Then I should see "2 smart plugs in your basket"
