@support
Feature: Get help in the chat
  As a customer whose order went wrong
  I want the chat to sort it out, or hand me to a person
  So that I do not have to explain it twice

  Scenario: Get a refund through the chatbot
    Given I am a first-time customer
    When I open the home page
    And I open the chat
    And I tell the bot "I want a refund for {my order number}"
    And I tell the bot "When will I get my money back?"
    Then I should not have to repeat myself
    And the journey should be easy (CES at least 5)

  Scenario: Reach a human
    Given I am a first-time customer
    When I open the home page
    And I open the chat
    And I tell the bot "Order {my order number} arrived damaged"
    And I tell the bot "I want my money back"
    And I ask the bot for a human
    Then the bot should hand me to a human within 2 turns
