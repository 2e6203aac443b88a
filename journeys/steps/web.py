"""The web channel: what a customer does and sees on the site."""

from pytest_bdd import given, parsers, then, when

from journeys.effort.events import GaveUp
from journeys.errors import JourneyAbandoned
from journeys.shopper import fact_named
from journeys.shopper.goals import seek_goal
from journeys.effort import ClickEffect


@given(parsers.parse('I arrive from the ad "{ad}" promising "{promise}"'))
def _(shopper, ad, promise):
    """Follow an ad to its landing page; the landing page should keep the promise."""
    shopper.web.arrive_from_ad(ad, promise)


@given(parsers.re(r'I arrive from the ad "(?P<ad>[^"]*)"$'))
def _(shopper, ad):
    """Follow an ad to its landing page; the ad's words are the promise."""
    shopper.web.arrive_from_ad(ad)


@when("I open the home page")
def _(shopper):
    """Type the shop's address into the browser."""
    shopper.web.open("/")


@when(parsers.parse('I open the page "{path}"'))
def _(shopper, path):
    """Open a page by its address, as from a bookmark or a link elsewhere."""
    shopper.web.open(path)


@when(parsers.parse('I click "{name}"'))
def _(shopper, name):
    """Click a link or button by what it says; a click that does nothing is tried again, like a customer would."""
    if shopper.web.click(name) is ClickEffect.NOTHING:
        raise JourneyAbandoned(f'"{name}" did nothing, however often I clicked it')


@when(parsers.re(r'I fill in "(?P<label>[^"]*)" with my (?P<fact>[\w -]+)$'))
def _(shopper, label, fact):
    """Type a persona fact into the field with that label (e.g. my e-mail, my card number)."""
    shopper.web.fill_fact(label, fact_named(fact))


@when(parsers.re(r'I fill in "(?P<label>[^"]*)" with "(?P<text>[^"]*)"$'))
def _(shopper, label, text):
    """Type these exact words into the field with that label."""
    shopper.web.fill(label, text)


@when("I fill in the form with my details")
def _(shopper):
    """Fill every empty field that asks for something the customer knows; prefilled fields are left alone."""
    shopper.web.fill_form()


@when(parsers.parse('I choose "{option}" from "{label}"'))
def _(shopper, option, label):
    """Pick an option from a list or a radio group (by its label or legend) by its visible text."""
    shopper.web.choose(option, label)


@when(parsers.parse('I tick "{label}"'))
def _(shopper, label):
    """Tick a checkbox by its label."""
    shopper.web.tick(label)


@when(parsers.parse('I close "{name}"'))
def _(shopper, name):
    """Dismiss something in the way (a cookie banner, a pop-up) by its button; nothing to do when it is not there."""
    shopper.web.dismiss(name)


@when("I go back")
def _(shopper):
    """Press the browser's back button."""
    shopper.web.go_back()


@when(parsers.parse('I look for a way to "{goal}"'))
def _(shopper, goal):
    """Find the way there like a customer: follow the most promising links until a page offers it, or give up."""
    outcome = seek_goal(shopper.web, goal, shopper.goals, patience=shopper.goal_patience)
    if isinstance(outcome, GaveUp):
        raise JourneyAbandoned(f"I gave up looking for a way to {goal}: {outcome.reason}")


@then(parsers.parse('I should see "{text}"'))
def _(shopper, text):
    """The page shows these words (waiting as long as a customer would)."""
    if not shopper.web.sees(text):
        raise JourneyAbandoned(f'I never saw "{text}" on {shopper.web.describe_location()}')
