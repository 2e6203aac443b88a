@support
Feature: Chat with the assistant
  Scenario: Ask the assistant about my bill
    Given I am a first-time customer
    When I open the chat
    And I tell the bot "Why is my bill so high?"
    And I tell the bot "My bill doubled this month"
    And I ask the bot for a human
    Then the bot should hand me to a human within 2 turns

  Scenario: Tell the assistant I am moving
    Given I am a first-time customer
    When I open the chat
    And I tell the bot "I am moving home next month, my email is {my e-mail}"
    And I ask the bot for a human
    Then the bot should hand me to a human within 2 turns
