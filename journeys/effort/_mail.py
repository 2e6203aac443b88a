"""Detectors of the mail channel: the same message twice, a promotion at the wrong
moment, a reply path to nowhere.

- `duplicate_message`: a message that says what an earlier one said (same or near-same
  subject and text, the same order numbers and codes), under another Message-ID. Two
  confirmations of two orders differ in their numbers: not a duplicate.
- `mixed_message`: a promotional message (a List-Unsubscribe or Precedence header, offer
  words: the signals the channel saw) while the customer's complaint is open (a ticket
  or a support message before it), or beside an apology or a thank-you for their
  patience. One per promotion, whichever reason comes first. (An e-mail's promise not
  kept on the page its link opens is `_promises`: the e-mail's click records a
  `PromiseMade`.)
- `dead_end`: an e-mail that asks the customer to reply from an address nobody reads; a
  reply sent to such an address; a reply no answer came to before its step ended. One
  per message: asking to reply there and then replying is one cause.
- `reentered_data` by e-mail is the general detector's: a reply that gives a fact
  already given is typed again (`MessageSent.facts`).
"""

from __future__ import annotations

import re

from . import _text
from ._walk import Found, _step_ref, _Walk
from .events import Event, MailReceived, MessageSent, StepFinished, TicketOpened
from .frictions import Friction
from .kinds import DEAD_END, DUPLICATE_MESSAGE, MIXED_MESSAGE

NEAR_SAME = (
    0.9  # difflib ratio of subject and text at which two messages say the same thing
)
_INVITES_REPLY = re.compile(
    r"\b(just|simply|please)?\s*(reply|respond|answer)\s+(to\s+)?(this|our)\s+(e-?mail|message)\b|\bhit"
    r" reply\b",
    re.IGNORECASE,
)
_APOLOGY = re.compile(
    r"\b(sorry|apologi[sz]e|apologies|we regret|thank(s| you) for your"
    r" (patience|loyalty|understanding|feedback))\b",
    re.IGNORECASE,
)
_CODES = re.compile(
    r"\b[\w-]*\d[\w-]*\b"
)  # order numbers, case numbers, codes: what tells two real messages apart


def is_no_reply(address: str) -> bool:
    """Whether an address says nobody reads it (noreply@, no-reply@, donotreply@,
    do_not_reply@).
    """
    local = re.sub(r"[-_.+]", "", address.partition("@")[0].lower())
    return local.startswith(("noreply", "donotreply", "noanswer"))


def _arrivals(walk: _Walk) -> list[tuple[int, MailReceived]]:
    return [
        (i, e)
        for i, e in enumerate(walk.events)
        if isinstance(e, MailReceived) and not e.opened
    ]


def _duplicates(walk: _Walk) -> Found:
    earlier: list[MailReceived] = []
    for index, mail in _arrivals(walk):
        twin = next(
            (e for e in earlier if e.message_id != mail.message_id and _same(e, mail)),
            None,
        )
        earlier.append(mail)
        if twin is None:
            continue
        yield (
            index,
            walk.friction(
                DUPLICATE_MESSAGE,
                mail,
                f'Got the e-mail "{_text.short(mail.subject, 80)}" again'
                f" ({_step_ref(mail)}), the same as the one received in"
                f" {_step_ref(twin)}.",
                where=f"e-mail from {mail.sender or 'the company'}",
                excerpt=_shown(mail),
            ),
        )


def _same(a: MailReceived, b: MailReceived) -> bool:
    if set(_CODES.findall(f"{a.subject} {a.text}")) != set(
        _CODES.findall(f"{b.subject} {b.text}")
    ):
        return False
    return (
        _text.similarity(a.subject, b.subject) >= NEAR_SAME
        and _text.similarity(a.text, b.text) >= NEAR_SAME
    )


def _promotions_out_of_place(walk: _Walk) -> Found:
    complaint: Event | None = None
    apologies: list[MailReceived] = []
    promotions: list[tuple[int, MailReceived]] = []
    charged: set[str] = set()
    for index, event in enumerate(walk.events):
        if isinstance(event, TicketOpened) or (
            isinstance(event, MessageSent) and event.channel == "support"
        ):
            complaint = complaint or event
        if not isinstance(event, MailReceived) or event.opened:
            continue
        if event.signals:
            promotions.append((index, event))
            reason = ""
            if complaint is not None:
                subject = getattr(complaint, "subject", "") or complaint.text  # type: ignore[attr-defined]
                reason = (
                    f'while their complaint ("{_text.short(subject, 60)}",'
                    f" {_step_ref(complaint)}) was open"
                )
            elif apologies:
                reason = f'beside the apology "{_text.short(apologies[0].subject, 60)}"'
            if reason and event.message_id not in charged:
                charged.add(event.message_id)
                yield index, _promotion(walk, event, reason)
        elif _APOLOGY.search(f"{event.subject}\n{event.text}"):
            apologies.append(event)
            for (
                _,
                promotion,
            ) in promotions:  # an apology after a promotion: the same clash, seen now
                if promotion.message_id not in charged:
                    charged.add(promotion.message_id)
                    yield (
                        index,
                        _promotion(
                            walk,
                            promotion,
                            f'beside the apology "{_text.short(event.subject, 60)}"',
                            at=event,
                        ),
                    )


def _promotion(
    walk: _Walk, mail: MailReceived, reason: str, *, at: MailReceived | None = None
) -> Friction:
    return walk.friction(
        MIXED_MESSAGE,
        at or mail,
        f'Got the promotion "{_text.short(mail.subject, 80)}"'
        f" ({', '.join(mail.signals[:3])}) {reason}.",
        where=f"e-mail from {mail.sender or 'the company'}",
        excerpt=_shown(mail),
    )


def _dead_replies(walk: _Walk) -> Found:
    charged: set[str] = (
        set()
    )  # message ids whose reply path was already found to lead nowhere
    opened: MailReceived | None = None
    received: MailReceived | None = None
    waiting: tuple[MessageSent, MailReceived] | None = None
    for index, event in enumerate(walk.events):
        if isinstance(event, MailReceived):
            if event.opened:
                opened = event
                continue
            received = event
            if waiting is not None and (
                event.in_reply_to or event.subject.lower().startswith("re:")
            ):
                waiting = None  # the company answered
            if is_no_reply(event.reply_to) and _INVITES_REPLY.search(event.text):
                charged.add(event.message_id)
                yield (
                    index,
                    walk.friction(
                        DEAD_END,
                        event,
                        f'The e-mail "{_text.short(event.subject, 80)}" asks the'
                        f" customer to reply, but it comes from {event.reply_to}, an"
                        " address nobody reads.",
                        where=f"e-mail from {event.sender or event.reply_to}",
                        excerpt=_shown(event),
                    ),
                )
        elif isinstance(event, MessageSent) and event.channel == "mail":
            replied = (
                opened or received
            )  # a reply answers the e-mail open, else the last one that came
            if replied is None or replied.message_id in charged:
                continue
            if is_no_reply(replied.reply_to):
                charged.add(replied.message_id)
                yield (
                    index,
                    _reply_led_nowhere(
                        walk,
                        event,
                        replied,
                        f", but it goes to {replied.reply_to}, an address nobody"
                        " reads.",
                    ),
                )
            else:
                waiting = (event, replied)
        elif (
            isinstance(event, StepFinished)
            and waiting is not None
            and event.step == waiting[0].step
        ):
            sent, replied = waiting
            waiting = None
            charged.add(replied.message_id)
            yield (
                index,
                _reply_led_nowhere(
                    walk,
                    sent,
                    replied,
                    f" at {replied.reply_to or 'its sender'} and no answer came.",
                ),
            )


def _reply_led_nowhere(
    walk: _Walk, sent: MessageSent, replied: MailReceived, how: str
) -> Friction:
    """The customer's reply to `replied` led nowhere; `how` ends the sentence after the
    e-mail's subject.
    """
    return walk.friction(
        DEAD_END,
        sent,
        f'Replied to "{_text.short(replied.subject, 80)}"{how}',
        where=f"reply to {replied.reply_to}",
        excerpt=sent.text,
    )


def _shown(mail: MailReceived) -> str:
    """An e-mail as evidence: who sent it, its subject, the start of its text."""
    return (
        f"From: {mail.sender}\nSubject: {mail.subject}\n\n{_text.short(mail.text, 200)}"
    )
