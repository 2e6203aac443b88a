"""The support channel: a ticket, the agent's answer, and the customer's reply."""

from pytest_bdd import parsers, when

from journeys.errors import JourneyAbandoned
from journeys.shopper.tasks import last_question


@when(parsers.re(r'I open a support ticket about "(?P<subject>[^"]*)"$'))
def _(shopper, subject):
    """Open a ticket with this subject ("{my order number}"… filled in); the configured
    body says what else it carries.
    """
    shopper.support.open_ticket_about(subject)


@when(
    parsers.re(
        r'I open a support ticket about "(?P<subject>[^"]*)" in "(?P<category>[^"]*)"$'
    )
)
def _(shopper, subject, category):
    """Open a ticket in a queue or category of [tool.journeys.support.categories] (its
    fields go into the ticket).
    """
    shopper.support.open_ticket_about(subject, category)


@when("I ask the same in a support ticket")
def _(shopper):
    """Open a ticket asking what I last asked in the chat, word for word, to see whether
    the channels agree.
    """
    shopper.support.open_ticket_about(last_question(shopper.ledger))


@when("the agent replies")
def _(shopper):
    """Wait for an agent's answer on the ticket, as long as the configured reply
    timeout.
    """
    reply = shopper.support.wait_for_reply()
    if reply.failed:
        raise JourneyAbandoned(f"no answer from support: {reply.failed}")


@when("I answer the agent")
def _(shopper):
    """Give the agent what they asked for: facts already given count as said twice."""
    shopper.support.answer_agent()
