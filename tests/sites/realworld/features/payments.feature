@support
Feature: Payments
  Scenario: Ask about a missed payment
    Given I am a first-time customer
    When I open the page "/help/payments"
    And I click "Ask us about a payment"
    Then I should see "Tell us about the payment"
