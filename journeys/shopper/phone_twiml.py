"""TwiML, read as Twilio's voice platform reads it (Twilio and the providers that speak
the same verbs).

The verbs run in document order. `<Say>` and `<Play>` are heard; `<Gather>` waits for
keys or speech and posts them to its `action` (the current document when it has none, as
Twilio does), and falls through to the next verb when the caller says nothing;
`<Redirect>` fetches another document; `<Pause>` is time waited; `<Dial>` hands the call
to a number, client, SIP address or queue, `<Enqueue>` to a queue; `<Hangup>` and
`<Reject>` end the call. Verbs a voice browser need not play here (`<Record>`, `<Sms>`,
`<Refer>`) are skipped, never guessed at.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlsplit
from xml.etree.ElementTree import Element

from .phone_document import (
    Ask,
    Document,
    End,
    Go,
    Instruction,
    Pause,
    Say,
    Transfer,
    parse_xml,
    seconds,
    words_of,
)

FORMAT = "TwiML"


def read_twiml(text: str) -> Document:
    """The instructions of one TwiML document; NotAPhoneDocument when it is not
    TwiML.
    """
    root = parse_xml(text, expected=FORMAT, root_names=("Response",))
    return Document(dialogs={"": tuple(_verbs(root))}, first="", format=FORMAT)


def _verbs(parent: Element) -> list[Instruction]:
    out: list[Instruction] = []
    for verb in parent:
        out.extend(_verb(verb))
    return out


def _verb(verb: Element) -> list[Instruction]:
    name = verb.tag
    if name in ("Say", "Play", "Pause"):
        return _prompt(verb)
    if name == "Gather":
        prompts = tuple(p for child in verb for p in _prompt(child))
        modes = (verb.get("input") or "dtmf").lower().split()
        return [
            Ask(
                prompts=prompts,
                action=verb.get("action") or "",
                method=(verb.get("method") or "POST").upper(),
                dtmf="dtmf" in modes,
                speech="speech" in modes,
                num_digits=_whole(verb.get("numDigits")),
                finish_on_key=verb.get("finishOnKey", "#"),
                timeout_s=seconds(verb.get("timeout"), 5.0),
                action_on_empty=(verb.get("actionOnEmptyResult") or "").lower()
                == "true",
            )
        ]
    if name == "Redirect":
        return [Go(url=words_of(verb), method=(verb.get("method") or "POST").upper())]
    if name in ("Hangup", "Reject", "Leave"):
        return [End(reason=name.lower())]
    if name == "Dial":
        return _dial(verb)
    if name == "Enqueue":
        task = verb.find("Task")
        carried: tuple[str, ...] = ()
        if task is not None:
            carried = _task_attributes(words_of(task))
        queue = words_of(verb) if task is None else (verb.text or "").strip()
        return [
            Transfer(
                to=queue or "queue",
                kind="queue",
                carried=carried,
                hold=verb.get("waitUrl") or "",
                after=_after(verb),
            )
        ]
    return []


def _prompt(verb: Element) -> list[Say | Pause]:
    if verb.tag == "Say":
        text = words_of(verb)
        return (
            [Say(text=text)] * max(1, min(_whole(verb.get("loop")) or 1, 3))
            if text
            else []
        )
    if verb.tag == "Play":
        if verb.get("digits"):
            return []  # tones sent down the line, not heard as words
        url = words_of(verb)
        return [Say(audio=urlsplit(url).path.rsplit("/", 1)[-1] or url)] if url else []
    if verb.tag == "Pause":
        return [Pause(seconds(verb.get("length"), 1.0))]
    return []


def _dial(verb: Element) -> list[Instruction]:
    after = _after(verb)
    nouns = [
        child
        for child in verb
        if child.tag in ("Number", "Client", "Sip", "Queue", "Conference")
    ]
    if not nouns:
        number = words_of(verb)
        return (
            [Transfer(to=number or "(no number)", kind="number", after=after)]
            if number
            else [End(reason="hangup")]
        )
    noun = nouns[0]
    kind = {
        "Number": "number",
        "Client": "client",
        "Sip": "sip",
        "Queue": "queue",
        "Conference": "queue",
    }[noun.tag]
    identity = noun.find("Identity")
    to = (
        words_of(identity)
        if identity is not None
        else (noun.text or "").strip() or words_of(noun)
    )
    carried = [p.get("name", "") for p in noun.iter("Parameter") if p.get("name")]
    if noun.get("sendDigits"):
        carried.append("sendDigits")
    if kind == "sip":
        carried += [
            name for name, _ in parse_qsl(urlsplit(to).query)
        ]  # sip:agent@host?X-Order=123 carries headers
    return [Transfer(to=to, kind=kind, carried=tuple(carried), after=after)]


def _after(verb: Element) -> Go | None:
    action = verb.get("action")
    return (
        Go(url=action, method=(verb.get("method") or "POST").upper())
        if action
        else None
    )


def _task_attributes(text: str) -> tuple[str, ...]:
    """The attribute names of an Enqueue's <Task> (JSON); text that is not JSON still
    carries something.
    """
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return ("task",) if text.strip() else ()
    return (
        tuple(str(k) for k in value)
        if isinstance(value, dict)
        else (("task",) if value else ())
    )


def _whole(value: str | None) -> int:
    try:
        return max(0, int(value)) if value is not None else 0
    except ValueError:
        return 0


__all__ = ["FORMAT", "read_twiml"]
