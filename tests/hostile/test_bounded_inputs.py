"""Every input a site sends is bounded: a gzip bomb, a dripping bot, a trickling home
page, a broken e-mail.

Each against the hostile site (tests/hostile/site.py) or a real message: the walk gets a
clean failure it can record, the harness neither inflates nor waits past its deadline,
and nothing raises a traceback.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from journeys.errors import TargetUnreachable
from journeys.run.target import check_reachable
from journeys.shopper.exchanges import RESPONSE_LIMIT_BYTES
from journeys.shopper.http_api import ApiClient
from journeys.shopper.mail_message import MAX_MULTIPARTS, parse_message

from .site import serve

JOURNEYS = Path(sys.executable).with_name("journeys")


def _client(base_url: str, timeout_s: float = 5.0) -> ApiClient:
    return ApiClient(
        "chat",
        section="tool.journeys.chat",
        endpoint="/api",
        headers={},
        base_url=base_url,
        timeout_s=timeout_s,
        persona_secrets=tuple,
        environ={},
    )


def _peak_rss_bytes() -> int:
    return (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    )  # Linux reports kilobytes


def test_a_gzip_bomb_from_an_api_is_refused_before_it_inflates():
    with serve(bomb=True) as url:
        before = _peak_rss_bytes()
        client = _client(url)
        outcome = client.call("POST", f"{url}/api/bomb", body={"message": "hi"})
        client.close()
    assert outcome.document is None
    assert "inflates past" in outcome.failed
    # 256 MB of zeros behind a quarter-megabyte of gzip: the harness held a few limits'
    # worth at most.
    assert _peak_rss_bytes() - before < 8 * RESPONSE_LIMIT_BYTES


def test_a_bot_that_drips_its_answer_fails_within_its_read_timeout():
    with serve() as url:
        client = _client(url, timeout_s=1.0)
        outcome = client.call("POST", f"{url}/api/drip", body={"message": "hi"})
        client.close()
    assert outcome.document is None
    assert "no answer within 1 s" in outcome.failed
    assert [e["error"] for e in client.exchanges()] == [outcome.failed]


def test_a_home_page_that_trickles_is_unreachable_within_the_probe_deadline():
    with serve() as url, pytest.raises(TargetUnreachable) as raised:
        check_reachable(f"{url}/trickle", deadline_s=1.0)
    assert "no answer within 1 s" in str(raised.value)


def test_the_probe_names_a_target_without_its_password():
    with pytest.raises(TargetUnreachable) as raised:
        check_reachable("http://shopper:hunter2@127.0.0.1:9/", deadline_s=5.0)
    assert "hunter2" not in str(raised.value) and "127.0.0.1:9" in str(raised.value)


MAIL_HEAD = (
    "From: shop@example.com\r\nTo: a@example.com\r\nSubject: Your"
    " order\r\nMIME-Version: 1.0\r\n"
)


def test_an_e_mail_in_a_charset_python_does_not_know_is_read_as_utf8():
    raw = (
        MAIL_HEAD
        + "Content-Type: text/plain; charset=utf8mb4\r\nContent-Transfer-Encoding:"
        " 8bit\r\n\r\nOrder SH-123456 is on its way \u2014 caf\u00e9\r\n"
    )
    message = parse_message(raw.encode("utf-8"), source="utf8mb4.eml")
    assert message.text == "Order SH-123456 is on its way \u2014 caf\u00e9"


def _nested(depth: int) -> bytes:
    opening = "".join(
        f'Content-Type: multipart/mixed; boundary="b{i}"\r\n\r\n--b{i}\r\n'
        for i in range(depth)
    )
    closing = "".join(f"--b{i}--\r\n" for i in reversed(range(depth)))
    return (
        MAIL_HEAD
        + opening
        + "Content-Type: text/plain\r\n\r\nhello from deep down\r\n"
        + closing
    ).encode()


def test_an_e_mail_of_2000_nested_parts_is_kept_by_its_headers_without_recursion():
    message = parse_message(_nested(2000), source="nested.eml")
    assert message.subject == "Your order" and message.sender == "shop@example.com"
    assert f"more than {MAX_MULTIPARTS} multipart parts" in message.text


def test_an_e_mail_nested_past_the_depth_limit_is_read_down_to_it():
    assert parse_message(_nested(3), source="ok.eml").text == "hello from deep down"
    assert (
        parse_message(_nested(60), source="deep.eml").text == ""
    )  # the text sits below the 30 levels read


@pytest.mark.parametrize("value", ["inf", "-inf", "nan"])
def test_an_infinite_number_in_the_configuration_is_a_clean_error(tmp_path, value):
    (tmp_path / "pyproject.toml").write_text(
        f"[tool.journeys]\n[tool.journeys.effort.time]\npointing_s = {value}\n",
        encoding="utf-8",
    )
    checked = subprocess.run(
        [str(JOURNEYS), "check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert checked.returncode == 2
    assert "Traceback" not in checked.stderr + checked.stdout
    assert (
        "tool.journeys.effort.time.pointing_s: must be a finite number"
        in checked.stderr + checked.stdout
    )
