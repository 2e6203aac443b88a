@discover
Feature: Search the known issues
  As a user who met a bug
  I want to find out whether it is already known
  So that I do not report it twice

  Scenario: Search for a known issue
    Given I am a first-time customer
    When I open the home page
    And I fill in "Search" with "login"
    And I click "Search"
    Then I should see "Login page"

  Scenario: Browse all known issues
    Given I am a first-time customer
    When I open the home page
    And I click "Show All"
    Then I should see "Attachments larger than 1 MB are refused"
