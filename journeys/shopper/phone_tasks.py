"""Tasks over the phone line: find the way to a goal through the menus, and reach a
person, as a caller would.

A caller listens to the options, picks the one whose words sound most like what they
want, keys in what they are asked for and know, and, wanting a person, presses the
option that offers one, else 0, else waits in silence (many lines put a silent caller
through). Every choice is an ordinary action of `PhoneLine`, so the events say what
happened; nothing here counts effort.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..effort._phone import asks_for
from ..effort.events import GaveUp, GoalReached, PromptHeard
from .goals import DEFAULT_GOALS, Goal, goal_for
from .phone import Option, PhoneLine

PERSON_WORDS = (
    "person",
    "agent",
    "adviser",
    "advisor",
    "representative",
    "operator",
    "someone",
    "human",
    "team member",
)
MATCH_THRESHOLD = (
    60.0  # how alike an option's words and the goal's must sound to be worth pressing
)


@dataclass(frozen=True)
class PersonCheck:
    """Whether the caller reached a person within the menus allowed, and what they heard
    instead.
    """

    reached: bool
    menus_used: int
    heard: tuple[str, ...] = ()


def seek_on_phone(
    line: PhoneLine,
    words: str,
    goals: Mapping[str, Goal] | None = None,
    *,
    patience: int = 6,
) -> GoalReached | GaveUp:
    """Walk the menus toward the goal: the best-sounding option each time, facts keyed
    in when asked, until a person takes the call.
    """
    goal = goal_for(words, goals or DEFAULT_GOALS)
    if not line.call_id:
        line.call()
    start = len(line.ledger)
    for hop in range(patience + 1):
        if _arrived(line, goal, start):
            return line.ledger.record(GoalReached(goal=goal.name, hops=hop))  # type: ignore[return-value]
        if line.ended:
            # The line ended the call: whatever it did (sent the caller away, failed) is
            # its own finding.
            return line.ledger.record(
                GaveUp(
                    goal=goal.name,
                    reason=f"the call ended before it ({line.how_it_ended()})",
                    cause="expectation",
                )
            )  # type: ignore[return-value]
        if line.on_hold:
            line.wait_on_hold()
            continue
        if hop == patience:
            break
        if _key_in_what_is_asked(line):
            continue
        option = best_option(line.options(), goal)
        if option is None:
            heard = (
                "; ".join(f"{o.keys}: {o.words}" for o in line.options())
                or "no options"
            )
            return line.ledger.record(
                GaveUp(
                    goal=goal.name,
                    reason=f"no option of the menu sounded like it ({heard})",
                )
            )  # type: ignore[return-value]
        line.press(option.keys)
    return line.ledger.record(
        GaveUp(goal=goal.name, reason=f"still in the menus after {patience} choices")
    )  # type: ignore[return-value]


def reach_person(line: PhoneLine, menus: int) -> PersonCheck:
    """Try to reach a person within `menus` answers: the option offering one, else the
    operator key, else silence.
    """
    if not line.call_id:
        line.call()
    start_menus, start = line.menus, len(line.ledger)
    tried: set[str] = set()
    for _ in range(menus + 2):
        if line.transferred or line.ended or line.menus - start_menus >= menus:
            break
        if line.on_hold:
            line.wait_on_hold()
            continue
        if _key_in_what_is_asked(line):
            continue
        options = line.options()
        person = next(
            (o for o in options if _offers_person(o.words) and o.keys not in tried),
            None,
        )
        operator = next((k for k in line.config.operator_keys if k not in tried), None)
        if person is not None:
            tried.add(person.keys)
            line.press(person.keys)
        elif operator is not None and line.asking is not None:
            tried.add(operator)
            line.press(operator)
        elif "silence" not in tried and line.asking is not None:
            tried.add("silence")
            line.stay_silent()
        else:
            break
    heard = tuple(
        e.text
        for e in line.ledger.events[start:]
        if isinstance(e, PromptHeard) and e.text
    )
    return PersonCheck(
        reached=line.transferred, menus_used=line.menus - start_menus, heard=heard
    )


def best_option(options: list[Option], goal: Goal) -> Option | None:
    """The option whose words sound most like the goal's, if any sounds enough
    like it.
    """
    wants_person = any(w in goal.name for w in ("human", "person", "agent", "someone"))
    scored = []
    for option in options:
        said = _stems(option.words)
        if wants_person and _offers_person(option.words):
            scored.append((100.0, option))
            continue
        toward = max(
            (fuzz.token_set_ratio(said, _stems(p)) for p in (goal.name, *goal.toward)),
            default=0.0,
        )
        via = max(
            (fuzz.token_set_ratio(said, _stems(p)) * 0.8 for p in goal.via), default=0.0
        )
        scored.append((max(toward, via), option))
    scored = [s for s in scored if s[0] >= MATCH_THRESHOLD]
    return max(scored, key=lambda s: s[0])[1] if scored else None


def heard_it(line: PhoneLine, text: str) -> bool:
    """Whether any prompt heard in this journey says these words (case and spacing
    aside).
    """
    wanted = " ".join(text.lower().split())
    return any(wanted in " ".join(e.text.lower().split()) for e in line.heard())


def _key_in_what_is_asked(line: PhoneLine) -> bool:
    """The prompt asks for a fact the caller knows ("key in your order number"): key it
    in.
    """
    ask = line.asking
    if ask is None or line.options():
        return False
    said = " ".join(p.text for p in ask.prompts if getattr(p, "text", ""))
    for fact in asks_for(said):
        if line.persona.facts.get(fact) and re.search(r"\d", line.persona.facts[fact]):
            line.key_in(fact)
            return True
    return False


def _arrived(line: PhoneLine, goal: Goal, start: int) -> bool:
    if line.transferred:
        return True
    heard = [
        e.text.lower()
        for e in line.ledger.events[start:]
        if isinstance(e, PromptHeard) and not e.menu
    ]
    return any(
        fuzz.partial_ratio(phrase, text) >= 90
        for phrase in goal.arrive
        if len(phrase) > 3
        for text in heard
    )


def _offers_person(words: str) -> bool:
    text = words.lower()
    return any(re.search(rf"\b{re.escape(w)}\b", text) for w in PERSON_WORDS)


def _stems(text: str) -> str:
    """Words without their plural or -ing ending: "returns and refunds" sounds like
    "return an item".
    """
    out = []
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        for ending in ("ing", "es", "s"):
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                word = word[: -len(ending)]
                break
        out.append(word)
    return " ".join(out)


__all__ = ["PersonCheck", "best_option", "heard_it", "reach_person", "seek_on_phone"]
