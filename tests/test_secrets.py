"""No card number, security code, password or configured secret in any file a walk
leaves behind.

The canary walks the demo shop's checkout, sign-up and ticket journeys as a user would
(`journeys walk`, screenshots at every step, traces kept because each journey fails a
budget on purpose), with a secret from the environment in a support header, then reads
every file under reports/, archives unzipped.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from journeys.run.traces import redact_archive, secret_forms
from journeys.shopper import make_persona

MAIN = Path(__file__).resolve().parents[1]
JOURNEYS = Path(sys.executable).with_name("journeys")
CANARY = "canary-5ecret-7f3a9c"
SEED = 4711


def test_masks_show_at_most_a_cards_last_four_digits_and_no_security_code():
    persona = make_persona(1, "a")
    public = persona.public()
    assert public["card_number"] == "•••• 4242"
    assert public["card_cvc"] == "•••"
    assert public["password"] == "•••"
    assert public["email"] == persona["email"]


def test_a_trace_archive_is_rewritten_without_any_form_of_a_secret(tmp_path):
    archive = tmp_path / "trace.zip"
    card, password = "4242 4242 4242 4242", 'p@ss "w0rd"&'
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr(
            "trace.trace",
            json.dumps({"method": "fill", "params": {"value": card}})
            + json.dumps({"value": password}),
        )
        out.writestr(
            "resources/abc.dat",
            "card=4242+4242+4242+4242&cvc=123&pw=p%40ss%20%22w0rd%22%26",
        )
        out.writestr(
            "trace.network",
            '{"postData":"4242424242424242"}<input value="p@ss &quot;w0rd&quot;&amp;">',
        )
    assert redact_archive(archive, [card, password, "123"])
    with zipfile.ZipFile(archive) as read:
        text = b"".join(read.read(name) for name in read.namelist())
    for secret in (card, password, "123"):
        for form in secret_forms(secret):
            assert form not in text
    assert text.count(b"[redacted]") == 7


def test_a_short_code_is_taken_out_of_what_was_typed_and_every_trace_line_stays_json(
    tmp_path,
):
    archive = tmp_path / "trace.zip"
    events = [
        {
            "type": "input",
            "callId": "c@1",
            "box": {"x": 208, "y": 231.1875, "width": 217.875, "height": 875},
        },
        {
            "type": "before",
            "method": "fill",
            "params": {"selector": "#cvc", "value": "875"},
        },
    ]
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("trace.trace", "\n".join(json.dumps(e) for e in events) + "\n")
        out.writestr(
            "resources/page.html", '<input value="875" style="width: 231.875px">'
        )
    assert redact_archive(archive, ["875"])
    with zipfile.ZipFile(archive) as read:
        lines = [
            json.loads(line) for line in read.read("trace.trace").splitlines() if line
        ]
        page = read.read("resources/page.html")
    assert (
        lines[0] == events[0]
    )  # coordinates are numbers, not secrets: the viewer still reads them
    assert lines[1]["params"]["value"] == "[redacted]"
    assert page == b'<input value="[redacted]" style="width: 231.875px">'


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "shop"
    project.mkdir()
    shutil.copy(MAIN / "conftest.py", project / "conftest.py")
    (project / "steps").symlink_to(MAIN / "steps", target_is_directory=True)
    # The demo's ticket desk, with one more header carrying a secret from the
    # environment.
    shipped = (MAIN / "journeys" / "demo" / "profile.toml").read_text(encoding="utf-8")
    support = shipped[shipped.index("[support]") :]
    support = support.replace(
        "headers = { Authorization",
        'headers = { "X-Canary" = "${CANARY_SECRET}", Authorization',
    )
    support = re.sub(
        r"^\[support",
        "[tool.journeys.profiles.demo.support",
        support,
        flags=re.MULTILINE,
    )
    (project / "pyproject.toml").write_text(
        f"[tool.journeys]\nseed = {SEED}\n\n{support}", encoding="utf-8"
    )
    (project / "features").mkdir()
    for name in ("buy_from_the_ad", "sign_up", "damaged_item_ticket"):
        text = (MAIN / "features" / f"{name}.feature").read_text(encoding="utf-8")
        # One step is over any budget: each journey fails, so Playwright keeps its
        # trace.
        (project / "features" / f"{name}.feature").write_text(
            text.replace("Feature:", "@max-steps-1\nFeature:", 1), encoding="utf-8"
        )
    return project


def _every_file(folder: Path) -> Iterator[tuple[str, bytes]]:
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        yield str(path.relative_to(folder)), data
        if zipfile.is_zipfile(path):
            yield from _archive(str(path.relative_to(folder)), data)


def _archive(name: str, data: bytes) -> Iterator[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.namelist():
            inner = archive.read(member)
            yield f"{name}!{member}", inner
            if member.endswith(".zip"):
                yield from _archive(f"{name}!{member}", inner)


@pytest.mark.browser
def test_no_secret_in_any_file_under_reports(tmp_path):
    project = _project(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    env.update(CANARY_SECRET=CANARY, NO_COLOR="1", COLUMNS="200")
    walk = subprocess.run(
        [
            str(JOURNEYS),
            "walk",
            "--demo",
            "smooth",
            "--screenshots",
            "every-step",
            "--traces",
            "on-failure",
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert "Traceback" not in walk.stdout + walk.stderr
    reports = project / "reports"
    results = json.loads((reports / "effort.json").read_text(encoding="utf-8"))[
        "journeys"
    ]
    assert {r["outcome"] for r in results} == {"completed"}, walk.stdout
    personas = [make_persona(SEED, r["node_id"]) for r in results]
    traces = sorted(reports.rglob("trace*.zip"))
    # Each journey failed its budget, so each browser trace is kept and the grep below
    # reads it (tickets need no browser).
    assert [t.parent.name.split("-test-")[0] for t in traces] == [
        "features-buy-from-the-ad-feature",
        "features-sign-up-feature",
    ]
    assert list(reports.rglob("*.jpg")), "screenshots were taken at every step"
    needles = {CANARY.encode()}
    for persona in personas:
        needles |= secret_forms(persona["card_number"]) | secret_forms(
            persona["password"]
        )
        cvc = persona[
            "card_cvc"
        ]  # three digits: only as a value, not anywhere in a number
        needles |= {f'"{cvc}"'.encode(), f"={cvc}&".encode(), f'value="{cvc}"'.encode()}
    leaks = [
        (name, needle)
        for name, data in _every_file(reports)
        for needle in needles
        if needle in data
    ]
    assert leaks == []


@pytest.mark.browser
def test_screenshots_paint_over_card_security_code_and_password_fields(page):
    from types import SimpleNamespace

    from journeys.run.assemble import screenshotter

    page.set_content(
        "<form><label>Card number <input name=card autocomplete=cc-number></label>"
        "<label>Security code <input name=cvc autocomplete=cc-csc></label>"
        "<label>Password <input type=password name=pw></label>"
        "<label>Postcode <input name=postcode></label></form>"
    )
    calls = []

    class Spy:
        """The real page; its screenshot calls recorded with their options."""

        def __getattr__(self, name):
            return getattr(page, name)

        def screenshot(self, **options):
            calls.append(options)
            return page.screenshot(**options)

    journey = SimpleNamespace(
        shopper=SimpleNamespace(used=lambda: {"web": SimpleNamespace(page=Spy())})
    )
    take = screenshotter(journey)
    target = Path(os.environ.get("TMPDIR", "/tmp")) / f"journeys-mask-{os.getpid()}.jpg"
    try:
        assert take(target)
    finally:
        target.unlink(missing_ok=True)
    masked = {
        field
        for locator in calls[0]["mask"]
        for field in locator.evaluate_all("els => els.map(e => e.name)")
    }
    assert masked == {"card", "cvc", "pw"}


def test_a_secret_in_the_support_path_never_reaches_the_error_message():
    import httpx

    from journeys.effort.ledger import Ledger

    seen = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(500, text="boom")

    ability = _support_with_secret_path(httpx.MockTransport(answer), Ledger())
    try:
        ability.open_ticket("Order arrived damaged", "It is broken.")
    except Exception as error:  # noqa: BLE001 - whatever the ability raises, its text is what reports show
        message = str(error)
    else:
        message = json.dumps([str(e) for e in ability.ledger.events], default=str)
    assert seen and CANARY in seen[0], "the request went to the secret path"
    assert CANARY not in message


def _support_with_secret_path(transport, ledger):  # noqa: ANN001, ANN202

    from journeys.shopper import make_persona as persona_for
    from journeys.shopper.support import HttpSupport, support_config

    config = support_config(
        {
            "endpoint": "/api/${CANARY_SECRET}",
            "create": {
                "method": "POST",
                "path": "/tickets",
                "body": {"subject": "{subject}"},
                "id_path": "id",
            },
            "read": {
                "path": "/tickets/{id}",
                "messages_path": "messages",
                "author_path": "from",
                "text_path": "text",
            },
        }
    )
    return HttpSupport(
        config,
        base_url="http://127.0.0.1:9",
        ledger=ledger,
        persona=persona_for(1, "a"),
        environ={"CANARY_SECRET": CANARY},
        transport=transport,
    )
