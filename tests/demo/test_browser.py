"""What only a browser shows: the swallowed click, the script error, and the chat
widget.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def start_checkout(page, url: str) -> None:  # noqa: ANN001
    page.goto(f"{url}/product/trail-runner")
    page.get_by_role("button", name="Add to basket").click()
    # by what a sighted customer reads: potholed's Checkout is an icon with no name
    page.get_by_role("link").filter(has_text="Checkout").click()
    page.get_by_label("Full name").fill("Ada Runner")
    page.get_by_label("E-mail", exact=True).fill("ada@example.com")


def test_potholed_continue_does_nothing_on_the_first_click_and_works_on_the_second(
    page, potholed_url
):
    start_checkout(page, potholed_url)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    before = page.content()
    page.get_by_role("button", name="Continue").click()
    assert (
        page.url.endswith("/checkout/details")
        and requests == []
        and page.content() == before
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    assert page.url.endswith("/checkout/delivery")


def test_smooth_continue_works_at_once(page, smooth_url):
    start_checkout(page, smooth_url)
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    assert page.url.endswith("/checkout/delivery")


@pytest.mark.parametrize("mode", ["smooth", "potholed"])
def test_the_sign_up_page_throws_only_when_potholed(
    page, smooth_url, potholed_url, mode
):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(
        f"{smooth_url if mode == 'smooth' else potholed_url}/signup", wait_until="load"
    )
    assert bool(errors) is (mode == "potholed")


def test_the_chat_widget_talks_to_the_bot_and_keeps_the_conversation_across_pages(
    page, smooth_url
):
    page.goto(smooth_url)
    page.get_by_role("button", name="Chat with us").click()
    chat = page.get_by_role("dialog", name="Chat")
    chat.get_by_label("Message").fill("I want a refund for SH-482913 <b>now</b>")
    chat.get_by_role("button", name="Send").click()
    log = chat.get_by_role("log", name="Conversation")
    log.locator("li[data-author=bot]").first.wait_for()
    assert "I have started it" in log.locator("li[data-author=bot]").first.inner_text()
    assert log.locator("b").count() == 0  # what the customer typed stays text
    chat.get_by_label("Message").fill("I want to talk to a person")
    chat.get_by_role("button", name="Send").click()
    log.locator("li[data-author=agent]").first.wait_for()
    assert "SH-482913" in log.locator("li[data-author=agent]").first.inner_text()
    page.get_by_role("link", name="Help", exact=True).click()
    page.get_by_role("button", name="Chat with us").click()
    assert page.get_by_role("log", name="Conversation").locator("li").count() == 5
