"""The menus the tests walk are what the platforms accept: TwiML verbs and nouns Twilio
documents, VoiceXML 2.1 elements only.
"""

from __future__ import annotations

from xml.etree.ElementTree import fromstring

import httpx
import pytest

# TwiML voice verbs and nouns (twilio.com/docs/voice/twiml).
TWIML = {
    "Response",
    "Say",
    "Play",
    "Pause",
    "Gather",
    "Redirect",
    "Hangup",
    "Reject",
    "Dial",
    "Number",
    "Client",
    "Identity",
    "Parameter",
    "Sip",
    "Queue",
    "Conference",
    "Enqueue",
    "Task",
    "Leave",
    "Record",
    "Sms",
    "Message",
    "Refer",
    "Connect",
}
# The element set of the VoiceXML 2.1 schema (W3C VoiceXML 2.0 and 2.1, with SRGS
# grammars and SSML in prompts).
VOICEXML = {
    "vxml",
    "assign",
    "audio",
    "block",
    "break",
    "catch",
    "choice",
    "clear",
    "data",
    "disconnect",
    "else",
    "elseif",
    "enumerate",
    "error",
    "exit",
    "field",
    "filled",
    "foreach",
    "form",
    "goto",
    "grammar",
    "help",
    "if",
    "initial",
    "item",
    "link",
    "log",
    "mark",
    "menu",
    "meta",
    "metadata",
    "noinput",
    "nomatch",
    "object",
    "one-of",
    "option",
    "param",
    "prompt",
    "property",
    "record",
    "reprompt",
    "return",
    "rule",
    "ruleref",
    "script",
    "subdialog",
    "submit",
    "tag",
    "throw",
    "transfer",
    "value",
    "var",
    "emphasis",
    "prosody",
    "say-as",
    "sub",
    "voice",
    "p",
    "s",
}

DEMO = [
    ("/phone/voice", {}),
    ("/phone/menu", {"Digits": "1"}),
    ("/phone/menu", {"Digits": "2"}),
    ("/phone/menu", {"Digits": "0"}),
    ("/phone/menu", {"Digits": "9"}),
    ("/phone/order", {"Digits": "123456"}),
    ("/phone/vxml", None),
    ("/phone/vxml/order", {"order_number": "1"}),
]
LINES = [
    ("/ins/voice", {}),
    ("/ins/main", {"Digits": "1"}),
    ("/ins/main", {"Digits": "0"}),
    ("/ins/claims", {}),
    ("/ins/claims/3", {}),
    ("/ins/policy", {"Digits": "1"}),
    ("/ins/hold", {}),
    ("/util/start.vxml", None),
    ("/util/agent", None),
]


def _elements(text: str) -> set[str]:
    return {element.tag.split("}")[-1] for element in fromstring(text.encode()).iter()}


def _documents(base: str, paths) -> list[str]:  # noqa: ANN001
    with httpx.Client(base_url=base) as client:
        return [
            (client.get(path) if form is None else client.post(path, data=form)).text
            for path, form in paths
        ]


@pytest.mark.parametrize("mode", ["smooth", "potholed"])
def test_the_demo_line_uses_only_documented_elements(demo_url, mode):
    for text in _documents(demo_url[mode], DEMO):
        root = fromstring(text.encode()).tag.split("}")[-1]
        assert _elements(text) <= (TWIML if root == "Response" else VOICEXML), text


@pytest.mark.parametrize("mode", ["smooth", "potholed"])
def test_the_test_lines_use_only_documented_elements(lines_url, mode):
    for text in _documents(lines_url[mode], LINES):
        root = fromstring(text.encode()).tag.split("}")[-1]
        assert _elements(text) <= (TWIML if root == "Response" else VOICEXML), text
