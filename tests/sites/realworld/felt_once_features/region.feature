@discover
Feature: Check the supplier covers my region
  Scenario: Find my region in the list
    Given I am a first-time customer
    When I open the page "/ds/region"
    And I fill in "Region" with "South West"
    And I click "Check my region"
    Then I should see "Thank you"
