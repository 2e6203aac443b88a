"""Detectors of the conversation channels (chat, support): bot loops, channel switches,
hand-offs and transfers.

Decisions a reader may look for:

- "Not handed over within N turns" follows `handoff_within`'s counting rule and is
  charged once the N-th turn is over, at the event that settles it.
- A reply that sends the customer where an earlier reply already sent them (the same
  "please call us" on the insisting turn) is no second switch.
- Every hand-off is a transfer: bot to person, person to person (the author changes),
  chat or web to a ticket. The first is how service works; each one after it is a
  `handoff_context_lost` naming who passed the customer to whom, except a ticket the
  chat sent them to write: that switch was charged already.
- Each person who asks again for what the customer already gave costs one
  `handoff_context_lost`, once per person. A bot that asks again for what the customer
  told it earlier in the same conversation has forgotten it: the in-bot twin, one
  `handoff_context_lost` per conversation, charged at the question whether or not the
  customer then answers it (the answer is its consequence, never a second friction: see
  _reentry.py). Asking for the problem ("what do you need help with today?") counts only
  when nothing that person says in the same answer refers to the problem, so it is
  judged when their answer is over.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from . import _text
from ._asking import facts_asked
from ._handoff import handoff_checks
from ._relevance import unanswered
from ._walk import Found, _and, _fact_words, _facts_given, _step_ref, _Walk
from .events import Event, MessageSent, ReplyReceived, TicketOpened
from .frictions import Friction
from .kinds import BOT_LOOP, CHANNEL_SWITCH, HANDOFF_CONTEXT_LOST, NOT_UNDERSTOOD

_CHANNELS = ("chat", "support")


# -- bot_loop --------------------------------------------------------------------------


class _Conversation:
    """What one channel's bot said so far, for repeats and fallbacks."""

    def __init__(self) -> None:
        # (reply, the customer message it answered)
        self.replies: list[tuple[str, str]] = []
        self.last_message = ""
        self.answering = False  # the customer's last message has had no bot reply yet
        self.previous_fallback = False  # the bot's last reply did not understand


@dataclass(frozen=True)
class _Turn:
    """One reply as its conversation saw it: the state before it, and whether it
    missed.
    """

    reply: ReplyReceived
    talk: _Conversation
    answering: bool  # it answers the customer's last message
    after_fallback: bool  # the bot's reply before it did not understand either
    earlier: int  # how many of talk.replies came before it
    missed: str  # why it shows the bot did not understand the customer, or ""


class _Talks:
    """Each channel's conversation, kept once for every detector that follows the
    bot.
    """

    def __init__(self) -> None:
        self.by_channel: dict[str, _Conversation] = {}

    def talk(self, channel: str) -> _Conversation:
        return self.by_channel.setdefault(channel, _Conversation())

    def heard(self, event: Event) -> _Turn | None:
        """Follow `event`; a reply that counts (not a system notice) comes back as a
        turn.
        """
        if isinstance(event, MessageSent):
            talk = self.talk(event.channel)
            talk.last_message, talk.answering = event.text, True
            return None
        if not isinstance(event, ReplyReceived) or (
            event.by == "system" and not event.handoff
        ):
            return None
        talk = self.talk(event.channel)
        turn = _Turn(
            reply=event,
            talk=talk,
            answering=talk.answering,
            after_fallback=talk.previous_fallback,
            earlier=len(talk.replies),
            missed="",
        )
        if event.handoff or event.by == "agent":
            talk.previous_fallback = False  # a person: the bot's next miss is a first
            return turn
        if event.failed:  # no reply came: the error's, and the bot's state stands
            return turn
        missed = _missed(event, talk)
        talk.previous_fallback = bool(missed)
        talk.replies.append((event.text, talk.last_message if talk.answering else ""))
        talk.answering = False
        return replace(turn, missed=missed)


def _unanswered_requests(walk: _Walk) -> dict[int, list[tuple[str, int]]]:
    """Event index that settles a request for a human left unanswered -> [(channel,
    turns it was given)].
    """
    out: dict[int, list[tuple[str, int]]] = {}
    for channel in _CHANNELS:
        for check in handoff_checks(
            walk.events, walk.model.human_handoff_turns, channel=channel
        ):
            if not check.handed_over and check.settled_at is not None:
                out.setdefault(check.settled_at, []).append((channel, check.turns_used))
    return out


def _bot_loops(walk: _Walk) -> Found:
    model = walk.model
    talks = _Talks()
    unanswered = _unanswered_requests(walk)
    last_reply: dict[str, tuple[Event, _Conversation]] = {}
    for index, event in enumerate(walk.events):
        for channel, turns in unanswered.get(index, ()):
            reply, talk = last_reply.get(channel, (event, talks.talk(channel)))
            yield (
                index,
                walk.friction(
                    BOT_LOOP,
                    reply,
                    f"The customer asked for a human {turns} bot"
                    f" turn{'s' if turns > 1 else ''} ago and was not handed over.",
                    where=f"{channel} ({_step_ref(reply)})",
                    excerpt=(
                        f"customer: {talk.last_message}\n{getattr(reply, 'by', 'bot')}:"
                        f" {getattr(reply, 'text', '')}"
                    ),
                ),
            )
        turn = talks.heard(event)
        if turn is None:
            continue
        reply, talk = turn.reply, turn.talk
        last_reply[reply.channel] = (reply, talk)
        if reply.handoff or reply.by == "agent" or reply.failed:
            continue
        reasons = []
        if turn.answering and len(reply.text.split()) >= 3:
            for earlier, prompt in talk.replies[: turn.earlier]:
                same_question = (
                    prompt
                    and _text.similarity(prompt, talk.last_message)
                    >= model.bot_similarity
                )
                if (
                    not same_question
                    and _text.similarity(earlier, reply.text) >= model.bot_similarity
                ):
                    reasons.append(
                        "the bot repeated an earlier reply"
                        f' ("{_text.short(earlier, 60)}")'
                    )
                    break
        if turn.missed and turn.after_fallback:
            reasons.append("the bot did not understand twice in a row")
        if reasons:
            evidence = "; ".join(reasons)
            yield (
                index,
                walk.friction(
                    BOT_LOOP,
                    reply,
                    evidence[0].upper() + evidence[1:] + ".",
                    where=f"{reply.channel} ({_step_ref(reply)})",
                    excerpt=(
                        f"customer: {talk.last_message}\n{reply.by}:"
                        f" {reply.text or reply.failed}"
                    ),
                ),
            )


def _missed(reply: ReplyReceived, talk: _Conversation) -> str:
    """Why a bot reply shows it did not understand the customer's message, or "" (a
    reply that helps).
    """
    if reply.by != "bot" or reply.failed or reply.handoff:
        return ""
    if reply.fallback:
        return "the bot said it did not understand"
    words = _text.not_understood(reply.text)
    if words:
        return f'the bot said it did not understand: "{words}"'
    if reply.confidence is not None and reply.confidence < reply.confidence_floor:
        return (
            f"the bot answered at confidence {reply.confidence:.2f}, below its"
            f" {reply.confidence_floor:.2f}: a nearest match to another question"
        )
    asked = talk.last_message if talk.answering else ""
    if asked and _text.greeting_only(reply.text) and not _text.greeting_only(asked):
        return "the bot answered with a greeting, not an answer"
    return unanswered(asked, reply.text) if asked else ""


def _misunderstandings(walk: _Walk) -> Found:
    """Each reply that shows the bot did not understand, once: the second in a row is
    the bot loop's.
    """
    talks = _Talks()
    for index, event in enumerate(walk.events):
        turn = talks.heard(event)
        if turn is None or not turn.missed or turn.after_fallback or not turn.answering:
            continue
        reply = turn.reply
        yield (
            index,
            walk.friction(
                NOT_UNDERSTOOD,
                reply,
                turn.missed[0].upper() + turn.missed[1:] + ".",
                where=f"{reply.channel} ({_step_ref(reply)})",
                excerpt=f"customer: {turn.talk.last_message}\n{reply.by}: {reply.text}",
            ),
        )


# -- channel_switch --------------------------------------------------------------------

_SENT_TO = {
    "phone": "to phone",
    "ticket": "to open a ticket",
    "email": "to e-mail",
    "store": "to a store",
    "form": "to a form",
    "chat": "to the chat",
    "web": "to the website",
    "post": "to write a letter",
    "other": "to contact the company another way",
}


def _channel_switches(walk: _Walk) -> Found:
    sent: set[tuple[str, str]] = (
        set()
    )  # (channel, where to): told once is one switch, however often repeated
    for index, event in enumerate(walk.events):
        if (
            not isinstance(event, ReplyReceived)
            or event.failed
            or event.handoff
            or event.by == "system"
        ):
            continue
        found = _text.channel_switch(event.text, event.channel)
        if found and (event.channel, found[0]) not in sent:
            kind, words = found
            sent.add((event.channel, kind))
            who = "The bot" if event.by == "bot" else "The agent"
            yield (
                index,
                walk.friction(
                    CHANNEL_SWITCH,
                    event,
                    f'{who} sent the customer {_SENT_TO[kind]} to finish: "{words}"',
                    where=f"{event.channel} ({_step_ref(event)})",
                    excerpt=event.text,
                ),
            )


# -- handoff_context_lost: transfers and asking again ----------------------------------

# Words of a request that say nothing about the problem itself.
_GENERIC = frozenset(
    _text.content_words(
        "help hello thank thanks please want need human person agent talk speak someone"
        " somebody real people customer service support team chat today again know like"
        " could would"
    )
)
_ORDINAL = {2: "2nd", 3: "3rd"}
_WRITE = frozenset(
    {"ticket", "form", "email", "other"}
)  # switches that a support ticket answers


@dataclass
class _Handoff:
    """One transfer of the customer, and whether restating something after it was
    already charged.
    """

    number: int  # 1 for the first transfer of the journey
    said: str  # "the bot handed the customer to Sam (step 3)"
    known: frozenset[str]  # facts (and "problem") the customer had given before it
    charged: bool = False


@dataclass
class _Person:
    """Someone who talks to the customer on one channel; "" until their first reply
    names them.
    """

    name: str
    handoff: (
        _Handoff | None
    )  # how they came to the customer; None when they answered first
    charged: bool = False  # already cost a lost context: once per person
    answer: list[str] = field(
        default_factory=list
    )  # what they said since the customer's last message
    problem_asked_at: ReplyReceived | None = (
        None  # a question for the problem, judged when their answer is over
    )

    @property
    def who(self) -> str:
        return self.name or "the agent"


class _Handoffs:
    """The hand-offs of one journey so far: who talks where, what the customer gave, how
    often they were passed on.
    """

    def __init__(self, walk: _Walk) -> None:
        self.walk = walk
        self.given: set[str] = set()
        self.problem_words: set[str] = set()
        self.transfers = 0
        self.last: _Handoff | None = None
        self.people: dict[str, _Person] = {}  # channel -> the person talking there now
        self.waiting: dict[
            str, _Handoff
        ] = {}  # channel -> a hand-off whose person has not spoken yet
        self.bot_spoke: set[str] = set()
        self.told: dict[
            str, set[str]
        ] = {}  # channel -> facts the customer said in that conversation
        self.bot_forgot: set[str] = (
            set()
        )  # conversations whose bot already cost a lost context
        self.chatted = False
        # a chat reply sent the customer to a ticket, form or e-mail: a charged switch
        self.sent_to_write = False

    def known(self) -> frozenset[str]:
        return frozenset(self.given | ({"problem"} if self.problem_words else set()))

    def transfer(
        self, event: Event, said: str, *, charged_elsewhere: bool = False
    ) -> tuple[_Handoff, Friction | None]:
        """Count a transfer; each after the first is effort ("shuffled between agents"),
        unless its cause was charged.
        """
        self.transfers += 1
        handoff = self.last = _Handoff(
            self.transfers, f"{said} ({_step_ref(event)})", self.known()
        )
        if handoff.number == 1 or charged_elsewhere:
            return handoff, None
        nth = _ORDINAL.get(handoff.number, f"{handoff.number}th")
        return handoff, self.walk.friction(
            HANDOFF_CONTEXT_LOST,
            event,
            f"Passed on again: {said} ({_step_ref(event)}), the {nth} transfer of this"
            " journey.",
            where=f"{getattr(event, 'channel', 'support')} ({_step_ref(event)})",
            excerpt=getattr(event, "text", ""),
        )

    def reply(self, event: ReplyReceived) -> list[Friction]:
        """A reply: a bot handing over, a person taking over or passing the customer on,
        a person asking again.
        """
        channel, found = event.channel, []
        if channel == "chat" and event.by != "system" and not event.handoff:
            switch = _text.channel_switch(event.text, channel)
            self.sent_to_write = self.sent_to_write or (
                switch is not None and switch[0] in _WRITE
            )
        if event.by != "agent":
            if event.by == "bot":
                self.bot_spoke.add(channel)
                forgotten = [
                    f
                    for f in facts_asked(event.text)
                    if f in self.told.get(channel, ())
                ]
                # "Send a photo to care@shop with your order number": the switch is
                # charged; that is not forgetting.
                sends_away = _text.channel_switch(event.text, channel) is not None
                if (
                    forgotten
                    and channel not in self.bot_forgot
                    and not event.handoff
                    and not sends_away
                ):
                    self.bot_forgot.add(channel)
                    found.append(
                        self.walk.friction(
                            HANDOFF_CONTEXT_LOST,
                            event,
                            "The bot asked again for the customer's"
                            f" {_and(_fact_words(f) for f in forgotten)}, told to it"
                            f" earlier in this {channel}.",
                            where=f"{channel} ({_step_ref(event)})",
                            excerpt=event.text,
                        )
                    )
                if (
                    event.handoff
                    and channel not in self.people
                    and channel not in self.waiting
                ):
                    handoff, friction = self.transfer(
                        event, "the bot handed the customer to a person"
                    )
                    self.waiting[channel] = handoff
                    found += [friction] if friction else []
            return found
        name = event.author
        person = self.people.get(channel)
        if person is None:
            handoff = self.waiting.pop(channel, None)
            if handoff is None and (channel in self.bot_spoke or event.handoff):
                handoff, friction = self.transfer(
                    event, f"the bot handed the customer to {name or 'a person'}"
                )
                found += [friction] if friction else []
            person = self.people[channel] = _Person(name, handoff)
        elif name and person.name and name != person.name:
            handoff, friction = self.transfer(
                event, f"{person.name} passed the customer to {name}"
            )
            found += [friction] if friction else []
            person = self.people[channel] = _Person(name, handoff)
        person.name = person.name or name
        self.bot_spoke.discard(channel)
        person.answer.append(event.text)
        asked = [fact for fact in facts_asked(event.text) if fact in self.known()]
        if person.charged or not asked:
            return found
        if asked == ["problem"]:
            person.problem_asked_at = person.problem_asked_at or event
            return found
        person.problem_asked_at = None
        return [*found, self.asked_again(event, person, asked)]

    def answer_over(self, event: Event) -> list[Friction]:
        """Judge the questions for the problem of everyone whose answer `event` ends."""
        found = []
        for channel, person in self.people.items():
            if person.problem_asked_at is None:
                continue
            if (
                isinstance(event, ReplyReceived)
                and event.channel == channel
                and event.by == "agent"
            ):
                continue  # still answering
            asked_at, person.problem_asked_at = person.problem_asked_at, None
            beside = _text.content_words(" ".join(person.answer)) - _GENERIC
            if not person.charged and not beside & self.problem_words:
                found.append(self.asked_again(asked_at, person, ["problem"]))
        return found

    def asked_again(
        self, event: ReplyReceived, person: _Person, asked: list[str]
    ) -> Friction:
        person.charged = True
        if person.handoff is not None:
            # the customer's answer is this friction's consequence, not a new one
            person.handoff.charged = True
        after = (
            f"After {person.handoff.said}, {person.who}"
            if person.handoff
            else person.who.capitalize()
        )
        return self.walk.friction(
            HANDOFF_CONTEXT_LOST,
            event,
            f"{after} asked again for the customer's"
            f" {_and(_fact_words(f) for f in asked)}, already given.",
            where=f"{event.channel} ({_step_ref(event)})",
            excerpt=event.text,
        )


def _handoffs_losing_context(walk: _Walk) -> Found:
    state = _Handoffs(walk)
    for index, event in enumerate(walk.events):
        yield from ((index, f) for f in state.answer_over(event))
        if isinstance(event, ReplyReceived):
            if not event.failed:
                yield from ((index, f) for f in state.reply(event))
            continue
        facts = {fact for fact, _ in _facts_given(event)}
        handoff = state.last
        if handoff and not handoff.charged and not isinstance(event, TicketOpened):
            restated = sorted(facts & handoff.known)
            if restated:
                handoff.charged = True
                yield (
                    index,
                    walk.friction(
                        HANDOFF_CONTEXT_LOST,
                        event,
                        f"After {handoff.said}, the customer had to give their "
                        f"{_and(_fact_words(f) for f in restated)} again.",
                        where=_facts_given(event)[0][1],
                        excerpt=getattr(event, "text", "")
                        or getattr(event, "label", ""),
                    ),
                )
        if isinstance(event, TicketOpened):
            if not state.chatted:
                said = "the customer opened a support ticket"
            elif "chat" in state.people:
                said = (
                    f"{state.people['chat'].who} in the chat passed the customer to a"
                    " support ticket"
                )
            else:
                said = "the chat passed the customer to a support ticket"
            # Sent from the chat to write in: the channel switch was charged; the ticket
            # is its consequence.
            handoff, friction = state.transfer(
                event, said, charged_elsewhere=state.sent_to_write
            )
            yield from ((index, f) for f in [friction] if f)
            state.people.pop("support", None)
            state.waiting["support"] = handoff
            state.problem_words |= (
                _text.content_words(f"{event.subject} {event.text}") - _GENERIC
            )
        elif isinstance(event, MessageSent):
            state.told.setdefault(event.channel, set()).update(facts)
            for person in state.people.values():
                person.answer = []
            state.chatted = state.chatted or event.channel == "chat"
            if not event.asked_for_human and len(event.text.split()) >= 4:
                state.problem_words |= _text.content_words(event.text) - _GENERIC
        state.given |= facts
