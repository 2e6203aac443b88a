@support
Feature: Hear back by e-mail about a ticket
  As a customer whose parcel arrived damaged
  I want customer care's e-mail to tell me where things stand
  So that I am not left guessing, nor sold to while I wait

  Scenario: Get the acknowledgement of my damaged parcel ticket
    Given I am a first-time customer
    When I open a support ticket about "Order {my order number} arrived damaged"
    Then I should get an e-mail about "We have your request"
    When I open the e-mail about "We have your request"
    Then I should have had at most 1 e-mail
