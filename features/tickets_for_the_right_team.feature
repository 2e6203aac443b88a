@support
Feature: Write to the right team
  As a customer with a question about money or about my shoes
  I want my ticket to reach the team that deals with it
  So that the first answer already helps

  Background:
    Given I am a first-time customer

  Scenario: Ask billing about a double charge
    Given my problem is "I was charged twice"
    When I open a support ticket about "Order {my order number} was charged twice" in "Billing"
    And the agent replies
    Then I should not have to repeat myself

  Scenario: Ask support about damaged shoes
    Given my problem is "the sole came off after one run"
    When I open a support ticket about "Order {my order number} arrived damaged" in "Support"
    And the agent replies
    Then I should not have to repeat myself
