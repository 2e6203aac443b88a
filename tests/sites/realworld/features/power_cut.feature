@support
Feature: Power cuts
  Scenario: Report a power cut online
    Given I am a first-time customer
    When I open the page "/power-cut"
    And I click "Report a power cut online"
    Then I should see "Tell us where the power is off"
