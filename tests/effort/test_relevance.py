"""The not-understood check on real answers: precision and recall on a labelled set from
the tests' chatbots.

tests/effort/chat_answers.toml holds 150 questions put to the demo bot (smooth and
potholed), the RiveScript brain of tests/realapps and Volta Energy's assistant, with
each bot's real answer, labelled by hand (did it answer?) before the relevance check was
written. The floors below are what the check must keep; the figures are printed (pytest
-s) and quoted in docs/effort-model.md.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from journeys.effort import _text, detect
from journeys.effort._relevance import unanswered
from journeys.effort.events import MessageSent, ReplyReceived

from .build import journey, step

PAIRS = tomllib.loads(
    (Path(__file__).parent / "chat_answers.toml").read_text(encoding="utf-8")
)["pair"]


def _judged(pair: dict) -> bool:
    """What the walk decides: not understood (a friction) or answered, as the detector
    sees this one turn.
    """
    events = journey(
        step(
            "ask",
            MessageSent(channel="chat", text=pair["question"]),
            ReplyReceived(
                channel="chat", text=pair["answer"], fallback=pair["fallback"]
            ),
        )
    )
    return any(f.kind == "not_understood" for f in detect(events))


def _figures(pairs: list[dict]) -> tuple[float, float, int]:
    flagged = [p for p in pairs if _judged(p)]
    missed = [p for p in pairs if not p["answered"]]
    true = [p for p in flagged if not p["answered"]]
    return len(true) / max(1, len(flagged)), len(true) / max(1, len(missed)), len(pairs)


def test_the_labelled_set_is_big_enough_and_has_both_classes():
    assert len(PAIRS) >= 100
    assert {p["answered"] for p in PAIRS} == {True, False}


def test_on_every_answer_precision_and_recall():
    precision, recall, n = _figures(PAIRS)
    print(
        f"not understood, all {n} answers: precision {precision:.2f}, recall"
        f" {recall:.2f}"
    )
    assert precision >= 0.97 and recall >= 0.9


def test_on_answers_with_no_flag_and_no_fallback_wording_the_relevance_check_alone():
    alone = [
        p for p in PAIRS if not p["fallback"] and not _text.not_understood(p["answer"])
    ]
    precision, recall, n = _figures(alone)
    print(
        f"relevance check alone, {n} answers: precision {precision:.2f}, recall"
        f" {recall:.2f}"
    )
    assert n >= 50
    assert precision >= 0.95 and recall >= 0.7


@pytest.mark.parametrize(
    "question, answer, reason",
    [
        (
            "How much does express delivery cost?",
            "Express delivery arrives the next working day.",
            "how much",
        ),
        (
            "When will my refund arrive?",
            "Refunds go back to the card you paid with.",
            "when or how long",
        ),
        ("What is your phone number?", "You can reach our team by phone.", "a number"),
        (
            "Where is my order?",
            "I can help with bills, moving home and meter readings.",
            "what it can help with",
        ),
        (
            "Is my bill higher because of the cold?",
            "Our shoes come in UK sizes 4 to 13.",
            "something else",
        ),
        (
            "When will I get my money back?",
            "Refunds are paid within 5 working days.",
            "",
        ),
        ("Where is my order?", "Happy to check. What is the order number?", ""),
        (
            "I am moving home next month",
            "I can help with moving home: I have noted your email.",
            "",
        ),
        ("Can I talk to a person?", "Our team is on 0800 123 4567.", ""),
        ("hello", "I can help with bills, moving home and meter readings.", ""),
    ],
)
def test_each_check_on_its_own(question, answer, reason):
    found = unanswered(question, answer)
    assert (reason in found) if reason else found == ""
