"""The support channel: a ticket, the agent's answer, and the customer's reply."""

from pytest_bdd import parsers, when

from journeys.errors import JourneyAbandoned


@when(parsers.parse('I open a support ticket about "{subject}"'))
def _(shopper, subject):
    """Open a ticket with this subject ("my order number"… filled in) and the persona's problem as its text."""
    shopper.support.open_ticket_about(subject)


@when("the agent replies")
def _(shopper):
    """Wait for an agent's answer on the ticket, as long as the configured reply timeout."""
    reply = shopper.support.wait_for_reply()
    if reply.failed:
        raise JourneyAbandoned(f"no answer from support: {reply.failed}")


@when("I answer the agent")
def _(shopper):
    """Give the agent what they asked for: facts already given count as said twice."""
    shopper.support.answer_agent()
