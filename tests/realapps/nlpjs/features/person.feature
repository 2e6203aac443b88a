@support
Feature: Reach a person through the shop assistant
  As a customer whose boots arrived broken
  I want the assistant to hand me to a person
  So that someone puts it right

  Scenario: Ask Trail for a person about broken boots
    Given I am a first-time customer
    When I open the chat
    And I tell the bot "My boots arrived with a broken zip"
    And I ask the bot for a human
    Then the bot should hand me to a human within 2 turns
