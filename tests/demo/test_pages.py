"""Every page of the shop answers, in both modes; the potholes on the web are where the
manifest says.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import journeys.demo
from tests.demo.conftest import client

PLANTED_404 = "/help/returns-policy"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.labels: dict[str, str] = {}  # for -> label text
        self.ids: set[str] = set()
        self.h1 = 0
        self._label_for: str | None = None
        self._label_text: list[str] = []

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "h1":
            self.h1 += 1
        if tag == "label":
            self._label_for, self._label_text = attrs.get("for"), []

    def handle_data(self, data):  # noqa: ANN001
        if self._label_for is not None:
            self._label_text.append(data)

    def handle_endtag(self, tag):  # noqa: ANN001
        if tag == "label" and self._label_for is not None:
            self.labels[self._label_for] = "".join(self._label_text).strip()
            self._label_for = None


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def crawl(url: str) -> dict[str, int]:
    """Status of every page reachable by links from the home page (same site only)."""
    statuses: dict[str, int] = {}
    queue = ["/"]
    with client(url) as visitor:
        while queue:
            path = queue.pop()
            if path in statuses:
                continue
            response = visitor.get(path)
            statuses[path] = response.status_code
            if "text/html" not in response.headers.get("content-type", ""):
                continue
            for href in parse(response.text).links:
                target = urlsplit(urljoin(url + path, href))
                if (
                    target.netloc == urlsplit(url).netloc
                    and target.path not in statuses
                ):
                    queue.append(target.path)
    return statuses


def test_the_public_api_is_exactly_this():
    assert sorted(journeys.demo.__all__) == sorted(
        [
            "MODES",
            "DemoServer",
            "Pothole",
            "create_app",
            "load_manifest",
            "serve",
            "serve_forever",
        ]
    )


def test_every_linked_page_answers_except_the_planted_404(shop):
    mode, url = shop
    statuses = crawl(url)
    assert {
        "/",
        "/shop",
        "/product/trail-runner",
        "/basket",
        "/track",
        "/help",
        "/help/faq",
        "/signup",
    } <= set(statuses)
    broken = {path: status for path, status in statuses.items() if status != 200}
    assert broken == ({} if mode == "smooth" else {PLANTED_404: 404})


def test_pages_are_accessible_markup(shop):
    _, url = shop
    with client(url) as visitor:
        for path in (
            "/",
            "/shop",
            "/checkout/details",
            "/signup",
            "/track",
            "/help",
            "/returns",
            "/nowhere",
        ):
            html = visitor.get(path).text
            page = parse(html)
            assert page.h1 == 1, path
            assert re.search(r"<title>[^<]+ — Stride</title>", html), path
            assert all(target in page.ids for target in page.labels), path
            for landmark in ("<header>", "<nav ", "<main ", "<footer>"):
                assert landmark in html, (path, landmark)
            assert (
                'role="dialog" aria-label="Chat"' in html
                and 'role="log" aria-label="Conversation"' in html
            )


def test_a_missing_page_is_a_real_404_page(shop):
    _, url = shop
    with client(url) as visitor:
        response = visitor.get("/no-such-page")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.text


def visible_text(html: str) -> str:
    html = re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.DOTALL)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_landing_page_keeps_the_ads_promise_only_when_smooth(
    smooth_url, potholed_url
):
    with client(smooth_url) as visitor:
        smooth = visible_text(visitor.get("/").text)
    with client(potholed_url) as visitor:
        potholed = visible_text(visitor.get("/").text)
    assert "Spring sale: 30% off running shoes" in smooth
    assert "New spring collection" in potholed
    for word in ("30%", "sale", "discount", " off "):
        assert word not in potholed.lower(), word
    assert "Shop running shoes" in smooth and "Shop running shoes" in potholed


def labels(html: str) -> list[str]:
    """The labels of the page's own form (the chat widget's "Message" is on every
    page).
    """
    return [
        text for target, text in parse(html).labels.items() if target != "chat-message"
    ]


def buy(visitor, details: dict[str, str]) -> str:  # noqa: ANN001
    """Guest checkout as a browser would post it; returns the confirmation page."""
    assert (
        visitor.post(
            "/basket/add", data={"product": "trail-runner", "size": "UK 9"}
        ).url.path
        == "/basket"
    )
    assert "Checkout" in visitor.get("/basket").text
    page = visitor.post(
        "/checkout/details", data={"name": details["name"], "email": details["email"]}
    )
    assert page.url.path == "/checkout/delivery"
    delivery = {
        "address": "1 Mill Lane",
        "city": "Leeds",
        "postcode": "LS1 4AB",
        "delivery_email": details["email"],
    }
    page = visitor.post("/checkout/delivery", data=delivery)
    assert page.url.path == "/checkout/payment", page.text
    page = visitor.post(
        "/checkout/payment",
        data={"card": "4242 4242 4242 4242", "expiry": "04/30", "cvc": "123"},
    )
    assert page.url.path.startswith("/order/SH-")
    return page.text


def test_guest_checkout_places_an_order_and_asks_the_e_mail_again_only_when_potholed(
    shop,
):
    mode, url = shop
    with client(url) as visitor:
        visitor.post("/basket/add", data={"product": "trail-runner", "size": "UK 9"})
        assert labels(visitor.get("/checkout/details").text) == ["Full name", "E-mail"]
        visitor.post(
            "/checkout/details", data={"name": "Ada Runner", "email": "ada@example.com"}
        )
        delivery = labels(visitor.get("/checkout/delivery").text)
        assert delivery == (
            ["Address", "City", "Postcode"]
            if mode == "smooth"
            else ["Address", "City", "Postcode", "E-mail"]
        )
    with client(url) as visitor:
        confirmation = buy(visitor, {"name": "Ada Runner", "email": "ada@example.com"})
    assert "Thank you for your order" in confirmation
    assert re.search(r"SH-\d{6}", confirmation)
    assert ("£84.00" if mode == "smooth" else "£120.00") in confirmation


def test_the_details_step_swallows_its_first_click_only_when_potholed(shop):
    mode, url = shop
    with client(url) as visitor:
        visitor.post("/basket/add", data={"product": "road-racer", "size": "UK 8"})
        html = visitor.get("/checkout/details").text
    assert ("preventDefault" in html) is (mode == "potholed")


def test_an_order_is_shown_only_to_whoever_placed_it(smooth_url):
    with client(smooth_url) as visitor:
        number = re.search(
            r"SH-\d{6}", buy(visitor, {"name": "Ada", "email": "ada@example.com"})
        ).group(0)
    with client(smooth_url) as stranger:
        assert stranger.get(f"/order/{number}").status_code == 404


def test_checkout_errors_are_told_not_thrown(smooth_url):
    with client(smooth_url) as visitor:
        assert (
            visitor.get("/checkout/details").url.path == "/basket"
        )  # nothing to check out yet
        visitor.post("/basket/add", data={"product": "daily-trainer", "size": "UK 7"})
        page = visitor.post(
            "/checkout/details", data={"name": "", "email": "not-an-address"}
        )
    assert page.status_code == 200
    assert 'role="alert"' in page.text and "Please fill in: Full name." in page.text


def test_sign_up_welcomes_by_name_and_potholed_asks_to_confirm_the_e_mail(shop):
    mode, url = shop
    with client(url) as visitor:
        form = visitor.get("/signup").text
        expected = (
            ["Full name", "E-mail", "Password"]
            if mode == "smooth"
            else ["Full name", "E-mail", "Confirm e-mail", "Password"]
        )
        assert labels(form) == expected
        assert ("window.strideForms.signup" in form) is (mode == "potholed")
        data = {
            "name": "Ada Runner",
            "email": "ada@example.com",
            "email_again": "ada@example.com",
            "password": "long enough pass",
        }
        welcome = visitor.post("/signup", data=data)
        assert welcome.url.path == "/account"
        assert "Welcome, Ada Runner" in welcome.text
        again = visitor.post("/signup", data=data)
    assert "There is already an account with this e-mail." in again.text


def test_user_input_comes_back_escaped(smooth_url):
    attack = "<script>alert(1)</script>"
    with client(smooth_url) as visitor:
        page = visitor.post(
            "/signup",
            data={
                "name": attack,
                "email": "x@example.com",
                "password": "long enough pass",
            },
        )
        assert "Welcome, &lt;script&gt;alert(1)&lt;/script&gt;" in page.text
        assert attack not in page.text
        retry = visitor.post("/track", data={"order": attack, "email": attack})
        assert attack not in retry.text and "&lt;script&gt;" in retry.text


def test_tracking_accepts_any_order_number_of_the_shops_form(shop):
    mode, url = shop
    with client(url) as visitor:
        first = visitor.post(
            "/track", data={"order": "sh-482913", "email": "ada@example.com"}
        )
        page = visitor.post(
            "/track", data={"order": "sh-482913", "email": "ada@example.com"}
        )
        bad = visitor.post(
            "/track", data={"order": "12345", "email": "ada@example.com"}
        )
    if (
        mode == "potholed"
    ):  # the planted pothole: the first try fails and forgets what was typed
        assert (
            "Sorry, something went wrong. Please enter your details again."
            in first.text
        )
        assert "ada@example.com" not in first.text
    else:
        assert "Your order SH-482913 is on its way" in first.text
    assert "Your order SH-482913 is on its way" in page.text
    assert "Order numbers look like SH-123456." in bad.text


def test_contact_reaches_a_person_only_when_smooth(smooth_url, potholed_url):
    with client(smooth_url) as visitor:
        contact = visitor.get("/contact")
        assert (
            "<title>Contact us — Stride</title>" in contact.text
            and "<h1>Talk to a person</h1>" in contact.text
        )
        sent = visitor.post(
            "/contact",
            data={
                "name": "Ada",
                "email": "ada@example.com",
                "order": "SH-111222",
                "problem": "The left shoe arrived damaged",
            },
        )
        assert (
            "Thanks, we have your message" in sent.text
            and "SH-111222 arrived damaged" in sent.text
        )
    with client(potholed_url) as visitor:
        contact = visitor.get("/contact")
        assert contact.url.path == "/help/faq"
        faq = parse(contact.text)
        assert "/help" in faq.links and "Talk to a person" not in contact.text
        help_page = visitor.get("/help").text
    assert PLANTED_404 in parse(help_page).links


def test_sessions_do_not_share_baskets(smooth_url):
    with client(smooth_url) as one, client(smooth_url) as other:
        one.post("/basket/add", data={"product": "trail-runner", "size": "UK 9"})
        assert "Basket (1)" in one.get("/basket").text
        assert "Basket (0)" in other.get("/basket").text
