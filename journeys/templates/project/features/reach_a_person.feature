@support
Feature: Reach a person
  As a first-time customer whose new shoes arrived damaged
  I want to reach a person without explaining everything twice
  So that someone sorts it out for me

  Scenario: Find the contact page and ask the bot for a person
    Given I am a first-time customer
    When I open the home page
    And I look for a way to "talk to a human"
    And I open the chat
    # our own step, in steps/shop.py: `journeys steps` lists it with the built-in ones
    And I tell the bot my "Trail Runner" arrived damaged
    And I ask the bot for a human
    Then the bot should hand me to a human within 2 turns
    And I should not have to repeat myself
