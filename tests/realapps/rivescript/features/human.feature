@support
Feature: Reach a person through the chat
  As a customer whose shoes arrived damaged
  I want the chat to hand me to a person
  So that someone puts it right

  Scenario: Ask the chat for a human
    Given I am a first-time customer
    When I open the chat
    And I tell the bot "Order {my order number} arrived damaged"
    And I ask the bot for a human
    Then the bot should hand me to a human within 2 turns
