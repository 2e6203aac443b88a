"""A phone menu document as the voice browser walks it, whichever format it came in.

The TwiML and VoiceXML readers (`phone_twiml.py`, `phone_voicexml.py`) turn
one fetched document into a `Document`: named dialogs, each a list of
instructions in the order the platform would play them. `phone.py` walks
them. Parsing goes through defusedxml: no entity expansion, no DTD fetch, so
a hostile or broken line cannot make the walk hang or read local files.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring


class NotAPhoneDocument(ValueError):
    """The answer is not a document of the configured format; its message is one line
    for the caller's record.
    """


@dataclass(frozen=True)
class Say:
    """Words the line speaks, or a recording it plays (`audio`, a file name)."""

    text: str = ""
    audio: str = ""


@dataclass(frozen=True)
class Pause:
    seconds: float


@dataclass(frozen=True)
class Choice:
    """One way out of a menu: the keys or words that pick it, and where it goes (a URL
    or "#dialog").
    """

    keys: str = ""
    words: tuple[str, ...] = ()
    next: str = ""
    method: str = "GET"
    said: str = ""  # the choice's own prompt words ("Billing")


@dataclass(frozen=True)
class Go:
    """Fetch another document (Redirect, submit, goto a URL) or move to a dialog of this
    one ("#id").
    """

    url: str
    method: str = "POST"
    params: tuple[
        str, ...
    ] = ()  # names of the call's variables sent with it (a VoiceXML namelist)


@dataclass(frozen=True)
class Transfer:
    """The call handed to a person or a queue; `carried` names what goes with it."""

    to: str
    kind: str = "number"  # number, client, sip, queue, uri
    carried: tuple[str, ...] = ()
    hold: str = ""  # a queue's wait document (Enqueue waitUrl)
    after: Go | None = (
        None  # where the call goes once the transfer is over (Dial action)
    )


@dataclass(frozen=True)
class End:
    reason: str  # hangup, reject, disconnect, exit


@dataclass(frozen=True)
class Ask:
    """A prompt that waits for the caller: keys, speech or both.

    TwiML's Gather posts what was entered to `action` (`field` = Digits or
    SpeechResult); a VoiceXML menu goes to the matching `choices`' next; a
    VoiceXML field keeps the answer in the variable `field` and runs `filled`.
    With no answer, or a wrong one, `noinput` / `nomatch` run; None means the
    platform's default (TwiML: fall through to what follows; VoiceXML: ask again).
    """

    prompts: tuple[Say | Pause, ...] = ()
    action: str | None = (
        None  # TwiML: where the answer goes ("" : the current document, as Twilio does)
    )
    method: str = "POST"
    speech: bool = False
    dtmf: bool = True
    num_digits: int = 0  # 0: any number, ended by finish_on_key
    finish_on_key: str = "#"
    timeout_s: float = 5.0
    field: str = ""  # VoiceXML: the variable the answer fills
    choices: tuple[Choice, ...] = ()
    filled: tuple[Instruction, ...] = ()
    noinput: tuple[Instruction, ...] | None = None
    nomatch: tuple[Instruction, ...] | None = None
    action_on_empty: bool = False
    digits_only: bool = False  # a field with a digits grammar: any digits match
    # VoiceXML: after a noinput or nomatch handler that goes nowhere, the prompt is
    # asked again
    again: bool = False


@dataclass(frozen=True)
class Branch:
    """VoiceXML's <if>/<elseif>/<else>: the first arm whose condition holds runs ("" is
    the else).
    """

    arms: tuple[tuple[str, tuple[Instruction, ...]], ...] = ()


Instruction = Say | Pause | Go | Transfer | End | Ask | Branch


@dataclass(frozen=True)
class Document:
    """One fetched document: its dialogs by id (TwiML has one, ""), in document order;
    the first runs first.
    """

    dialogs: dict[str, tuple[Instruction, ...]] = field(default_factory=dict)
    first: str = ""
    format: str = ""


def parse_xml(text: str, *, expected: str, root_names: tuple[str, ...]) -> Element:
    """The document's root element, namespaces dropped; NotAPhoneDocument when it is not
    XML of the expected format.
    """
    stripped = text.strip()
    if not stripped:
        raise NotAPhoneDocument(f"the answer is empty, not {expected}")
    if not stripped.startswith("<"):
        raise NotAPhoneDocument(
            f"the answer is not {expected} (it starts {_start(stripped)!r})"
        )
    try:
        root = fromstring(stripped.encode("utf-8"))
    except (ParseError, DefusedXmlException) as error:
        raise NotAPhoneDocument(
            f"the answer is not {expected}: {_first_line(str(error))}"
        ) from None
    for element in root.iter():
        if isinstance(element.tag, str) and "}" in element.tag:
            element.tag = element.tag.split("}", 1)[1]
    if root.tag not in root_names:
        raise NotAPhoneDocument(
            f"the answer is not {expected}: its root is <{root.tag}>, not"
            f" <{root_names[0]}>"
        )
    return root


def words_of(element: Element) -> str:
    """All the text inside an element, as heard: markup dropped, spaces collapsed."""
    return " ".join("".join(element.itertext()).split())


def seconds(value: str | None, default: float) -> float:
    """A duration attribute: "5", "5s", "500ms"; a bad value keeps the default, as
    platforms do.
    """
    if value is None:
        return default
    text = value.strip().lower()
    try:
        if text.endswith("ms"):
            return float(text[:-2]) / 1000
        return float(text.removesuffix("s"))
    except ValueError:
        return default


@dataclass(frozen=True)
class Option:
    """One way out of the menu the caller is in, as they heard it: the keys to press and
    what it is for.
    """

    keys: str
    words: str


_OFFER = re.compile(
    r"(?:press|dial|push|say)\s+(?P<k1>[0-9*#]+|star|pound|hash)\s*(?:,\s*)?(?:for|to)\s+(?P<w1>[^.;,]+)"
    r"|(?:for|to)\s+(?P<w2>[^.;,]+?)\s*,?\s*(?:please\s+)?(?:press|dial|push)\s+(?P<k2>[0-9*#]+|star|pound|hash)"
    r"|(?P<w3>[A-Za-z][^.;,]*?),\s*(?:press|dial|push)\s+(?P<k3>[0-9*#]+)",
    re.IGNORECASE,
)
_KEY_WORDS = {"star": "*", "pound": "#", "hash": "#"}


def offered(prompt: str) -> list[Option]:
    """The options a prompt offers, as a caller hears them: "For billing, press 2",
    "Press 0 to speak to an agent".
    """
    found: list[Option] = []
    for match in _OFFER.finditer(prompt):
        keys = match.group("k1") or match.group("k2") or match.group("k3")
        words = (
            match.group("w1") or match.group("w2") or match.group("w3") or ""
        ).strip()
        keys = _KEY_WORDS.get(keys.lower(), keys)
        if keys and words and all(o.keys != keys for o in found):
            found.append(Option(keys, words))
    return found


def holds(condition: str, variables: Mapping[str, str]) -> bool:
    """A VoiceXML cond in its simple forms: "" (else), true/false, name == 'value', name
    != 'value'.
    """
    text = condition.strip()
    if not text or text == "true":
        return True
    found = re.fullmatch(r"(\w+)\s*(==|!=)\s*['\"]?([^'\"]*)['\"]?", text)
    if not found:
        return False
    name, operator, value = found.groups()
    same = variables.get(name, "") == value
    return same if operator == "==" else not same


def _start(text: str) -> str:
    return " ".join(text.split())[:40]


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else "unreadable"


__all__ = [
    "Ask",
    "Branch",
    "Choice",
    "Document",
    "End",
    "Go",
    "Instruction",
    "NotAPhoneDocument",
    "Option",
    "Pause",
    "Say",
    "Transfer",
    "holds",
    "offered",
    "parse_xml",
    "seconds",
    "words_of",
]
