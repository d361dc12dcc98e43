"""A reader tabs to a glossary link in a story and its description shows, JavaScript or not."""

import pytest
from playwright.sync_api import expect

from dateline.news.models import ArticlePage, HomePage, SectionPage
from dateline.topics.models import TopicIndexPage, TopicPage

pytestmark = pytest.mark.browser

DESCRIPTION = "The narrow sea lane between the northern and southern coasts."
MAX_TABS = 40


def publish(page):
    page.save_revision().publish()
    return page


def build_story() -> ArticlePage:
    home = HomePage.objects.get()
    section = publish(home.add_child(instance=SectionPage(title="Economy", slug="economy")))
    index = publish(home.add_child(instance=TopicIndexPage(title="In Focus", slug="in-focus")))
    publish(
        index.add_child(
            instance=TopicPage(
                title="Kestrel Strait", slug="kestrel-strait", description=DESCRIPTION
            )
        )
    )
    body = [
        {"type": "heading", "value": {"text": "The Kestrel Strait", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Ferries crossed the Kestrel Strait at dawn.</p>"},
    ]
    story = ArticlePage(title="Ferries resume", slug="ferries-resume", body=body)
    return publish(section.add_child(instance=story))


def tab_to(page, selector: str) -> None:
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{MAX_TABS} presses of Tab never reached {selector}")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_glossary_tooltip_shows_on_keyboard_focus(live_site, new_context, javascript):
    story = build_story()
    reader = new_context(java_script_enabled=javascript).new_page()

    reader.goto(live_site.url + story.url)
    link = reader.locator(".article__body a.glossary-link")
    tip = reader.locator(".article__body .glossary-tip")
    expect(link).to_have_count(1)
    expect(link).to_have_text("Kestrel Strait")  # the heading's mention is left alone
    expect(tip).to_be_hidden()

    tab_to(reader, ".article__body a.glossary-link")

    expect(tip).to_be_visible()
    expect(tip).to_have_text(DESCRIPTION)
    expect(link).to_have_accessible_description(DESCRIPTION)

    reader.keyboard.press("Tab")  # focus moves on: the tooltip goes
    expect(tip).to_be_hidden()


def test_glossary_tooltip_shows_on_hover(live_site, page):
    story = build_story()

    page.goto(live_site.url + story.url)
    tip = page.locator(".article__body .glossary-tip")
    expect(tip).to_be_hidden()
    page.locator(".article__body a.glossary-link").hover()

    expect(tip).to_be_visible()
