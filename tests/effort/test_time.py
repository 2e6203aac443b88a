"""The Keystroke-Level Model estimate: the paper's rules on its worked examples, events
to operators, lost time.
"""

from __future__ import annotations

import pytest

from journeys.effort import EffortModel
from journeys.effort.detect import detect_at
from journeys.effort.events import (
    Clicked,
    ErrorShown,
    FieldFilled,
    MailReceived,
    MessageSent,
    PageOpened,
    ReplyReceived,
)
from journeys.effort.model import TimeModel
from journeys.effort.result import JourneyResult
from journeys.effort.score import assess
from journeys.effort.time import (
    Operator,
    estimate,
    operators,
    place_mentals,
    time_words,
    timed,
)

from .build import journey, step, url

K, P, H, M = 0.28, 1.1, 0.4, 1.35


def keys(role: str, n: int, unit: int) -> list[Operator]:
    return [Operator("K", K, role=role, unit=unit) for _ in range(n)]


def names(ops) -> str:
    return " ".join(op.name for op in ops)


# Card, Moran and Newell 1980, their worked example: replace a 5-letter word one line
# below, in two editors. The physical operators are the paper's; the M's are placed by
# our rules; the totals are computed by hand.
POET = [  # line-oriented editor
    *keys("command", 1, 0),  # K[LINEFEED]: jump to the next line
    *keys("command", 1, 1),  # K[S]: the Substitute command
    *keys("argument", 5, 2),  # 5K[new word]
    *keys("terminator", 1, 3),  # K[RETURN]: ends a variable string (Rule 4 keeps its M)
    *keys("argument", 5, 4),  # 5K[old word]
    *keys("terminator", 1, 5),  # K[RETURN]
    *keys(
        "redundant-terminator", 1, 6
    ),  # K[RETURN] ends the command right after its argument (Rule 3)
]
DISPLAY = [  # mouse-based display editor
    Operator("H", H, unit=0),  # reach for the mouse
    Operator(
        "P", P, role="argument", unit=1
    ),  # point at the word: selects an argument, no M (Rule 0)
    *keys("button", 1, 1),  # select it: anticipated by the P (Rule 1)
    Operator("H", H, unit=2),  # home on the keyboard
    *keys("command", 1, 3),  # K[R]: Replace
    *keys("argument", 5, 4),  # 5K[new word]
    *keys("terminator", 1, 5),  # K[ESC]: ends the type-in
]
# typing a command's name and Enter: one cognitive unit (Rule 2), a constant string
# (Rule 4)
COMMAND_NAME = [
    *keys("command", 3, 0),
    *keys("constant-terminator", 1, 0),
]


@pytest.mark.parametrize(
    ("physical", "placed", "by_hand_s"),
    [
        (POET, "M K M K K K K K K M K K K K K K M K K", 4 * M + 15 * K),  # 9.60 s
        (DISPLAY, "H P K H M K K K K K K M K", 2 * H + P + 2 * M + 8 * K),  # 6.84 s
        (COMMAND_NAME, "M K K K K", M + 4 * K),  # 2.47 s
    ],
    ids=["poet", "display-editor", "command-name"],
)
def test_the_rules_place_the_papers_mental_operators(physical, placed, by_hand_s):
    ops = place_mentals(physical, M)
    assert names(ops) == placed
    assert sum(op.seconds for op in ops) == pytest.approx(by_hand_s)


def test_a_click_is_m_p_k_and_typing_is_h_m_and_a_k_per_character():
    events = journey(
        step("open", PageOpened(url=url("/"), status=200, load_ms=0, action=True)),
        step("click", Clicked(target="Checkout", effect="navigated")),
        step(
            "type",
            FieldFilled(
                label="E-mail", fact="email", value="ada@example.com", characters=15
            ),
        ),
        step("pick", FieldFilled(label="Country", value="France", control="select")),
        step("tick", FieldFilled(label="Terms", value="ticked", control="checkbox")),
        step("prefilled", FieldFilled(label="Name", value="Ada", prefilled=True)),
    )
    expected = [
        "M P K",
        "M P K",
        "H M" + " K" * 15,
        "H M P K P K",
        "M P K",
    ]  # the ad, the click, typing, the list, the box
    assert names(operators(events)) == " ".join(expected)


def test_a_password_counts_its_characters_never_its_text():
    events = [
        FieldFilled(label="Password", fact="password", value="•••", characters=12)
    ]
    ops = operators(events)
    assert [op.name for op in ops].count("K") == 12


def test_a_chat_message_is_its_characters_the_enter_and_reading_the_reply():
    events = [
        MessageSent(channel="chat", text="where is my order"),
        ReplyReceived(channel="chat", text=" ".join(["word"] * 238), latency_ms=2000),
    ]
    ops = operators(events)
    assert names(ops) == "H M " + "K " * 17 + "M K R read"
    assert ops[-2].seconds == pytest.approx(
        2.0
    )  # nothing to prepare during it: the customer waits it all
    assert ops[-1].seconds == pytest.approx(60.0)  # 238 words at 238 words a minute


def test_the_wait_before_an_m_counts_only_the_part_not_spent_preparing():
    events = [
        PageOpened(url=url("/"), status=200, load_ms=1000),
        Clicked(target="Buy", effect="navigated"),
    ]
    r, m = operators(events)[:2]
    assert (r.name, m.name) == ("R", "M")
    assert r.seconds == pytest.approx(0.0) and r.waited_s == pytest.approx(1.0)


def test_reading_rate_and_typist_come_from_the_model():
    events = [
        ErrorShown(text="Please enter a valid postcode"),
        MailReceived(subject="Your order", text="Thanks"),
    ]
    slow = operators(events, TimeModel(reading_wpm=119))
    assert [op.seconds for op in slow] == pytest.approx([5 * 60 / 119, 3 * 60 / 119])
    skilled = TimeModel.from_config({"typist": "skilled"})
    assert operators([MessageSent(channel="chat", text="hi")], skilled)[
        2
    ].seconds == pytest.approx(0.20)


def result_for(events, model=None):
    model = model or EffortModel()
    a = assess(events, model)
    return timed(
        JourneyResult(
            feature="f",
            scenario="s",
            frictions=a.frictions,
            steps=a.steps,
            score=a.score,
        ),
        events,
        model,
        found=a.found,
    )


def test_re_typing_an_e_mail_address_costs_its_characters_h_and_m():
    email = "ada@example.com"
    events = journey(
        step(
            "checkout",
            FieldFilled(
                label="E-mail",
                fact="email",
                value=email,
                characters=len(email),
                url=url("/checkout"),
            ),
        ),
        step(
            "next", Clicked(target="Continue", effect="navigated", url=url("/checkout"))
        ),
        step(
            "again",
            FieldFilled(
                label="Your e-mail",
                fact="email",
                value=email,
                characters=len(email),
                url=url("/pay"),
            ),
        ),
    )
    result = result_for(events)
    (friction,) = result.frictions
    assert friction.kind == "reentered_data"
    assert friction.lost_time_s == pytest.approx(
        round(len(email) * K + H + M, 2)
    )  # 6.95 s
    assert result.lost_time_s == friction.lost_time_s
    by_hand = (
        (H + M + 15 * K) + (H + M + P + K) + (H + M + 15 * K)
    )  # type, back to the mouse and click, type again
    assert result.customer_time_s == pytest.approx(round(by_hand, 2))
    assert result.time_operators["K"] == {"count": 31, "seconds": round(31 * K, 2)}


def test_a_dead_click_retried_costs_every_click_once():
    dead = Clicked(target="Apply coupon", effect="nothing", url=url("/basket"))
    events = journey(step("apply", dead, dead, dead))
    result = result_for(events)
    assert [f.kind for f in result.frictions] == [
        "dead_end"
    ]  # one dead click; three within a second would be rage
    assert result.frictions[0].lost_time_s == pytest.approx(round(3 * (M + P + K), 2))
    assert result.lost_time_s == pytest.approx(result.customer_time_s)


def test_a_wait_costs_only_the_part_over_its_threshold():
    events = journey(
        step(
            "open",
            PageOpened(
                url=url("/"), status=200, load_ms=5500, title="Shop", action=True
            ),
        )
    )
    result = result_for(events)
    (wait,) = result.frictions
    assert wait.kind == "wait" and wait.lost_time_s == pytest.approx(
        2.5
    )  # 5.5 s against 3 s


def test_two_frictions_on_one_event_do_not_count_its_time_twice():
    # One reply both sends the customer to the phone and is slow: the turn is charged
    # once, the wait its overrun.
    events = journey(
        step(
            "ask",
            MessageSent(channel="chat", text="refund please"),
            ReplyReceived(
                channel="chat", text="Please call us on 0800 123 456", latency_ms=6000
            ),
        ),
    )
    found = detect_at(events, EffortModel())
    assert sorted(f.kind for _, f in found) == ["channel_switch", "wait"]
    figures = estimate(events, found)
    assert figures.lost_time_s <= figures.customer_time_s
    assert sum(figures.lost_by_friction) == pytest.approx(figures.lost_time_s)


def test_a_smooth_journey_loses_nothing_and_says_so():
    events = journey(step("buy", Clicked(target="Buy", effect="navigated")))
    result = result_for(events)
    assert result.frictions == () and result.lost_time_s == 0
    assert (
        time_words(result.customer_time_s, result.lost_time_s)
        == "about 3 s, nothing lost"
    )
    assert time_words(160, 65) == "about 2 min 40 s, 1 min 05 s lost"


def test_form_burden_counts_visible_fields_per_form():
    events = journey(
        step(
            "fill",
            FieldFilled(
                label="E-mail",
                value="a@b.c",
                url=url("/checkout"),
                form="0",
                form_fields=9,
            ),
            FieldFilled(
                label="Name",
                value="Ada",
                prefilled=True,
                url=url("/checkout"),
                form="0",
                form_fields=9,
            ),
            FieldFilled(
                label="Card",
                value="•••",
                characters=16,
                url=url("/pay"),
                form="1",
                form_fields=4,
            ),
        ),
    )
    result = result_for(events)
    assert [(f["fields_seen"], f["fields_filled"]) for f in result.forms] == [
        (9, 1),
        (4, 1),
    ]
    assert (result.fields_seen, result.fields_filled) == (13, 2)


def test_the_figures_survive_json():
    events = journey(
        step("type", FieldFilled(label="E-mail", value="a@b.c", form_fields=3))
    )
    result = result_for(events)
    again = JourneyResult.from_dict(result.to_dict())
    assert again == result


def test_the_click_that_finally_worked_is_not_lost():
    events = journey(
        step("type", FieldFilled(label="Name", value="Ada", characters=3)),
        step(
            "continue",
            Clicked(target="Continue", effect="nothing", url=url("/details")),
            Clicked(target="Continue", effect="navigated", url=url("/details")),
        ),
    )
    result = result_for(events)
    (dead,) = result.frictions
    assert dead.lost_time_s == pytest.approx(
        round(H + M + P + K, 2)
    )  # the dead click, hands back on the mouse
    assert result.customer_time_s == pytest.approx(
        round((H + M + 3 * K) + (H + M + P + K) + (M + P + K), 2)
    )


def test_a_ticket_is_its_subject_and_text_typed_and_a_send_click():
    from journeys.effort.events import TicketOpened

    ops = operators([TicketOpened(subject="Damaged", text="It broke")])
    assert names(ops) == "H M" + " K" * 7 + " M" + " K" * 8 + " H M P K"
