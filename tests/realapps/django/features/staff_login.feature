@access
Feature: Log in to the staff area
  As a new member of staff
  I want to log in to the site's administration with my e-mail
  So that I can start work

  Scenario: Log in to the staff area with my e-mail
    Given I am a first-time customer
    When I open the page "/admin/"
    And I fill in "Username" with my e-mail
    And I fill in "Password" with my password
    And I click "Log in"
    Then I should see "Site administration"
