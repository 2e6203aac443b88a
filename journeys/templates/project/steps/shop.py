"""Steps in our own words, built from the shopper's abilities.

A step module is an ordinary pytest-bdd module. Each step stays thin: it calls
the shopper (web, chat, support), so what it does is recorded and measured
like any built-in step. No selectors, URLs or waits here.
"""

from pytest_bdd import parsers, when


@when(parsers.parse('I tell the bot my "{product}" arrived damaged'))
def _(shopper, product):
    """Tell the bot which order went wrong and how, in one message."""
    shopper.chat.say(f"Order {{my order number}}: my {product} arrived damaged")
