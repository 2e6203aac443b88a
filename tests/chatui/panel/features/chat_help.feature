@support
Feature: Get help from the shop's chat assistant
  As a customer with a question about my order or my card
  I want the chat to answer or hand me to a person
  So that I do not have to call

  Scenario: Ask whether they sell gift cards
    Given I am a first-time customer
    When I open the chat
    And I tell the bot "Hello"
    And I tell the bot "Do you sell gift cards?"

  Scenario: Ask twice about a refund
    Given I am a first-time customer
    When I open the chat
    And I tell the bot "I want a refund for {my order number}"
    And I tell the bot "When will I get my money back?"

  Scenario: Track my parcel
    Given I am a first-time customer
    When I open the chat
    And I tell the bot "Where is my parcel?"

  Scenario: Change my address
    Given I am a first-time customer
    When I open the chat
    And I tell the bot "I moved house, can I change my address?"

  Scenario: Reach a person about my order
    Given I am a first-time customer
    When I open the chat
    And I tell the bot "I need help with {my order number}"
    And I ask the bot for a human
    Then the bot should hand me to a human within 2 turns

  Scenario: Block a lost card
    Given I am a first-time customer
    When I open the chat
    And I tell the bot "I lost my card"
    And I press "Block my card" in the chat
