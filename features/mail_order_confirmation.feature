@buy
Feature: Get my order confirmed by e-mail
  As a runner who just bought a pair of shoes
  I want one clear confirmation in my inbox
  So that I know the order went through

  Scenario: Get one confirmation e-mail for my order
    Given I am a first-time customer
    When I open the page "/product/trail-runner"
    And I click "Add to basket"
    And I click "Checkout"
    And I fill in the form with my details
    And I click "Continue"
    And I fill in the form with my details
    And I click "Continue"
    And I fill in the form with my details
    And I click "Place order"
    Then I should get an e-mail about "is confirmed"
    And I should have had at most 1 e-mail
