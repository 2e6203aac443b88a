"""The tests' own support bot behind both chat front ends: deterministic, with a smooth
and a friction variant.

It answers by keywords, as small rule bots do. Each answer is a list of messages, each
by an author ("Penny", the bot, or "Kim", a person), with its words (markdown), the
pause before it, the pause between its words while it streams, and its buttons. The
friction variant plants one friction a journey: a fallback, a loop, a slow stream,
"please call", a hand-off that loses the context, a dead action button (manifest.toml
lists them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

BOT = "Penny"
PERSON = "Kim"


@dataclass(frozen=True)
class Message:
    author: str
    text: str  # markdown
    word_ms: int = 30  # the pause between two words while it streams
    first_ms: int = 150  # the pause before its first word
    buttons: tuple[str, ...] = ()


@dataclass
class Conversation:
    """One customer's conversation: what the bot knows so far."""

    variant: str  # "smooth" or "friction"
    order: str = ""
    with_person: bool = False
    asked: list[str] = field(default_factory=list)

    def answer(self, text: str) -> list[Message]:
        friction = self.variant == "friction"
        words = text.lower()
        self.asked.append(words)
        found = re.search(r"\b[A-Z]{2}-\d{6}\b", text)
        if found:
            self.order = found.group(0)
        if found and not re.search(r"human|person|agent|refund|money", words):
            return [
                Message(
                    BOT, f"Thanks, I found order {self.order}. How can I help with it?"
                )
            ]
        if self.with_person:
            return [
                Message(
                    PERSON,
                    f"Done: the refund for {self.order or 'your order'} is on its way.",
                    word_ms=20,
                )
            ]
        if re.search(r"human|person|agent", words):
            self.with_person = True
            hello = (
                "Hi, I'm Kim. What is your order number?"
                if friction
                else (
                    f"Hi, I'm Kim. I can see order {self.order or 'on your account'},"
                    " I'll sort it out now."
                )
            )
            return [
                Message(BOT, "I am transferring you to a colleague now."),
                Message(PERSON, hello, first_ms=400),
            ]
        if "gift" in words:
            if friction:
                return [
                    Message(BOT, "Sorry, I didn't understand that. Could you rephrase?")
                ]
            return [
                Message(
                    BOT,
                    "Yes, gift cards from 10 to 200 euros are on the Gift cards page.",
                )
            ]
        if "card" in words:
            return [
                Message(
                    BOT,
                    "Your **debit card** ending 4242:\n\n- Lost or stolen? Block it"
                    " now.\n- Spending abroad? Nothing to do.",
                    buttons=("Block my card",),
                )
            ]
        if "block" in words:
            return [Message(BOT, "Your card is blocked. A new one is on its way.")]
        if "address" in words:
            if friction:
                return [
                    Message(
                        BOT, "To change your address, please call us on 0800 123 456."
                    )
                ]
            return [
                Message(BOT, "Done: your new address is saved for your next orders.")
            ]
        if "where" in words or "track" in words:
            return [
                Message(
                    BOT,
                    "Your parcel left our warehouse this morning and arrives tomorrow"
                    " before noon.",
                    word_ms=800 if friction else 25,
                )
            ]
        if "refund" in words or "money" in words:
            if (
                friction
                or len([a for a in self.asked if "refund" in a or "money" in a]) == 1
            ):
                return [
                    Message(
                        BOT,
                        "Refunds are paid within 5 working days of your return"
                        " arriving:\n\n1. Open **My orders**\n2. Choose the item\n3."
                        " Print the label",
                    )
                ]
            return [
                Message(
                    BOT,
                    "Your return arrived yesterday, so the money reaches your account"
                    " by Friday.",
                )
            ]
        return [
            Message(BOT, "Hello! I can help with orders, refunds, cards and addresses.")
        ]


def dead_button(variant: str) -> bool:
    """Whether "Block my card" does nothing (the friction variant's dead action
    button).
    """
    return variant == "friction"
