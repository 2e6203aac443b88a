@support
Feature: Report a problem by ticket
  As a customer whose shoes arrived damaged
  I want to write to customer care once
  So that they fix it without asking me everything again

  Scenario: Report a damaged item
    Given I am a first-time customer
    When I open a support ticket about "Order {my order number} arrived damaged"
    And the agent replies
    And I answer the agent
    Then I should not have to repeat myself
