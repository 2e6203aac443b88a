"""The phone line's events: what the caller heard and did, as a voice browser walks TwiML or VoiceXML.

Recorded by `journeys.shopper.phone`; read by the phone detectors (`_phone.py`)
and the time model. Registered in `events.EVENT_TYPES` with every other event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .events import Event, _BoundedText


@dataclass(frozen=True, kw_only=True)
class CallStarted(Event):
    """The customer called the support line: its first document was asked for."""

    number: str  # the line called
    url: str = ""
    call_id: str = ""


@dataclass(frozen=True, kw_only=True)
class PromptHeard(_BoundedText, Event):
    """What the line said (a prompt's words) or played (a recording, by its file name)."""

    text: str
    audio: str = ""  # the file name of a recording played ("welcome.mp3"); its words are unknown
    menu: bool = False  # the prompt offers choices to pick from (a menu), not a question like "key in your number"
    by: Literal["line", "agent"] = "line"  # "agent": heard after a transfer, from the person's side
    url: str = ""


@dataclass(frozen=True, kw_only=True)
class KeysPressed(Event):
    """The caller pressed keys on the keypad: a menu choice, or a fact keyed in."""

    keys: str
    fact: str | None = None  # the persona fact keyed in (its digits are the persona's, redacted when secret)
    asked_for_human: bool = False  # pressed for an operator ("0"), as the caller meant it
    silent: bool = False  # pressed nothing: the prompt's timeout ran out


@dataclass(frozen=True, kw_only=True)
class PhraseSaid(_BoundedText, Event):
    """The caller said something to a line that listens for speech."""

    text: str
    facts: tuple[str, ...] = ()
    asked_for_human: bool = False


@dataclass(frozen=True, kw_only=True)
class CallTransferred(Event):
    """The line handed the call on: to a person (a number, a client, a SIP address) or to a queue."""

    to: str
    kind: Literal["number", "client", "sip", "queue", "uri"] = "number"
    carried: tuple[str, ...] = ()  # names of what went with the call (parameters, namelist, task attributes)


@dataclass(frozen=True, kw_only=True)
class HoldWaited(Event):
    """The caller waited on the line: a pause, or on hold in a queue."""

    seconds: float
    why: str = "pause"  # "pause", "hold", "queue support"


@dataclass(frozen=True, kw_only=True)
class CallEnded(Event):
    """The call is over: the line hung up, rejected or transferred it, or could not be walked on (`failed`)."""

    reason: str  # hangup, reject, disconnect, exit, transferred, caller, failed
    failed: str = ""  # why the line could not go on: HTTP 500, not TwiML or VoiceXML, a redirect loop, the deadline
    documents: int = 0  # documents fetched during the call


PHONE_EVENTS: tuple[type[Event], ...] = (CallStarted, PromptHeard, KeysPressed, PhraseSaid, CallTransferred, HoldWaited, CallEnded)

__all__ = ["PHONE_EVENTS", "CallEnded", "CallStarted", "CallTransferred", "HoldWaited", "KeysPressed", "PhraseSaid", "PromptHeard"]
