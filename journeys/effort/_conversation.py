"""Detectors of the conversation channels (chat, support): bot loops, channel switches, lost hand-offs."""

from __future__ import annotations

from . import _text
from ._walk import Found, _and, _fact_words, _facts_given, _step_ref, _Walk
from .events import MessageSent, ReplyReceived, TicketOpened


# -- bot_loop -----------------------------------------------------------------------------


class _Conversation:
    """What one channel's bot said so far, for repeats, fallbacks and unanswered requests for a human."""

    def __init__(self) -> None:
        self.replies: list[tuple[str, str]] = []  # (reply, the customer message it answered)
        self.last_message = ""
        self.answering = False
        self.previous_fallback = False
        self.human_asked_turns: int | None = None


def _bot_loops(walk: _Walk) -> Found:
    model = walk.model
    talks: dict[str, _Conversation] = {}
    for index, event in enumerate(walk.events):
        if isinstance(event, MessageSent):
            talk = talks.setdefault(event.channel, _Conversation())
            talk.last_message, talk.answering = event.text, True
            if event.asked_for_human and talk.human_asked_turns is None:
                talk.human_asked_turns = 0
            continue
        if not isinstance(event, ReplyReceived) or event.by == "system" and not event.handoff:
            continue
        talk = talks.setdefault(event.channel, _Conversation())
        if event.handoff or event.by == "agent":
            talk.human_asked_turns, talk.previous_fallback = None, False
            continue
        reasons = []
        if talk.human_asked_turns is not None:
            talk.human_asked_turns += 1
            if talk.human_asked_turns >= model.human_handoff_turns:
                turns = talk.human_asked_turns
                reasons.append(f"the customer asked for a human {turns} bot turn{'s' if turns > 1 else ''} ago "
                               "and was not handed over")
                talk.human_asked_turns = None
        if not event.failed:
            if talk.answering and len(event.text.split()) >= 3:
                for earlier, prompt in talk.replies:
                    same_question = prompt and _text.similarity(prompt, talk.last_message) >= model.bot_similarity
                    if not same_question and _text.similarity(earlier, event.text) >= model.bot_similarity:
                        reasons.append(f'the bot repeated an earlier reply ("{_text.short(earlier, 60)}")')
                        break
            if event.fallback and talk.previous_fallback:
                reasons.append("the bot did not understand twice in a row")
            talk.previous_fallback = event.fallback
            talk.replies.append((event.text, talk.last_message if talk.answering else ""))
            talk.answering = False
        if reasons:
            evidence = "; ".join(reasons)
            yield index, walk.friction(
                "bot_loop",
                event,
                evidence[0].upper() + evidence[1:] + ".",
                where=f"{event.channel} ({_step_ref(event)})",
                excerpt=f"customer: {talk.last_message}\n{event.by}: {event.text or event.failed}",
            )


# -- channel_switch -----------------------------------------------------------------------

_SENT_TO = {
    "phone": "to phone",
    "ticket": "to open a ticket",
    "email": "to e-mail",
    "store": "to a store",
    "form": "to a form",
    "chat": "to the chat",
    "post": "to write a letter",
    "other": "to contact the company another way",
}


def _channel_switches(walk: _Walk) -> Found:
    for index, event in enumerate(walk.events):
        if not isinstance(event, ReplyReceived) or event.failed or event.handoff or event.by == "system":
            continue
        found = _text.channel_switch(event.text, event.channel)
        if found:
            kind, words = found
            who = "The bot" if event.by == "bot" else "The agent"
            yield index, walk.friction(
                "channel_switch",
                event,
                f'{who} sent the customer {_SENT_TO[kind]} to finish: "{words}"',
                where=f"{event.channel} ({_step_ref(event)})",
                excerpt=event.text,
            )


# -- handoff_context_lost -----------------------------------------------------------------


def _handoffs_losing_context(walk: _Walk) -> Found:
    given: set[str] = set()
    told_problem = False
    handoff = ""  # how the customer was last handed over, "" before any hand-off
    given_before_handoff: set[str] = set()
    lost_in_this_handoff = False
    bot_spoke: set[str] = set()
    for index, event in enumerate(walk.events):
        if isinstance(event, ReplyReceived) and not event.failed:
            if event.handoff or (event.by == "agent" and event.channel in bot_spoke):
                if event.handoff or not handoff.startswith("the bot"):
                    handoff = f"the bot handed the customer to a human ({_step_ref(event)})"
                    given_before_handoff = given | ({"problem"} if told_problem else set())
                    lost_in_this_handoff = False
                bot_spoke.discard(event.channel)
            if event.by == "bot":
                bot_spoke.add(event.channel)
            if event.by == "agent":
                known = given | ({"problem"} if told_problem else set())
                asked = [fact for fact in _text.facts_asked(event.text) if fact in known]
                if asked:
                    lost_in_this_handoff = True
                    after = f"After {handoff}, the agent" if handoff else "The agent"
                    yield index, walk.friction(
                        "handoff_context_lost",
                        event,
                        f"{after} asked again for the customer's {_and(_fact_words(f) for f in asked)}, "
                        "already given.",
                        where=f"{event.channel} ({_step_ref(event)})",
                        excerpt=event.text,
                    )
            continue
        facts = {fact for fact, _ in _facts_given(event)}
        if handoff and not lost_in_this_handoff and not isinstance(event, TicketOpened):
            restated = sorted(facts & given_before_handoff)
            if restated:
                lost_in_this_handoff = True
                yield index, walk.friction(
                    "handoff_context_lost",
                    event,
                    f"After {handoff}, the customer had to give their "
                    f"{_and(_fact_words(f) for f in restated)} again.",
                    where=_facts_given(event)[0][1],
                    excerpt=getattr(event, "text", "") or getattr(event, "label", ""),
                )
        if isinstance(event, TicketOpened):
            # Chat or web -> a ticket is a hand-off; what the ticket form asked again is a re-entry.
            handoff = f"the customer opened a support ticket ({_step_ref(event)})"
            given_before_handoff = given | ({"problem"} if told_problem else set())
            lost_in_this_handoff = False
            told_problem = True
        elif isinstance(event, MessageSent) and not event.asked_for_human and len(event.text.split()) >= 4:
            told_problem = True
        given |= facts
