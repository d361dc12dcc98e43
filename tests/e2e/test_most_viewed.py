"""Most Viewed in a browser: the beacon counts a read, the tabs work with and without JS."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dateline.conftest import clear_default_cache
from dateline.news.models import ArticlePage
from dateline.popularity.backends import get_backend

pytestmark = pytest.mark.browser

# Headless Chromium names itself "HeadlessChrome", which the bot filter drops.
READER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


@pytest.fixture
def stories(live_site, newsroom, settings):
    settings.DATELINE_VIEWS_FLUSH_INTERVAL = 0  # the test flushes by hand
    newsroom(articles=8)
    yield list(ArticlePage.objects.live().order_by("-date", "-pk"))
    get_backend().clear()


def seed_views(stories) -> None:
    """Day: stories[0]; Week adds stories[1] (yesterday, more views); Month adds stories[2]."""
    backend, now = get_backend(), timezone.now()
    backend.record(stories[0].pk, now, 3)
    backend.record(stories[1].pk, now - timedelta(hours=30), 5)
    backend.record(stories[2].pk, now - timedelta(days=12), 9)
    backend.flush()
    clear_default_cache()


def flush_until_counted(deadline: float = 10.0) -> int:
    """The beacon is answered asynchronously; flush until its view has arrived."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        written = get_backend().flush()
        if written:
            return written
        time.sleep(0.1)
    return 0


def test_a_story_read_in_the_browser_shows_up_in_day_after_a_flush(live_site, stories, new_context):
    context = new_context(user_agent=READER_AGENT)
    if context is None:
        pytest.skip("no browser")
    tab = context.new_page()
    story = stories[3]
    with tab.expect_request(lambda request: "/_views/" in request.url) as sent:
        tab.goto(live_site.url + story.url)
    assert sent.value.method == "POST"
    assert flush_until_counted() == 1
    clear_default_cache()  # the windows are cached for a minute

    tab.goto(live_site.url + story.get_parent().url)
    day = tab.locator("#most-viewed-day")
    expect(day).to_be_visible()
    expect(day.locator("a")).to_have_text([story.title])

    # reading it again within 30 minutes sends nothing (the browser remembers)
    beacons = []
    tab.on("request", lambda request: beacons.append(request) if "/_views/" in request.url else 0)
    tab.goto(live_site.url + story.url, wait_until="load")
    tab.wait_for_timeout(500)
    assert beacons == []


def test_the_tabs_switch_with_the_keyboard_without_a_reload(live_site, stories, page):
    seed_views(stories)
    page.goto(live_site.url + stories[5].url)
    tablist = page.get_by_role("tablist")
    expect(tablist).to_be_visible()
    day, week, month = (page.get_by_role("tab", name=name) for name in ("Day", "Week", "Month"))
    expect(day).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("tabpanel")).to_have_count(1)
    expect(page.get_by_role("tabpanel").locator("a")).to_have_text([stories[0].title])

    day.focus()
    page.keyboard.press("ArrowRight")
    expect(week).to_be_focused()
    expect(week).to_have_attribute("aria-selected", "true")
    expect(day).to_have_attribute("aria-selected", "false")
    expect(page.locator("#most-viewed-week")).to_be_visible()
    expect(page.locator("#most-viewed-day")).to_be_hidden()
    expect(page.locator("#most-viewed-week a")).to_have_text([stories[1].title, stories[0].title])

    page.keyboard.press("End")
    expect(month).to_be_focused()
    expect(page.locator("#most-viewed-month a").first).to_have_text(stories[2].title)
    page.keyboard.press("ArrowRight")  # wraps round
    expect(day).to_be_focused()
    page.keyboard.press("ArrowLeft")
    expect(month).to_be_focused()
    page.keyboard.press("Home")
    expect(day).to_have_attribute("aria-selected", "true")

    week.click()
    expect(page.locator("#most-viewed-week")).to_be_visible()
    expect(page).to_have_url(live_site.url + stories[5].url)  # no navigation


def test_the_tabs_are_links_without_javascript(live_site, stories, new_context):
    context = new_context(java_script_enabled=False, user_agent=READER_AGENT)
    if context is None:
        pytest.skip("no browser")
    seed_views(stories)
    tab = context.new_page()
    tab.goto(live_site.url + stories[5].url)
    expect(tab.locator("#most-viewed-day")).to_be_visible()
    expect(tab.locator("#most-viewed-week")).to_be_hidden()

    tab.get_by_role("link", name="Week", exact=True).click()
    expect(tab).to_have_url(re.compile(r"/most-viewed/\?window=week$"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Most viewed")
    expect(tab.locator("#most-viewed-week a")).to_have_text([stories[1].title, stories[0].title])
    expect(tab.locator("#most-viewed-day")).to_be_hidden()
