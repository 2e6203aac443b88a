"""The support-ticket API over real HTTP: token required; the agent reads the ticket
only when smooth.
"""

from __future__ import annotations

from tests.demo.conftest import TOKEN, client

AUTH = {"Authorization": f"Bearer {TOKEN}"}
TICKET = {
    "subject": "Order SH-482913 arrived damaged",
    "body": "Order SH-482913 arrived damaged, the sole is torn.",
    "email": "ada@example.com",
}


def open_ticket(url: str) -> tuple[str, list[dict]]:
    with client(url) as desk:
        created = desk.post("/api/tickets", json=TICKET, headers=AUTH)
        assert created.status_code == 201
        ticket_id = created.json()["id"]
        assert created.json() == {"id": ticket_id, "status": "open"}
        ticket = desk.get(f"/api/tickets/{ticket_id}", headers=AUTH).json()
    assert ticket["subject"] == TICKET["subject"]
    return ticket_id, ticket["messages"]


def test_the_ticket_api_refuses_a_missing_or_wrong_token(shop):
    _, url = shop
    with client(url) as desk:
        for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": TOKEN}):
            refused = desk.post("/api/tickets", json=TICKET, headers=headers)
            assert refused.status_code == 401 and "error" in refused.json()
        assert desk.get("/api/tickets/T-1001").status_code == 401
        assert desk.get("/api/tickets/T-9999", headers=AUTH).status_code == 404


def test_the_agent_answers_at_once_differently_by_mode(smooth_url, potholed_url):
    _, smooth = open_ticket(smooth_url)
    _, potholed = open_ticket(potholed_url)
    assert (
        [m["from"] for m in smooth]
        == [m["from"] for m in potholed]
        == ["customer", "agent"]
    )
    smooth_reply, potholed_reply = smooth[1]["text"], potholed[1]["text"]
    assert (
        "SH-482913" in smooth_reply
        and "replacement" in smooth_reply
        and "?" not in smooth_reply
    )
    assert potholed_reply.endswith(
        "Could you tell me your order number and e-mail address?"
    )


def test_answering_the_agent_gets_a_reply(shop):
    mode, url = shop
    ticket_id, _ = open_ticket(url)
    with client(url) as desk:
        added = desk.post(
            f"/api/tickets/{ticket_id}/messages",
            json={"text": "It is SH-482913, ada@example.com"},
            headers=AUTH,
        )
        assert added.status_code == 201 and added.json() == {"ok": True}
        messages = desk.get(f"/api/tickets/{ticket_id}", headers=AUTH).json()[
            "messages"
        ]
    assert [m["from"] for m in messages] == ["customer", "agent", "customer", "agent"]
    assert all(m["at"] for m in messages)
    if mode == "potholed":
        assert "returns team" in messages[-1]["text"]


def test_a_shop_without_a_token_keeps_the_ticket_api_closed():
    from journeys.demo import serve

    with serve("smooth") as server, client(server.url) as desk:
        refused = desk.post("/api/tickets", json=TICKET, headers=AUTH)
    assert refused.status_code == 401 and "no support token" in refused.json()["error"]
