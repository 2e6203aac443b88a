@use
Feature: Send shoes back
  As a customer whose shoes do not fit
  I want to find how to return them on my own
  So that I get my money back

  Scenario: Return my order
    Given I am a first-time customer
    When I open the home page
    And I look for a way to "return my order"
    Then I should get there within 4 steps
    And I should not have hit a dead end
