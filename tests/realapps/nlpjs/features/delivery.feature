@buy
Feature: Ask the shop assistant what delivery costs
  As a customer comparing shops
  I want to know the price of delivery
  So that I know what I will pay in all

  Scenario: Ask Trail how much delivery costs
    Given I am a first-time customer
    When I open the chat
    And I tell the bot "How much is delivery?"
