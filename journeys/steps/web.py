"""The web channel: what a customer does and sees on the site."""

from pytest_bdd import given, parsers, then, when

from journeys.effort import ClickEffect
from journeys.effort.events import GaveUp
from journeys.errors import JourneyAbandoned
from journeys.shopper import fact_named
from journeys.shopper.attachments import feature_file
from journeys.shopper.goals import seek_goal
from journeys.shopper.web_actions import does_not_see, note_shown_after, note_shown_as


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
    """Open a page by its address, as from a bookmark or a link elsewhere; "{my order
    number}" in it is filled in.
    """
    shopper.web.open(shopper.persona.fill_in(path, quoted=True))


@when(parsers.re(r'I note the (?P<thing>[\w -]+?) shown after "(?P<label>[^"]*)"$'))
def _(shopper, thing, label):
    """Keep what the page shows right after these words (e.g. the order number); from
    then on it is one of my facts.
    """
    note_shown_after(shopper.web, thing, label)


@when(parsers.re(r'I note the (?P<thing>[\w -]+?) shown as "(?P<pattern>[^"]*)"$'))
def _(shopper, thing, pattern):
    """Keep what the page shows matching this pattern (a regular expression; its first
    group, if any) as one of my facts.
    """
    note_shown_as(shopper.web, thing, pattern)


@when(parsers.parse('I click "{name}"'))
def _(shopper, name):
    """Click a link or button by what it says; a click that does nothing is tried again,
    like a customer would.
    """
    if shopper.web.click(name) is ClickEffect.NOTHING:
        raise JourneyAbandoned(f'"{name}" did nothing, however often I clicked it')


@when(parsers.re(r'I fill in "(?P<label>[^"]*)" with my (?P<fact>[\w -]+)$'))
def _(shopper, label, fact):
    """Type a persona fact, or one noted earlier, into the field with that label, as
    printed (e.g. my e-mail, my sort code).
    """
    shopper.web.fill_fact(label, fact_named(fact, shopper.persona.facts))


@when(
    parsers.re(
        r'I fill in "(?P<label>[^"]*)" with my (?P<fact>[\w -]+?) as'
        r' "(?P<format>[^"]*)"$'
    )
)
def _(shopper, label, fact, format):  # noqa: A002 - the step's own word
    """Type a fact the way the form asks: one digit or # a character ("12-34-56"), or a
    date ("DD/MM/YYYY").
    """
    shopper.web.fill_fact(label, fact_named(fact, shopper.persona.facts), format)


@when(parsers.re(r'I fill in "(?P<label>[^"]*)" with "(?P<text>[^"]*)"$'))
def _(shopper, label, text):
    """Type these exact words into the field with that label."""
    shopper.web.fill(label, text)


@when("I fill in the form with my details")
def _(shopper):
    """Fill every field that asks for something the customer knows; a prefilled value
    stays unless it contradicts a fact (then it is changed: a wrong default).
    """
    shopper.web.fill_form()


@when(parsers.parse('I choose "{option}" from "{label}"'))
def _(shopper, option, label):
    """Pick an option from a list or a radio group (by its label or legend) by its
    visible text.
    """
    shopper.web.choose(option, label)


@when(parsers.parse('I choose "{option}" for "{question}"'))
def _(shopper, option, question):
    """Answer a question with one of its options: a radio group (by its legend) or a
    list, by the option's words.
    """
    shopper.web.choose(option, question)


@when(parsers.parse('I upload "{file}" to "{label}"'))
def _(shopper, journeys_project, file, label):
    """Attach a file from features/files/ to the file field with that label (a photo of
    the damage).
    """
    shopper.web.upload(
        feature_file(journeys_project.settings.features_dir, file), label
    )


@when(parsers.parse('I tick "{label}"'))
def _(shopper, label):
    """Tick a checkbox by its label."""
    shopper.web.tick(label)


@when(parsers.parse('I close "{name}"'))
def _(shopper, name):
    """Dismiss something in the way (a cookie banner, a pop-up) by its button; nothing
    to do when it is not there.
    """
    shopper.web.dismiss(name)


@when(parsers.parse('I close "{name}" if it is there'))
def _(shopper, name):
    """Dismiss a pop-up or banner that may or may not come (the same as I close, said so
    the feature reads right).
    """
    shopper.web.dismiss(name)


@when("I go back")
def _(shopper):
    """Press the browser's back button."""
    shopper.web.go_back()


@when(parsers.parse('I look for a way to "{goal}"'))
def _(shopper, goal):
    """Find the way there like a customer: follow the most promising links until a page
    offers it, or give up.
    """
    line = shopper.used().get("phone")
    if (
        line is not None and line.calling
    ):  # on a call, the way is through the phone menu
        from journeys.shopper.phone_tasks import seek_on_phone

        outcome = seek_on_phone(
            line, goal, shopper.goals, patience=shopper.goal_patience
        )
    else:
        outcome = seek_goal(
            shopper.web, goal, shopper.goals, patience=shopper.goal_patience
        )
    if isinstance(outcome, GaveUp):
        raise JourneyAbandoned(
            f"I gave up looking for a way to {goal}: {outcome.reason}"
        )


@then(parsers.parse('I should see "{text}"'))
def _(shopper, text):
    """The page shows these words (waiting as long as a customer would)."""
    if not shopper.web.sees(text):
        raise JourneyAbandoned(
            f'I never saw "{text}" on {shopper.web.describe_location()}'
        )


@then(parsers.parse('I should not see "{text}"'))
def _(shopper, text):
    """The page, once loaded, does not show these words (an error, an offer beside a
    complaint).
    """
    if not does_not_see(shopper.web, text):
        raise JourneyAbandoned(f'I saw "{text}" on {shopper.web.describe_location()}')
