"""What one demo shop remembers, in memory: baskets, checkouts, orders, accounts, chats
and tickets.

Everything is keyed by the visitor's session cookie (or the chat session id), so several
browser contexts walk the same shop without seeing each other's baskets. One lock guards
it all: handlers are async and short, but tests and the CLI may also touch a shop from
other threads.
"""

from __future__ import annotations

import itertools
import random
import secrets
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime

from . import _talk


@dataclass(frozen=True)
class Product:
    slug: str
    name: str
    price_pence: int
    blurb: str

    def price_in(self, mode: str) -> int:
        # The spring sale exists only in the smooth shop: the potholed landing page
        # forgets the ad.
        return self.price_pence * 70 // 100 if mode == "smooth" else self.price_pence


PRODUCTS: tuple[Product, ...] = (
    Product(
        "trail-runner",
        "Trail Runner",
        12000,
        "Grippy lugs and a rock plate for muddy, rocky trails.",
    ),
    Product(
        "road-racer",
        "Road Racer",
        15000,
        "Light and springy, made for race day on the road.",
    ),
    Product(
        "daily-trainer",
        "Daily Trainer",
        9000,
        "Soft and durable: the shoe for your everyday miles.",
    ),
)
PRODUCTS_BY_SLUG = {product.slug: product for product in PRODUCTS}
SIZES = tuple(f"UK {size}" for size in range(4, 14))


def pounds(pence: int) -> str:
    return f"£{pence // 100}.{pence % 100:02d}"


@dataclass
class Visit:
    """One visitor (one browser context): basket, checkout so far, signed-in account,
    orders.
    """

    basket: list[tuple[str, str]] = field(default_factory=list)  # (product slug, size)
    checkout: dict[str, str] = field(default_factory=dict)
    account: str = ""  # e-mail of the signed-in account
    orders: list[str] = field(default_factory=list)
    tracking_tries: int = 0


@dataclass(frozen=True)
class Order:
    number: str
    visit: str
    details: dict[str, str]
    lines: tuple[tuple[str, str, int], ...]  # (product name, size, price in pence)

    @property
    def total_pence(self) -> int:
        return sum(price for _, _, price in self.lines)


@dataclass
class Ticket:
    id: str
    subject: str
    email: str
    messages: list[dict[str, str]] = field(default_factory=list)
    status: str = "open"
    queue: str = "support"

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "subject": self.subject,
            "status": self.status,
            "queue": self.queue,
            "messages": list(self.messages),
        }


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class ShopState:
    """All the shop's memory. Methods are small and take the lock; they return copies or
    frozen records.
    """

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self._lock = threading.Lock()
        self._visits: dict[str, Visit] = {}
        self._orders: dict[str, Order] = {}
        self._accounts: dict[str, dict[str, str]] = {}
        self._chats: dict[str, _talk.Conversation] = {}
        self._chat_logs: dict[
            str, list[dict[str, str]]
        ] = {}  # session -> every message, the customer's too
        self._tickets: dict[str, Ticket] = {}
        self._ticket_numbers = itertools.count(1001)
        self._random = random.SystemRandom()

    # -- visits ------------------------------------------------------------------------

    def visit(self, session: str) -> Visit:
        with self._lock:
            return self._visits.setdefault(session, Visit())

    def add_to_basket(self, session: str, slug: str, size: str) -> None:
        with self._lock:
            self._visits.setdefault(session, Visit()).basket.append((slug, size))

    def remove_from_basket(self, session: str, index: int) -> None:
        with self._lock:
            basket = self._visits.setdefault(session, Visit()).basket
            if 0 <= index < len(basket):
                del basket[index]

    def remember_checkout(self, session: str, **values: str) -> None:
        with self._lock:
            self._visits.setdefault(session, Visit()).checkout.update(values)

    def place_order(self, session: str) -> Order:
        with self._lock:
            visit = self._visits.setdefault(session, Visit())
            number = self._new_order_number()
            lines = tuple(
                (
                    PRODUCTS_BY_SLUG[slug].name,
                    size,
                    PRODUCTS_BY_SLUG[slug].price_in(self.mode),
                )
                for slug, size in visit.basket
            )
            order = Order(
                number=number, visit=session, details=dict(visit.checkout), lines=lines
            )
            self._orders[number] = order
            visit.orders.append(number)
            visit.basket.clear()
            visit.checkout.clear()
            return order

    def order(self, number: str) -> Order | None:
        with self._lock:
            return self._orders.get(number)

    def _new_order_number(self) -> str:
        while True:
            number = f"SH-{self._random.randint(100000, 999999)}"
            if number not in self._orders:
                return number

    # -- accounts ----------------------------------------------------------------------

    def create_account(
        self, session: str, name: str, email: str, password: str
    ) -> bool:
        """False when the e-mail already has an account."""
        key = email.strip().lower()
        with self._lock:
            if key in self._accounts:
                return False
            # A demo keeps no real passwords: only that one was set.
            self._accounts[key] = {
                "name": name,
                "email": email,
                "password_set": str(bool(password)),
            }
            self._visits.setdefault(session, Visit()).account = key
            return True

    def account(self, session: str) -> dict[str, str] | None:
        with self._lock:
            visit = self._visits.get(session)
            return (
                dict(self._accounts[visit.account]) if visit and visit.account else None
            )

    # -- chat --------------------------------------------------------------------------

    def chat(self, session: str | None, message: str) -> tuple[str, _talk.Reply]:
        """The reply to a chat message, and the chat session id (a new one for an
        unknown or missing id).
        """
        with self._lock:
            if not session or session not in self._chats:
                session = "c-" + secrets.token_urlsafe(9)
                self._chats[session] = _talk.Conversation(id=session)
            reply = _talk.answer(self._chats[session], message, mode=self.mode)
            log = self._chat_logs.setdefault(session, [])
            log.append({"from": "customer", "text": message})
            log += [{"from": who, "text": text} for who, text in reply.messages]
            return session, reply

    def chat_log(self, session: str) -> list[dict[str, str]] | None:
        """Every message of a chat session, in order; None for a session never
        started.
        """
        with self._lock:
            return (
                list(self._chat_logs.get(session, []))
                if session in self._chats
                else None
            )

    def start_chat(self) -> str:
        with self._lock:
            session = "c-" + secrets.token_urlsafe(9)
            self._chats[session] = _talk.Conversation(id=session)
            return session

    # -- tickets -----------------------------------------------------------------------

    def open_ticket(
        self, subject: str, body: str, email: str, queue: str = "support"
    ) -> Ticket:
        with self._lock:
            ticket = Ticket(
                id=f"T-{next(self._ticket_numbers)}",
                subject=subject,
                email=email,
                queue=queue,
            )
            ticket.messages.append({"from": "customer", "text": body, "at": _now()})
            # The demo's agent answers at once, so a walk need not wait a working day.
            reply = _talk.agent_first_reply(subject, body, email, mode=self.mode)
            ticket.messages.append({"from": "agent", "text": reply, "at": _now()})
            self._tickets[ticket.id] = ticket
            return ticket

    def ticket(self, ticket_id: str) -> dict | None:
        with self._lock:
            ticket = self._tickets.get(ticket_id)
            return ticket.to_json() if ticket else None

    def add_ticket_message(self, ticket_id: str, text: str) -> bool:
        with self._lock:
            ticket = self._tickets.get(ticket_id)
            if ticket is None:
                return False
            reply = _talk.agent_follow_up(ticket.messages, text, mode=self.mode)
            ticket.messages.append({"from": "customer", "text": text, "at": _now()})
            ticket.messages.append({"from": "agent", "text": reply, "at": _now()})
            return True
