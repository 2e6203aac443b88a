"""The chat channel: the customer talks to the company's bot (its API or the widget on
the page).
"""

from pytest_bdd import parsers, then, when

from journeys.errors import BudgetExceeded
from journeys.shopper.tasks import insist_on_human, last_question


@when("I open the chat")
def _(shopper):
    """Open the chat: the widget's button on the page, or a new conversation with the
    bot's API.
    """
    shopper.chat.open()


@when(parsers.parse('I tell the bot "{message}"'))
def _(shopper, message):
    """Say this to the bot, word for word; "{my order number}", "{my e-mail}"… become
    the persona's facts.
    """
    shopper.chat.say(message)


@when(parsers.parse('I press "{button}" in the chat'))
def _(shopper, button):
    """Press a button the chat shows in its conversation (an action, a quick reply); one
    that does nothing is a dead click.
    """
    shopper.chat.press(button)


@when("I ask the same in the chat")
def _(shopper):
    """Ask the bot what I last asked elsewhere (a ticket, another chat), word for word,
    to see whether the channels agree.
    """
    shopper.chat.say(last_question(shopper.ledger))


@when("I ask the bot for a human")
def _(shopper):
    """Ask to talk to a person, in the configured words."""
    shopper.chat.ask_for_human()


@then(parsers.parse("the bot should hand me to a human within {turns:d} turns"))
def _(shopper, turns):
    """A person takes over within this many messages from the first request for one; the
    customer keeps asking till then.
    """
    check = insist_on_human(shopper.chat, turns)
    if not check.handed_over:
        said = " | ".join(f'"{text}"' for text in check.said_instead[-3:]) or "nothing"
        raise BudgetExceeded(
            f"the bot did not hand me to a human within {turns} turns; it said {said}"
        )
