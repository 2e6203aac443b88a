@evaluate
Feature: Ask the shop assistant how to pay
  As a customer about to buy boots
  I want to know whether I can pay with PayPal
  So that I can check out the way I prefer

  Scenario: Ask Trail about paying with PayPal
    Given I am a first-time customer
    When I open the chat
    And I tell the bot "Hello"
    And I tell the bot "Can I pay with PayPal?"
