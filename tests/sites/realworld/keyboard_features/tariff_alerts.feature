@engage
Feature: Tariff alerts
  Scenario: Sign up for tariff alerts
    Given I am a first-time customer
    When I open the page "/tariff-alerts"
    And I fill in "Email address" with my e-mail
    And I click "Sign up for alerts"
    Then I should see "You will get tariff alerts"
