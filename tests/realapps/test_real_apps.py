"""`journeys walk` on real open-source applications nobody here wrote, measured against
manifest.toml.

Each application (Roundup, a RiveScript bot, Django's own auth pages, a Cartridge shop)
is started on 127.0.0.1 by a fixture in conftest.py and walked once, through the CLI,
from its project folder (`<app>/pyproject.toml`, `<app>/features/`), with journeys
written only from `journeys steps`. Then:

- every manifest friction must be reported under its journey with its kind (recall);
- nothing may be reported beyond the manifest (false positives: self-inflicted
  frictions);
- no journey may be `broken`: a customer walks every one of them.

What does not hold today is marked xfail(strict=True) with the reason, one test per
manifest entry, per known false positive and per broken journey: a fix in the web
channel or the detectors turns it into an XPASS, which fails the run until its mark is
removed here. The figures print at the end of the run, e.g. "roundup: recall 1/3, false
positives 1, broken 2 of 3 journeys".
"""

from __future__ import annotations

import pytest

from tests.realapps.walking import APPS, KINDS, Friction, load_manifest, scenarios

pytestmark = pytest.mark.realapps

# -- what journeys misses today, by (app, journey, kind): why, and its class ---

MISSED_NOW: dict[tuple[str, str, str], str] = {
    ("spirit", "Ask the forum a question as a newcomer", "channel_switch"): (
        "missed pothole: Spirit's \"We have sent you an email … so you can activate"
        ' your account" is a flash message its script manages on the log-in page it'
        " redirects to; the page's main content is read without it"
    ),
    ("cartridge", "Buy the Django Pony as a guest", "mixed_message"): (
        "missed pothole: a price shown on the site is never a promise (only an ad step"
        " records one), so a total that triples with shipping revealed at payment is"
        " not compared with it"
    ),
}

# -- frictions reported today beyond the manifest: (app, journey, kind) -> why it is
# ours ---------

KNOWN_FALSE_POSITIVES: dict[tuple[str, str, str], str] = {}

# -- journeys broken today that a customer walks ---------------------------------------

BROKEN_NOW: dict[tuple[str, str], str] = {}


# -- secrets that reach a report file today, by app ------------------------------------

SECRETS_IN_REPORTS_NOW: dict[str, str] = {}


def _xfail(reason: str | None) -> tuple[pytest.MarkDecorator, ...]:
    return (pytest.mark.xfail(strict=True, reason=reason),) if reason else ()


def _manifest_params() -> list[pytest.param]:
    params = []
    for entry in load_manifest():
        same = [f for f in load_manifest() if f.key == entry.key]
        number = f"#{same.index(entry) + 1}" if len(same) > 1 else ""
        params.append(
            pytest.param(
                entry,
                id=f"{entry.app}|{entry.journey}|{entry.kind}{number}",
                marks=_xfail(MISSED_NOW.get(entry.key)),
            )
        )
    return params


@pytest.mark.parametrize("app", APPS)
def test_the_walk_runs_to_its_end(app, walked):
    done, measure = walked(app)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert sorted(j["scenario"] for j in measure.journeys) == sorted(scenarios(app))


@pytest.mark.parametrize("entry", _manifest_params())
def test_a_real_friction_is_found_under_its_journey(entry: Friction, walked):
    _, measure = walked(entry.app)
    assert measure.is_found(entry), (
        f"not reported: {entry.kind} in {entry.journey!r}"
        f" ({entry.why})\n{measure.details()}"
    )


@pytest.mark.parametrize(
    "key",
    [
        pytest.param(key, id="|".join(key), marks=_xfail(reason))
        for key, reason in KNOWN_FALSE_POSITIVES.items()
    ],
)
def test_no_friction_is_reported_beyond_the_manifest(key, walked):
    app, journey, kind = key
    _, measure = walked(app)
    extra = measure.false_positives().get((journey, kind), 0)
    assert extra == 0, (
        f"{extra} {kind} more than the manifest lists in"
        f" {journey!r}:\n{measure.details()}"
    )


@pytest.mark.parametrize("app", APPS)
def test_no_other_false_positive(app, walked):
    _, measure = walked(app)
    known = {(journey, kind) for a, journey, kind in KNOWN_FALSE_POSITIVES if a == app}
    unexpected = {
        key: n for key, n in measure.false_positives().items() if key not in known
    }
    assert not unexpected, (
        f"reported beyond the manifest: {unexpected}\n{measure.details()}"
    )


@pytest.mark.parametrize(
    ("app", "journey"),
    [
        pytest.param(
            app, name, id=f"{app}|{name}", marks=_xfail(BROKEN_NOW.get((app, name)))
        )
        for app in APPS
        for name in scenarios(app)
    ],
)
def test_a_journey_a_customer_walks_is_not_broken(app, journey, walked):
    _, measure = walked(app)
    walked_journey = measure.journey(journey)
    assert walked_journey["outcome"] != "broken", walked_journey.get("error")


@pytest.mark.parametrize(
    "app",
    [pytest.param(app, marks=_xfail(SECRETS_IN_REPORTS_NOW.get(app))) for app in APPS],
)
def test_no_password_or_card_number_reaches_a_report(app, walked):
    _, measure = walked(app)
    assert not measure.secrets_in_reports()


def test_every_exception_names_a_real_entry():
    """The tables above name only manifest entries and scenarios that exist: a typo
    would hide a result.
    """
    assert set(MISSED_NOW) <= {f.key for f in load_manifest()}
    for app, journey, kind in KNOWN_FALSE_POSITIVES:
        assert journey in scenarios(app) and kind in KINDS
    for app, journey in BROKEN_NOW:
        assert journey in scenarios(app)
