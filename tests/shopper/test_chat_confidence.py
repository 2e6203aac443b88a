"""A bot that gives its confidence: an answer under the configured floor is a guess at
another question.
"""

from __future__ import annotations

import httpx
import pytest

from journeys.effort import detect
from journeys.effort.events import ReplyReceived
from journeys.effort.ledger import Ledger
from journeys.errors import ConfigError
from journeys.shopper.chat import HttpChat, chat_config
from journeys.shopper.persona import make_persona

# The shape of Rasa's /model/parse beside its REST channel: the intent's confidence
# comes with the answer.
SECTION = {
    "endpoint": "/webhooks/rest/webhook",
    "text_path": "messages[*].text",
    "confidence_path": "intent.confidence",
    "confidence_threshold": 0.6,
}


def talk(confidence: object, text: str = "We accept credit and debit cards.") -> Ledger:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            json={
                "messages": [{"text": text}],
                "intent": {"name": "payment", "confidence": confidence},
            },
        )

    ledger = Ledger()
    persona = make_persona(3, "tests/shopper/test_chat_confidence.py")
    chat = HttpChat(
        chat_config(SECTION),
        base_url="http://bot.test",
        ledger=ledger,
        persona=persona,
        transport=httpx.MockTransport(handler),
        environ={},
    )
    chat.say("Do you accept PayPal?")
    return ledger


def test_the_confidence_is_recorded_with_the_floor_of_its_bot():
    reply = next(e for e in talk(0.46).events if isinstance(e, ReplyReceived))
    assert (reply.confidence, reply.confidence_floor) == (0.46, 0.6)


@pytest.mark.parametrize(
    "confidence, kinds",
    [(0.46, ["not_understood"]), (0.93, []), ("high", []), (None, [])],
)
def test_an_answer_below_the_floor_is_not_understood(confidence, kinds):
    found = detect(talk(confidence).events)
    assert [f.kind for f in found] == kinds
    if kinds:
        assert "confidence 0.46" in found[0].evidence


def test_a_threshold_outside_zero_to_one_is_named():
    with pytest.raises(ConfigError) as caught:
        chat_config({**SECTION, "confidence_threshold": 60})
    assert caught.value.key == "tool.journeys.chat.confidence_threshold"
