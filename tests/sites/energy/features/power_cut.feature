@support
Feature: Find out about a power cut
  Scenario: Check for a power cut where I live
    Given I am a first-time customer
    When I open the page "/power-cuts"
    And I open the chat
    And I tell the bot "Is there a power cut at {my postcode}?"
