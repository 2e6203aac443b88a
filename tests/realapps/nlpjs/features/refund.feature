@support
Feature: Ask the shop assistant about my refund
  As a customer who sent boots back
  I want to know when my money comes back
  So that I can stop checking my bank

  Scenario: Ask Trail when my refund comes
    Given I am a first-time customer
    When I open the chat
    And I tell the bot "I returned my boots, when is my refund coming?"
    And I tell the bot "When will I get my refund?"
