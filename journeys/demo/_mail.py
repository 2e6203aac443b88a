"""The shop's e-mail, sent through real SMTP: order confirmation, sign-up welcome (and
the spring sale), ticket acknowledgement.

Where it goes is the `smtp` argument of `create_app` ("host:port"; `journeys walk`
passes its sink), else $JOURNEYS_DEMO_SMTP (`journeys demo` beside a Mailpit or
maildev). With neither the shop sends nothing. Every planted pothole is marked `#
Pothole:`, as in _app.py.
"""

from __future__ import annotations

import asyncio
import os
import smtplib
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from ._state import Order, Ticket, pounds

SMTP_ENV = "JOURNEYS_DEMO_SMTP"
DOMAIN = "stride.example"
_SEND_TIMEOUT_S = 10


class Outbox:
    """The shop's outgoing mail; every message is handed to the SMTP server before the
    page that caused it answers.
    """

    def __init__(self, host: str, port: int, *, smooth: bool) -> None:
        self.host, self.port, self.smooth = host, port, smooth

    @classmethod
    def to(cls, address: str | None, *, smooth: bool) -> Outbox:
        """The outbox for `address` ("host:port"), else $JOURNEYS_DEMO_SMTP; an empty
        one sends nothing.
        """
        where = address or os.environ.get(SMTP_ENV, "")
        host, _, port = where.rpartition(":")
        return cls(host.strip("[]"), int(port) if port.isdigit() else 0, smooth=smooth)

    @property
    def sends(self) -> bool:
        return bool(self.host and self.port)

    # -- the messages ------------------------------------------------------------------

    async def order_confirmed(self, order: Order, site: str) -> None:
        name = order.details.get("name", "").split(" ")[0] or "there"
        lines = "\n".join(
            f"  {product}, {size}: {pounds(price)}"
            for product, size, price in order.lines
        )
        text = (
            f"Hello {name},\n\nThank you for your order {order.number}. We are packing"
            f" it now.\n\n{lines}\n  Total: {pounds(order.total_pence)}\n\nTrack your"
            f" order: {site}track\n\nStride"
        )
        copies = (
            1 if self.smooth else 2
        )  # Pothole (duplicate_message): the confirmation goes out twice.
        for _ in range(copies):
            await self._send(
                order.details.get("email", ""),
                f"Your Stride order {order.number} is confirmed",
                text,
                sender=f"orders@{DOMAIN}",
            )

    async def welcome(self, name: str, email: str, site: str) -> None:
        first = name.split(" ")[0] or "there"
        await self._send(
            email,
            f"Welcome to Stride, {first}",
            f"Hello {first},\n\nYour Stride account is ready: your details are saved"
            f" for next time.\n\nShop running shoes: {site}shop\n\nStride",
            sender=f"hello@{DOMAIN}",
        )
        # The spring sale, to a customer who just signed up for news. Its link lands on
        # the home page, which in the smooth shop leads with the sale. Pothole
        # (mixed_message): the potholed home page has no sale at all.
        await self._send(
            email,
            "Spring sale: 30% off running shoes",
            "Spring sale: 30% off running shoes\n\nThis week only, every running shoe"
            f" is 30% off.\n\nShop the sale: {site}\n\nUnsubscribe: {site}unsubscribe",
            sender=f"news@{DOMAIN}",
            headers={"List-Unsubscribe": f"<{site}unsubscribe>", "Precedence": "bulk"},
        )

    async def ticket_acknowledged(self, ticket: Ticket) -> None:
        if self.smooth:
            await self._send(
                ticket.email,
                f"We have your request {ticket.id}",
                f'Hello,\n\nWe have your request {ticket.id} about "{ticket.subject}".'
                " Our team has answered on the ticket, and will write again there if"
                " anything else is needed.\n\nStride customer care",
                sender=f"care@{DOMAIN}",
            )
            return
        # Pothole (dead_end): the acknowledgement invites a reply, from an address
        # nobody reads.
        await self._send(
            ticket.email,
            f"We have your request {ticket.id}",
            f'Hello,\n\nWe have your request {ticket.id} about "{ticket.subject}". '
            "Anything to add? Just reply to this e-mail.\n\nStride customer care",
            sender=f"no-reply@{DOMAIN}",
        )
        # Pothole (mixed_message): a win-back promotion straight after the complaint.
        await self._send(
            ticket.email,
            "We miss you: 20% off your next pair",
            "We miss you! Come back for 20% off your next pair of running shoes with"
            " the code COMEBACK20.\n\nUnsubscribe from offers at any time.",
            sender=f"news@{DOMAIN}",
            headers={
                "List-Unsubscribe": f"<mailto:unsubscribe@{DOMAIN}>",
                "Precedence": "bulk",
            },
        )

    # -- sending -----------------------------------------------------------------------

    async def _send(
        self,
        to: str,
        subject: str,
        text: str,
        *,
        sender: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        if not self.sends or not to.strip():
            return
        message = EmailMessage()
        message["From"] = f"Stride <{sender}>"
        message["To"] = to.strip()
        message["Subject"] = subject
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = make_msgid(domain=DOMAIN)
        for name, value in (headers or {}).items():
            message[name] = value
        message.set_content(text)
        await asyncio.to_thread(self._hand_over, message)

    def _hand_over(self, message: EmailMessage) -> None:
        try:
            with smtplib.SMTP(self.host, self.port, timeout=_SEND_TIMEOUT_S) as server:
                server.send_message(message)
        except (OSError, smtplib.SMTPException):
            # a shop whose mail server is down still takes the order; the customer just
            # gets no e-mail
            pass
