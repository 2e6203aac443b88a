"""The phone channel: the customer calls the support line and walks its menu (TwiML or
VoiceXML).
"""

from pytest_bdd import parsers, then, when

from journeys.effort.events import GaveUp
from journeys.errors import BudgetExceeded, JourneyAbandoned
from journeys.shopper import fact_named
from journeys.shopper.phone import CallOver
from journeys.shopper.phone_tasks import heard_it, reach_person, seek_on_phone


@when("I call the support line")
def _(shopper):
    """Call the line configured in [tool.journeys.phone] and listen to its first
    menu.
    """
    shopper.phone.call()


@when(parsers.re(r'I call the support line on "(?P<line>[^"]*)"$'))
def _(shopper, line):
    """Call another profile's line (its [phone] table), or this number on the configured
    line.
    """
    shopper.phone.call(line)


@when(parsers.re(r'I press "(?P<keys>[0-9*#]+)"$'))
def _(shopper, keys):
    """Press these keys on the keypad in answer to the prompt."""
    _on_the_line(lambda: shopper.phone.press(keys))


@when(parsers.re(r'I say "(?P<phrase>[^"]*)"$'))
def _(shopper, phrase):
    """Say these words to a line that listens ("{my order number}"… become the persona's
    facts).
    """
    _on_the_line(lambda: shopper.phone.say(phrase))


@when(parsers.parse("I key in my {fact}"))
def _(shopper, fact):
    """Key in a persona fact's digits (or one noted earlier), then # where the prompt
    ends on it.
    """
    name = fact_named(fact, shopper.persona.facts)
    _on_the_line(lambda: shopper.phone.key_in(name))


@when("I wait on hold")
def _(shopper):
    """Stay on the line: hear the queue's hold until a person answers, or let the prompt
    time out.
    """
    _on_the_line(shopper.phone.wait_on_hold)


@when("I stay silent")
def _(shopper):
    """Press nothing and say nothing: the prompt times out and the line does what it
    does then.
    """
    _on_the_line(shopper.phone.stay_silent)


@when(parsers.parse('I look for a way to "{goal}" on the phone'))
def _(shopper, goal):
    """Find the way through the menus like a caller: the option that sounds most like
    the goal, until a person takes it.
    """
    outcome = seek_on_phone(
        shopper.phone, goal, shopper.goals, patience=shopper.goal_patience
    )
    if isinstance(outcome, GaveUp):
        raise JourneyAbandoned(
            f"I gave up looking for a way to {goal} on the phone: {outcome.reason}"
        )


@then(parsers.parse("I should reach a person within {menus:d} menus"))
def _(shopper, menus):
    """A person takes the call within this many menu answers; the caller tries the
    person option, then 0, then silence.
    """
    check = reach_person(shopper.phone, menus)
    if not check.reached:
        said = " | ".join(f'"{text}"' for text in check.heard[-2:]) or "nothing"
        raise BudgetExceeded(
            f"I did not reach a person within {menus} menus; the line said {said}"
        )


@then(parsers.parse('I should hear "{text}"'))
def _(shopper, text):
    """The line said these words at some point of the call."""
    if not heard_it(shopper.phone, text):
        last = next(
            (e.text for e in reversed(shopper.phone.heard()) if e.text), "nothing"
        )
        raise JourneyAbandoned(
            f'I never heard "{text}" on the phone; the line last said "{last}"'
        )


def _on_the_line(action):
    """Act on the call; a call that is over (hung up, failed) ends the journey with how
    it ended.
    """
    try:
        action()
    except CallOver as over:
        raise JourneyAbandoned(f"I could not go on with the call: {over}") from None
