@discover
Feature: Read what other customers said
  As a customer choosing walking boots
  I want to read the forum's answers
  So that I know whether the boots are waterproof

  Scenario: Read a topic about waterproof boots
    Given I am a first-time customer
    When I open the home page
    And I click "Are the Ridgeline boots waterproof?"
    Then I should see "waxed them twice"
