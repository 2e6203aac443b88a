"""The mail channel: what the company sends the customer, read in their own inbox."""

from pytest_bdd import given, parsers, then, when

from journeys.errors import BudgetExceeded


@then(parsers.parse('I should get an e-mail about "{words}"'))
def _(shopper, words):
    """Wait (up to the mail timeout) for an e-mail whose subject, headline or text says
    these words.
    """
    shopper.mail.expect(words)


@when(parsers.parse('I open the e-mail about "{words}"'))
def _(shopper, words):
    """Open the e-mail about these words, as the customer would in their inbox."""
    shopper.mail.open(words)


@when(parsers.parse('I click "{link}" in the e-mail (it promises "{promise}")'))
def _(shopper, link, promise):
    """Follow a link of the open e-mail; the page it opens should keep this promise."""
    shopper.mail.click(link, promise=promise)


@when(parsers.re(r'I click "(?P<link>[^"]*)" in the e-mail$'))
def _(shopper, link):
    """Follow a link of the open e-mail; the page it opens should keep what the e-mail's
    subject and headline promise.
    """
    shopper.mail.click(link)


@when(parsers.parse('I reply to the e-mail with "{text}"'))
def _(shopper, text):
    """Reply to the open e-mail ("{my order number}"… filled in) and wait for an answer,
    up to the reply timeout.
    """
    shopper.mail.reply(text)


def _at_most(shopper, count: int) -> None:
    had = shopper.mail.count()
    if had > count:
        raise BudgetExceeded(
            f"at most {count} e-mail{'' if count == 1 else 's'}: had {had}"
        )


@then(parsers.parse("I should have had at most {count:d} e-mails"))
def _(shopper, count):
    """The company sent no more than this many e-mails so far."""
    _at_most(shopper, count)


@then("I should have had at most 1 e-mail")
def _(shopper):
    """The company sent one e-mail so far, or none."""
    _at_most(shopper, 1)


@given(parsers.parse('I arrive from the e-mail "{subject}"'))
def _(shopper, subject):
    """Start in the inbox: open the e-mail with this subject and follow its main
    link.
    """
    shopper.mail.arrive_from(subject)
