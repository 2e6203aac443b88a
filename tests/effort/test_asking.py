"""facts_asked: what a message asks the customer for, over real agent messages (the
shopper answers it, the detector charges it).
"""

from __future__ import annotations

import pytest

from journeys.effort import facts_asked

MESSAGES = [
    # asks
    ("Could you send your order number?", ("order_number",)),
    ("Please confirm your e-mail address and your full name.", ("email", "name")),
    ("What's your first name? And the postcode?", ("first_name", "postcode")),
    ("Please tell me what went wrong.", ("problem",)),
    ("Can you give me your card number and password?", ("card_number", "password")),
    (
        (
            "Hello, thank you for contacting Stride. Could you tell me your order"
            " number and e-mail address?"
        ),
        ("order_number", "email"),
    ),
    (
        "Hi! Could you give me your order number? And what is your e-mail?",
        ("order_number", "email"),
    ),
    ("Hello! What seems to be the problem?", ("problem",)),
    ("Hi, I'm Sam. What do you need help with today?", ("problem",)),
    (
        "Good afternoon, you're through to Priya. How can I help you today?",
        ("problem",),
    ),
    ("Send your order number.", ("order_number",)),
    (
        "Sorry about that. Could you send your order number and e-mail?",
        ("order_number", "email"),
    ),
    (
        (
            "Thanks, I have your order. Could you confirm the delivery date and the"
            " address?"
        ),
        (),
    ),
    ("Your postcode, please.", ("postcode",)),
    ("So that I can find the account, may I have your phone number?", ("phone",)),
    (
        "We'd need your date of birth and the postcode on the account.",
        ("date_of_birth", "postcode"),
    ),
    ("Kindly provide your order reference.", ("order_number",)),
    (
        "To look into this I need your order number and the e-mail address you used.",
        ("order_number", "email"),
    ),
    ("Please send your password and your order number.", ("password", "order_number")),
    # asks for nothing
    ("Sorry about your order. We will look into it.", ()),
    ("Thanks! Could you confirm the order was delivered to a neighbour?", ()),
    ("Hi, I can see your conversation. I have refunded order SH-1.", ()),
    ("We'll confirm your order by e-mail.", ()),
    ("Please note your order ships tomorrow.", ()),
    ("Tell me whatever you need, and I'll sort it out.", ()),
    ("Your refund of £20 went back to the card ending 4242.", ()),
    (
        (
            "Hi, I'm Sam from Stride customer care. I've read your chat: order SH-1"
            " arrived damaged."
        ),
        (),
    ),
]


@pytest.mark.parametrize(("text", "facts"), MESSAGES, ids=[m[0][:40] for m in MESSAGES])
def test_facts_asked(text, facts):
    assert facts_asked(text) == facts


def test_in_the_order_asked():
    assert facts_asked("What is your e-mail? And your order number?") == (
        "email",
        "order_number",
    )
