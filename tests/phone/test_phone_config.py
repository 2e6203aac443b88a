"""`[tool.journeys.phone]`: parsed once, a wrong key or value named with its fix, a
missing line said in a sentence.
"""

from __future__ import annotations

import pytest

from journeys.effort.ledger import Ledger
from journeys.errors import ConfigError, MissingAbility
from journeys.shopper import Shopper, make_persona
from journeys.shopper.phone_config import PhoneConfig, phone_config, phone_lines


def test_a_whole_table_is_read():
    config = phone_config(
        {
            "adapter": "voicexml",
            "webhook": "https://ivr.example/start.vxml",
            "from": "+441234",
            "to": "+445678",
            "headers": {"Authorization": "Bearer ${IVR_TOKEN}"},
            "timeout_s": 5,
            "deadline_s": 30,
            "max_documents": 12,
            "operator_keys": ["0", "*"],
            "operator_words": ["Agent"],
        }
    )
    assert config == PhoneConfig(
        adapter="voicexml",
        webhook="https://ivr.example/start.vxml",
        caller="+441234",
        line="+445678",
        headers={"Authorization": "Bearer ${IVR_TOKEN}"},
        timeout_s=5.0,
        deadline_s=30.0,
        max_documents=12,
        operator_keys=("0", "*"),
        operator_words=("agent",),
    )


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            {"webhook": "/v", "adaptor": "twiml"},
            "tool.journeys.phone.adaptor: is not a phone setting",
        ),
        (
            {"webhook": "/v", "adapter": "sip"},
            "tool.journeys.phone.adapter: 'sip' is not a phone adapter",
        ),
        ({"adapter": "twiml"}, "tool.journeys.phone.webhook: is missing"),
        (
            {"webhook": "/v", "deadline_s": 0},
            "tool.journeys.phone.deadline_s: must be a number above 0",
        ),
        (
            {"webhook": "/v", "max_documents": 0},
            "tool.journeys.phone.max_documents: must be a whole number of at least 1",
        ),
        (
            {"webhook": "/v", "headers": {"X-Key": "${bad name}"}},
            "tool.journeys.phone.headers.X-Key",
        ),
    ],
)
def test_a_wrong_table_is_one_line_naming_the_key(table, message):
    with pytest.raises(ConfigError) as raised:
        phone_config(table)
    assert message in str(raised.value) and "Traceback" not in str(raised.value)


def test_each_profile_may_have_its_own_line():
    lines = phone_lines(
        {
            "uk": {"base_url": "https://uk.example", "phone": {"webhook": "/voice"}},
            "us": {},
        },
        "https://shop.example",
    )
    assert list(lines) == ["uk"] and lines["uk"][1] == "https://uk.example"
    with pytest.raises(ConfigError, match="tool.journeys.profiles.uk.phone.adapter"):
        phone_lines({"uk": {"phone": {"webhook": "/v", "adapter": "fax"}}}, "")


def test_a_shopper_with_no_line_configured_says_so_in_a_sentence():
    shopper = Shopper(make_persona(1, "x"), Ledger())
    with pytest.raises(
        MissingAbility,
        match=(
            r"can't use phone yet: configure \[tool.journeys.phone\] in pyproject.toml"
        ),
    ):
        _ = shopper.phone


def test_a_call_on_a_profile_uses_its_line_and_on_a_number_sends_it_as_to():
    import httpx

    from journeys.shopper.phone import PhoneLine

    asked: list[tuple[str, str]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append((str(request.url), request.content.decode()))
        return httpx.Response(200, text="<Response><Hangup/></Response>")

    uk = (PhoneConfig(webhook="/uk/voice", line="+442000"), "http://uk.test")
    line = PhoneLine(
        PhoneConfig(webhook="/voice"),
        base_url="http://shop.test",
        ledger=Ledger(),
        persona=make_persona(1, "x"),
        lines={"uk": uk},
        transport=httpx.MockTransport(answer),
    )
    line.call("uk")
    line.call("+15550777")
    assert asked[0][0] == "http://uk.test/uk/voice" and "To=%2B442000" in asked[0][1]
    assert asked[1][0] == "http://shop.test/voice" and "To=%2B15550777" in asked[1][1]
