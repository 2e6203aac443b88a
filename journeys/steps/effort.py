"""Effort budgets: a journey that costs more than this fails the nightly run (and is
still fully reported).
"""

from pytest_bdd import given, parsers, then

from journeys.effort import Budget
from journeys.errors import BudgetExceeded


def _check(shopper, budget):
    check = shopper.check_budget(budget)
    if not check.met:
        raise BudgetExceeded(f"{check.budget}: {check.detail}")


@given("what follows is a moment that matters")
def _(shopper):
    """The steps after this one weigh more in the score (like the @moment-that-matters
    tag, for part of a journey).
    """
    shopper.in_moment_that_matters = True


@then(parsers.parse("the journey should be easy (CES at least {score:g})"))
def _(shopper, score):
    """The CES-style score so far (1 very hard .. 7 very easy) is at least this."""
    _check(shopper, Budget("ces_at_least", score))


@then(parsers.parse("it should take at most {steps:d} steps"))
def _(shopper, steps):
    """The customer needed no more than this many actions so far."""
    _check(shopper, Budget("max_steps", steps))


@then("I should not have to repeat myself")
def _(shopper):
    """Nothing the customer already gave was asked for again, on any channel, nor lost
    in a hand-off.
    """
    _check(shopper, Budget("no_reentered_data", 0))


@then("I should not have hit a dead end")
def _(shopper):
    """No error page, dead click, loop or lost way so far."""
    _check(shopper, Budget("no_dead_ends", 0))


@then(parsers.parse("I should get there within {steps:d} steps"))
def _(shopper, steps):
    """The last goal looked for was reached in at most this many hops."""
    _check(shopper, Budget("reach_within", steps))
