"""Every walk ends on its own: a bot that never hands over, and one that already did,
both stop within budget.

The bots are real HTTP servers on 127.0.0.1 (Starlette, served by
tests.conftest.serve_app). Bounds in this file are hang guards only: a walk that needs
them has failed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route

from journeys.effort.events import MessageSent
from journeys.effort.ledger import Ledger, RunawayWalk
from journeys.shopper.chat import HttpChat, chat_config
from journeys.shopper.persona import make_persona
from journeys.shopper.tasks import insist_on_human
from tests.conftest import serve_app

JOURNEYS = Path(sys.executable).with_name("journeys")
HANG_GUARD_S = 300
CHAT = {
    "endpoint": "/api/chat",
    "body": {"session": "{session}", "message": "{message}"},
    "text_path": "messages[*].text",
    "by_path": "messages[*].from",
    "session_path": "session",
    "human_request": "I want to talk to a person",
}


def bot(*, already_with_a_person: bool) -> Starlette:
    """A bot that never hands over; or one whose first answer already comes from a
    person, who stays.
    """

    async def chat(request: Request) -> JSONResponse:
        who = "agent" if already_with_a_person else "bot"
        text = (
            "Hi, Sam here, a person. How can I help?"
            if already_with_a_person
            else "I am a bot. Ask me about orders."
        )
        return JSONResponse(
            {"session": "s1", "messages": [{"from": who, "text": text}]}
        )

    async def home(request: Request) -> HTMLResponse:
        return HTMLResponse("<!doctype html><title>Shop</title><h1>Shop</h1>")

    return Starlette(
        routes=[Route("/", home), Route("/api/chat", chat, methods=["POST"])]
    )


def chat_on(url: str, ledger: Ledger) -> HttpChat:
    persona = make_persona(7, "tests/faults/test_runaway.py")
    return HttpChat(
        chat_config(CHAT), base_url=url, ledger=ledger, persona=persona, environ={}
    )


def sent(ledger: Ledger) -> list[str]:
    return [e.text for e in ledger.events if isinstance(e, MessageSent)]


@pytest.mark.parametrize("turns", [1, 2, 5])
def test_insisting_on_a_bot_that_never_hands_over_asks_exactly_n_times(
    turns: int,
) -> None:
    ledger = Ledger(action_budget=300)
    with serve_app(bot(already_with_a_person=False)) as url:
        chat = chat_on(url, ledger)
        chat.open()
        check = insist_on_human(chat, turns)
        chat.close()
    assert not check.handed_over
    assert sent(ledger) == ["I want to talk to a person"] * turns


def test_insisting_when_a_person_already_took_over_asks_nothing_more() -> None:
    ledger = Ledger(action_budget=300)
    with serve_app(bot(already_with_a_person=True)) as url:
        chat = chat_on(url, ledger)
        chat.open()
        chat.say("Hello")
        check = insist_on_human(chat, 2)
        chat.close()
    assert check.handed_over
    assert sent(ledger) == ["Hello"]


def test_a_journey_past_its_action_budget_stops_and_names_its_last_actions() -> None:
    ledger = Ledger(action_budget=3)
    with serve_app(bot(already_with_a_person=False)) as url:
        chat = chat_on(url, ledger)
        chat.open()
        with pytest.raises(RunawayWalk) as stopped:
            insist_on_human(chat, 50)
        with pytest.raises(
            RunawayWalk
        ):  # a step that swallowed it is stopped again at its next action
            chat.say("Hello?")
        chat.close()
    assert sent(ledger) == ["I want to talk to a person"] * 3
    assert str(stopped.value).startswith(
        "runaway: 3 actions, over the action budget of 3"
    )
    assert 'sent "I want to talk to a person"' in str(stopped.value)


FEATURE = """Feature: Talk to a person
  Scenario: Ask for a person
    Given I am a first-time customer
    When I open the chat
    And I tell the bot "Hello"
    Then the bot should hand me to a human within {turns} turns
"""


def walk(
    project: Path, url: str, *, turns: int, config: str = ""
) -> tuple[subprocess.CompletedProcess[str], dict]:
    main = Path(__file__).resolve().parents[2]
    (project / "conftest.py").write_text(
        (main / "conftest.py").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (project / "steps").symlink_to(main / "steps", target_is_directory=True)
    chat = "\n".join(
        f"{k} = {json.dumps(v) if isinstance(v, str) else _inline(v)}"
        for k, v in CHAT.items()
    )
    (project / "pyproject.toml").write_text(
        f"[tool.journeys]\n{config}\n[tool.journeys.chat]\n{chat}\n", encoding="utf-8"
    )
    (project / "features").mkdir()
    (project / "features" / "person.feature").write_text(
        FEATURE.format(turns=turns), encoding="utf-8"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    env.update(NO_COLOR="1", COLUMNS="200")
    done = subprocess.run(
        [str(JOURNEYS), "walk", "--target", url, "--seed", "7"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_S,
    )
    effort = json.loads(
        (project / "reports" / "effort.json").read_text(encoding="utf-8")
    )
    return done, effort["journeys"][0]


def _inline(table: dict) -> str:
    return "{ " + ", ".join(f"{k} = {json.dumps(v)}" for k, v in table.items()) + " }"


@pytest.mark.parametrize(
    "already_with_a_person",
    [False, True],
    ids=["never hands over", "already handed over"],
)
def test_a_walk_facing_either_bot_ends_within_its_budgets(
    tmp_path: Path, already_with_a_person: bool
) -> None:
    with serve_app(bot(already_with_a_person=already_with_a_person)) as url:
        done, journey = walk(tmp_path, url, turns=2)
    asks = [
        line
        for line in journey["transcript"]
        if line["who"] == "customer" and "person" in line["text"]
    ]
    if already_with_a_person:
        assert journey["outcome"] == "completed", done.stdout + done.stderr
        assert asks == []
    else:
        assert len(asks) == 2
        assert any(
            "did not hand me to a human within 2 turns" in b["budget"]
            for b in journey["budgets"]
        )


def test_a_walk_over_its_action_budget_is_broken_as_a_runaway(tmp_path: Path) -> None:
    with serve_app(bot(already_with_a_person=False)) as url:
        done, journey = walk(tmp_path, url, turns=40, config="action_budget = 10")
    assert journey["outcome"] == "broken", done.stdout + done.stderr
    assert journey["error"].startswith(
        "runaway: 10 actions, over the action budget of 10 (last: "
    )
    assert (
        len(journey["transcript"]) == 20
    )  # the 10 messages sent and their replies; the 11th never left
