"""Mail is equipped like every other ability: from its configuration section and the
walk's inbox (the SMTP sink's run folder and address, carried by the opened target),
with no environment variable in between.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest

from journeys.effort.ledger import Ledger
from journeys.errors import MissingAbility
from journeys.shopper import Shopper, make_persona
from journeys.shopper.abilities import WebConfig, equip
from journeys.shopper.mail import MailChannel, send_smtp
from journeys.shopper.mail_adapters import MailConfig, SmtpSink, WalkInbox

MAIN = Path(__file__).resolve().parents[2]
JOURNEYS = Path(sys.executable).with_name("journeys")


def _shopper(inbox: WalkInbox | None) -> Shopper:
    persona = make_persona(2026, "tests/shopper/test_mail_ability.py::shopper")
    shopper = Shopper(persona, Ledger())
    return equip(
        shopper,
        web=WebConfig(base_url="http://shop.test"),
        page=lambda: pytest.fail("no page is opened to read e-mail"),
        environ={},
        mail=MailConfig(),
        inbox=inbox,
    )


def test_the_shopper_reads_the_walks_inbox_through_its_mail_property(
    tmp_path, monkeypatch
):
    for name in ("JOURNEYS_MAIL_FOLDER", "JOURNEYS_MAIL_SMTP"):
        monkeypatch.delenv(name, raising=False)
    with SmtpSink(tmp_path / "mail") as sink:
        shopper = _shopper(WalkInbox(sink.folder, sink.address))
        assert isinstance(shopper.mail, MailChannel)
        assert shopper.mail is shopper.ability("mail")
        assert shopper.mail._reply_through == (sink.host, sink.port)
        message = EmailMessage()
        message["From"], message["To"] = (
            "shop@example.com",
            shopper.persona.facts["email"],
        )
        message["Subject"] = "Your order"
        message.set_content("Order SH-1 is on its way")
        assert send_smtp(message, sink.host, sink.port) == ""
        shopper.mail.expect("Your order")
        assert shopper.mail.count() == 1


def test_without_the_walks_sink_the_smtp_mail_ability_says_so():
    with pytest.raises(MissingAbility, match="runs during `journeys walk`"):
        _shopper(None).mail.count()


@pytest.mark.browser
@pytest.mark.timeout(900)
def test_two_workers_read_the_walks_mail_with_no_environment_variable_set(tmp_path):
    project = tmp_path / "shop"
    project.mkdir()
    shutil.copy(MAIN / "conftest.py", project / "conftest.py")
    (project / "steps").symlink_to(MAIN / "steps", target_is_directory=True)
    (project / "pyproject.toml").write_text("[tool.journeys]\n", encoding="utf-8")
    (project / "features").mkdir()
    for name in ("mail_ticket_acknowledgement", "mail_order_confirmation"):
        shutil.copy(
            MAIN / "features" / f"{name}.feature",
            project / "features" / f"{name}.feature",
        )
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    env.update(NO_COLOR="1", COLUMNS="200")
    done = subprocess.run(
        [str(JOURNEYS), "walk", "--demo", "smooth", "-n", "2"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=800,
    )
    said = done.stdout + done.stderr
    assert "Traceback" not in said and done.returncode == 0, said
    effort = json.loads((project / "reports" / "effort.json").read_text("utf-8"))
    assert [j["outcome"] for j in effort["journeys"]] == ["completed"] * 2, said
    assert all(j["mail"]["received"] >= 1 for j in effort["journeys"]), effort
