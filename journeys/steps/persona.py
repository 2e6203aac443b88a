"""Who walks: the first-time customer."""

from pytest_bdd import given


@given("I am a first-time customer")
def _(shopper):
    """A new persona with no cookies, no account and no history with the company."""
    assert shopper.persona.facts, "the persona has no facts"
