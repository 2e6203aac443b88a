"""What the demo's chatbot and support agents say: pure functions of the conversation so
far.

The smooth bot understands refunds, damaged parcels and tracking, and hands a customer
who asks for a person to an agent who already knows the order number and the problem.
The potholed bot knows three FAQ topics, falls back on everything else with the same
sentence, sidesteps requests for a person and then sends the customer to the phone.
Wording matters: the walk's detectors read these replies, so smooth replies never ask
again for what the customer said, never send the customer elsewhere, and never repeat
each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ORDER_NUMBER = re.compile(r"\bSH-\d{6}\b", re.IGNORECASE)
FALLBACK = "Sorry, I didn't understand that. Can you rephrase?"
CALL_US = "Please call us on 0800 123 4567 (Monday to Friday, 9:00 to 17:00)."
# The potholed bot sidesteps a request for a person in a conversation's first turns,
# then gives up on the chat.
CALL_US_FROM_TURN = 3
AGENT_NAME = "Sam"

_HUMAN = re.compile(
    r"\b(human|agent|person|people|someone|somebody|representative|operator|advis[eo]r|real"
    r" person|staff)\b",
    re.IGNORECASE,
)
_REFUND = re.compile(
    r"\b(refund\w*|money back|reimburs\w*|pay me back)\b", re.IGNORECASE
)
_RETURN = re.compile(r"\b(return\w*|send (it|them) back)\b", re.IGNORECASE)
_REPLACEMENT = re.compile(
    r"\b(replace\w*|new pair|another pair|exchange)\b", re.IGNORECASE
)
_TRACK = re.compile(
    r"\b(track\w*|where is|where's|when will .* arrive|delivery status)\b",
    re.IGNORECASE,
)
_THANKS = re.compile(r"\b(thanks?|thank you|cheers|great|perfect)\b", re.IGNORECASE)
_GREETING = re.compile(
    r"^\s*(hi|hello|hey|good (morning|afternoon|evening))\b", re.IGNORECASE
)
# What went wrong, as the customer says it -> how an agent says it back.
_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bdamaged?\b", re.IGNORECASE), "arrived damaged"),
    (re.compile(r"\bbroken\b", re.IGNORECASE), "arrived broken"),
    (re.compile(r"\b(faulty|defective)\b", re.IGNORECASE), "is faulty"),
    (re.compile(r"\bwrong size\b", re.IGNORECASE), "came in the wrong size"),
    (
        re.compile(r"\b(missing|never arrived|not arrived)\b", re.IGNORECASE),
        "has not arrived",
    ),
)
# The FAQ topics both bots know.
_FAQ: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\b(delivery time|how long .*deliver|shipping)\b", re.IGNORECASE),
        "Standard delivery takes 2 to 4 working days and is free on orders over £50.",
    ),
    (
        re.compile(r"\b(size|sizes|sizing|fit)\b", re.IGNORECASE),
        "Our shoes come in UK sizes 4 to 13 and fit true to size.",
    ),
    (
        re.compile(r"\b(opening hours|open|hours)\b", re.IGNORECASE),
        "Our team is here from 8:00 to 20:00, every day of the week.",
    ),
)
SMOOTH_SUGGESTIONS = ("Track my order", "Return an order", "Talk to a person")
POTHOLED_SUGGESTIONS = ("Delivery times", "Sizes", "Opening hours")


@dataclass
class Conversation:
    """One customer's chat: what they told the bot, and whether a person has taken
    over.
    """

    id: str
    turns: int = 0
    order_number: str = ""
    problem: str = ""
    refund_started: bool = False
    replacement_sent: bool = False
    with_agent: bool = False
    agent_turns: int = 0
    awaiting_order_for: str = ""  # what the smooth bot asked the order number for


@dataclass(frozen=True)
class Reply:
    messages: tuple[tuple[str, str], ...]  # (who: "bot" | "agent", text)
    fallback: bool = False
    handoff: bool = False
    quick_replies: tuple[str, ...] = field(default=())

    def to_json(self, session: str) -> dict:
        return {
            "session": session,
            "messages": [{"from": who, "text": text} for who, text in self.messages],
            "fallback": self.fallback,
            "handoff": self.handoff,
            "quick_replies": list(self.quick_replies),
        }


def problem_in(text: str) -> str:
    """How an agent says back what went wrong ("arrived damaged"), or ""."""
    for pattern, wording in _PROBLEMS:
        if pattern.search(text):
            return wording
    return ""


def order_number_in(text: str) -> str:
    found = ORDER_NUMBER.search(text)
    return found.group(0).upper() if found else ""


def asks_for_a_person(text: str) -> bool:
    return bool(_HUMAN.search(text))


def answer(conversation: Conversation, message: str, *, mode: str) -> Reply:
    """The bot's (or, after a hand-off, the agent's) reply to the customer's next
    message.
    """
    conversation.turns += 1
    conversation.order_number = order_number_in(message) or conversation.order_number
    conversation.problem = problem_in(message) or conversation.problem
    if mode == "smooth":
        return _smooth(conversation, message)
    return _potholed(conversation, message)


def _faq(message: str) -> str:
    for pattern, text in _FAQ:
        if pattern.search(message):
            return text
    return ""


def _potholed(talk: Conversation, message: str) -> Reply:
    if asks_for_a_person(message):
        if talk.turns >= CALL_US_FROM_TURN:
            return Reply((("bot", CALL_US),), quick_replies=POTHOLED_SUGGESTIONS)
        return Reply(
            (
                (
                    "bot",
                    (
                        "I'm the Stride assistant and I can answer most questions right"
                        " here. What would you like to know?"
                    ),
                ),
            ),
            quick_replies=POTHOLED_SUGGESTIONS,
        )
    topic = _faq(message)
    if topic:
        return Reply((("bot", topic),), quick_replies=POTHOLED_SUGGESTIONS)
    if _GREETING.search(message):
        return Reply(
            (("bot", "Hi! Ask me about delivery times, sizes or opening hours."),),
            quick_replies=POTHOLED_SUGGESTIONS,
        )
    return Reply(
        (("bot", FALLBACK),), fallback=True, quick_replies=POTHOLED_SUGGESTIONS
    )


def _smooth(talk: Conversation, message: str) -> Reply:
    if talk.with_agent:
        talk.agent_turns += 1
        return Reply((("agent", _agent_follow_up(talk, message)),), handoff=True)
    if asks_for_a_person(message):
        talk.with_agent = True
        return Reply(
            (
                (
                    "bot",
                    (
                        f"Of course. I'm passing you to {AGENT_NAME} from our customer"
                        " care team, with everything you've told me."
                    ),
                ),
                ("agent", _agent_greeting(talk)),
            ),
            handoff=True,
        )
    number = talk.order_number
    if _REFUND.search(message) or (
        talk.awaiting_order_for == "refund" and order_number_in(message)
    ):
        if not number:
            talk.awaiting_order_for = "refund"
            return Reply(
                (
                    (
                        "bot",
                        (
                            "I can help with that. What is the order number? It starts"
                            " with SH-, like SH-123456."
                        ),
                    ),
                )
            )
        talk.awaiting_order_for = ""
        if talk.refund_started:
            return Reply(
                (
                    (
                        "bot",
                        (
                            "It's already under way, nothing more to do on your side."
                            " Banks usually take 3 to 5 working days to show the money"
                            " on a card statement."
                        ),
                    ),
                ),
                quick_replies=("Talk to a person",),
            )
        talk.refund_started = True
        return Reply(
            (
                (
                    "bot",
                    (
                        f"I can help with your refund for order {number}; I have"
                        " started it. The money goes back to the card you paid with,"
                        " and a confirmation is on its way to your inbox."
                    ),
                ),
            ),
            quick_replies=("Talk to a person",),
        )
    if _REPLACEMENT.search(message) and number:
        talk.replacement_sent = True
        return Reply(
            (
                (
                    "bot",
                    (
                        f"Done: a new pair for order {number} leaves our warehouse"
                        " today, free of charge."
                    ),
                ),
            )
        )
    if talk.problem and problem_in(message):
        if not number:
            talk.awaiting_order_for = "refund"
            return Reply(
                (
                    (
                        "bot",
                        (
                            f"I'm sorry it {talk.problem}. What is the order number? It"
                            " starts with SH-."
                        ),
                    ),
                )
            )
        return Reply(
            (
                (
                    "bot",
                    (
                        f"I'm sorry order {number} {talk.problem}. I can send you a new"
                        " pair today or refund you: just say which."
                    ),
                ),
            ),
            quick_replies=("Send a new pair", "Refund me", "Talk to a person"),
        )
    if _RETURN.search(message):
        return Reply(
            (
                (
                    "bot",
                    (
                        "Returns are free within 30 days: open Help, then Returns"
                        " policy, and print the label."
                    ),
                ),
            ),
            quick_replies=SMOOTH_SUGGESTIONS,
        )
    if _TRACK.search(message) or (
        talk.awaiting_order_for == "track" and order_number_in(message)
    ):
        if not number:
            talk.awaiting_order_for = "track"
            return Reply(
                (
                    (
                        "bot",
                        "Happy to check. What is the order number? It starts with SH-.",
                    ),
                )
            )
        talk.awaiting_order_for = ""
        return Reply((("bot", f"Order {number} {tracking_status(number)}."),))
    topic = _faq(message)
    if topic:
        return Reply((("bot", topic),), quick_replies=SMOOTH_SUGGESTIONS)
    if _GREETING.search(message):
        return Reply(
            (
                (
                    "bot",
                    (
                        "Hi! I can track an order, start a refund or a return, or find"
                        " you a person."
                    ),
                ),
            ),
            quick_replies=SMOOTH_SUGGESTIONS,
        )
    if _THANKS.search(message):
        return Reply((("bot", "You're welcome. Have a good run!"),))
    return Reply((("bot", FALLBACK),), fallback=True, quick_replies=SMOOTH_SUGGESTIONS)


def _agent_greeting(talk: Conversation) -> str:
    """The agent's first words after a hand-off: what they already know, so the customer
    need not repeat it.
    """
    known = []
    if talk.order_number and talk.problem:
        known.append(f"order {talk.order_number} {talk.problem}")
    elif talk.order_number:
        known.append(f"this is about order {talk.order_number}")
    if talk.refund_started:
        known.append("your refund is already started")
    if not known:
        return (
            f"Hi, I'm {AGENT_NAME} from Stride customer care, and I've read your chat"
            " so far. Tell me whatever you need, and I'll sort it out."
        )
    next_step = (
        "I've also booked a courier to collect the pair, so there is nothing more for"
        " you to do."
        if talk.problem
        else "I'll stay with you until it's sorted."
    )
    return (
        f"Hi, I'm {AGENT_NAME} from Stride customer care. I've read your chat:"
        f" {' and '.join(known)}. {next_step}"
    )


def _agent_follow_up(talk: Conversation, message: str) -> str:
    number = talk.order_number
    if _REPLACEMENT.search(message) and number:
        talk.replacement_sent = True
        return (
            f"Done: a new pair for order {number} leaves today, and the courier"
            " collects the old one at the same time."
        )
    if _REFUND.search(message) and number:
        talk.refund_started = True
        return (
            f"The refund for order {number} is started; banks usually show it within 3"
            " to 5 working days."
        )
    if asks_for_a_person(message):
        return (
            f"You're talking to a person: I'm {AGENT_NAME}, and I'm staying with you on"
            " this."
        )
    if _THANKS.search(message):
        return "You're welcome. Enjoy your running!"
    return (
        f"Noted, thank you. I've added that to the notes for order {number}."
        if number
        else ("Noted, thank you. I've added that to your case.")
    )


def tracking_status(order_number: str) -> str:
    """A deterministic status sentence for any order number ("is on its way with
    ParcelNow, ...").
    """
    digits = int(order_number[-6:])
    courier = ("ParcelNow", "SwiftPost", "RoadRunner Couriers")[digits % 3]
    days = ("tomorrow", "in 2 working days", "in 3 working days")[digits // 3 % 3]
    return f"is on its way with {courier}, expected {days}"


# -- support tickets -------------------------------------------------------------------


def agent_first_reply(subject: str, body: str, email: str, *, mode: str) -> str:
    """The support agent's answer to a new ticket."""
    text = f"{subject}\n{body}"
    if mode != "smooth":
        # The planted pothole: the agent never reads the ticket.
        return (
            "Hello, thank you for contacting Stride. Could you tell me your order"
            " number and e-mail address?"
        )
    number, problem = order_number_in(text), problem_in(text)
    if not number:
        return (
            "Hello, I'm Priya from Stride customer care. I'm sorry about this. "
            "Could you tell me the order number? It starts with SH-."
        )
    if problem:
        return (
            f"Hello, I'm Priya from Stride customer care. I'm sorry order {number}"
            f" {problem}. I've sent a replacement pair today at no cost, and the"
            f" tracking link goes to {email or 'your inbox'}. There's no need to send"
            " the old pair back."
        )
    return (
        f"Hello, I'm Priya from Stride customer care. I've looked at order {number} and"
        " I'm on it; you'll have an update from me today."
    )


def agent_follow_up(messages: list[dict], text: str, *, mode: str) -> str:
    """The support agent's answer to the customer's next message on a ticket."""
    said = (
        "\n".join(m["text"] for m in messages if m["from"] == "customer") + "\n" + text
    )
    number = order_number_in(said)
    if mode != "smooth":
        if order_number_in(text):
            return (
                "Thank you. I've passed your case to our returns team; they will be in"
                " touch within 5 to 7 working days."
            )
        return "Could you tell me your order number and e-mail address?"
    if number and not any(
        number in m["text"] for m in messages if m["from"] == "agent"
    ):
        return agent_first_reply("", said, "", mode=mode)
    if _THANKS.search(text):
        return "You're welcome. Enjoy your running!"
    return (
        f"Thank you, I've added that to the notes for order {number}."
        if number
        else ("Thank you, I've added that to your case.")
    )
