@support
Feature: Contact the shop
  As a customer whose Django Pony arrived torn
  I want to write to the shop
  So that a person puts it right

  Scenario: Write to the shop through its contact form
    Given I am a first-time customer
    When I open the home page
    And I look for a way to "talk to a human"
    And I fill in the form with my details
    And I choose "Support" from "Subject"
    And I fill in "Message" with "My Django Pony arrived with a torn ear. Can you send a new one?"
    And I click "Submit"
    Then I should see "Thanks for getting in touch"
