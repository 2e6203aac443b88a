@support
Feature: Get my money back in the chat
  As a customer who sent shoes back
  I want the chat to tell me about my refund
  So that I know when the money arrives

  Scenario: Ask the chat for a refund
    Given I am a first-time customer
    When I open the chat
    And I tell the bot "I want a refund for {my order number}"
    And I tell the bot "When will I get my money back?"
    Then I should not have to repeat myself
