@evaluate
Feature: Ask the chat how to pay
  As a customer about to buy
  I want to know whether I can pay with PayPal
  So that I can check out the way I prefer

  Scenario: Ask the chat about paying with PayPal
    Given I am a first-time customer
    When I open the chat
    And I tell the bot "Hello"
    And I tell the bot "Can I pay with PayPal?"
    And I tell the bot "Do you take PayPal at checkout?"
    Then the journey should be easy (CES at least 5)
