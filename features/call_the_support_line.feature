@support
Feature: Call the support line
  As a customer with a question about my order
  I want to call the shop's support line
  So that a person who can see my order sorts it out

  Scenario: Call about my order
    Given I am a first-time customer
    When I call the support line
    And I press "1"
    And I key in my order number
    Then I should hear "Connecting you"
    And I should reach a person within 2 menus

  Scenario: Ask for a person on the phone
    Given I am a first-time customer
    When I call the support line
    Then I should reach a person within 2 menus

  Scenario: Return an item by phone
    Given I am a first-time customer
    When I call the support line
    And I look for a way to "return an item"
    Then I should hear "Connecting you"
