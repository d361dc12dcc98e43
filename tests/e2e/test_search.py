"""A reader searches from the header box, narrows by section, and can do it all by keyboard."""

import pytest
from playwright.sync_api import expect

from dateline.news.models import ArticlePage, HomePage, SectionPage

pytestmark = pytest.mark.browser

MAX_TABS = 40


def publish(page):
    page.save_revision().publish()
    return page


def build_newsroom() -> None:
    home = HomePage.objects.get()
    politics = publish(home.add_child(instance=SectionPage(title="Politics", slug="politics")))
    economy = publish(home.add_child(instance=SectionPage(title="Economy", slug="economy")))
    for section, title, text in [
        (politics, "Harbour vote delayed", "Members argued about the zephyrine harbour."),
        (economy, "Port fees rise", "Traders at the zephyrine dock pay more."),
    ]:
        body = [{"type": "paragraph", "value": f"<p>{text}</p>"}]
        publish(section.add_child(instance=ArticlePage(title=title, body=body)))


def tab_to(page, selector: str) -> None:
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never received keyboard focus")


def test_header_search_shows_highlighted_results_and_filters_by_section(live_site, page):
    build_newsroom()
    page.goto(live_site.url + "/")

    page.get_by_label("Search stories").fill("zephyrine")
    page.get_by_label("Search stories").press("Enter")

    expect(page).to_have_url(f"{live_site.url}/search/?q=zephyrine")
    expect(page.get_by_role("status")).to_have_text("2 results for “zephyrine”")
    expect(page.locator(".search-result__snippet mark")).to_have_count(2)
    expect(page.locator(".search-result__snippet mark").first).to_have_text("zephyrine")

    page.get_by_label("Section").select_option("economy")
    page.get_by_role("button", name="Apply").click()

    expect(page.get_by_role("status")).to_have_text("1 result for “zephyrine”")
    expect(page.get_by_role("heading", name="Port fees rise")).to_be_visible()
    assert "section=economy" in page.url


def test_search_works_with_the_keyboard_alone(live_site, page):
    build_newsroom()
    page.goto(live_site.url + "/")

    tab_to(page, "#site-search-q")
    page.keyboard.type("zephyrine")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("2 results for “zephyrine”")

    tab_to(page, "#id_section")
    page.keyboard.press("ArrowDown")  # Any section -> Politics -> Economy (tree order)
    page.keyboard.press("ArrowDown")
    tab_to(page, "fieldset button[type=submit]")
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_have_text("1 result for “zephyrine”")
    tab_to(page, ".search-result__title a")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Port fees rise")
