"""Who walks: the first-time customer."""

from pytest_bdd import given, parsers


@given("I am a first-time customer")
def _(shopper):
    """A new persona with no cookies, no account and no history with the company."""
    assert shopper.persona.facts, "the persona has no facts"


@given(parsers.parse('my problem is "{problem}"'))
def _(shopper, problem):
    """What went wrong, in the customer's words: used where a form, a chat or the ticket
    template asks for {problem}.
    """
    shopper.persona.note("problem", problem)
