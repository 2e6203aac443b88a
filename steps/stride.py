"""Steps in the words of the Stride demo shop's own team, built from the shopper's
abilities.

A team's step module is an ordinary pytest-bdd module: each step is thin and calls the
shopper, so what it does is recorded like any built-in step.
"""

from pytest_bdd import parsers, when


@when(parsers.parse('I put "{product}" in my basket'))
def _(shopper, product):
    """Open a product from the page I am on and add it to the basket."""
    shopper.web.click(product)
    shopper.web.click("Add to basket")
