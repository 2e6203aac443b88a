@engage
Feature: Shop the spring sale from the e-mail
  As a new member of the shop
  I want the sale e-mail to take me to the sale
  So that I can buy at the price it promised

  Scenario: Follow the spring sale e-mail to the shop
    Given I am a first-time customer
    When I open the page "/signup"
    And I fill in the form with my details
    And I click "Create account"
    Then I should get an e-mail about "Welcome to Stride"
    When I open the e-mail about "Spring sale"
    And I click "Shop the sale" in the e-mail
    Then I should have had at most 2 e-mails
