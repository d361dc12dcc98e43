"""Keep the README's picture of the front page current: docs/screenshot-home.png."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot-home.png"

# Every image inside the viewport has arrived and decoded (cards below lazy-load).
IMAGES_IN_VIEW_LOADED = """() => Array.from(document.images)
    .filter((img) => img.getBoundingClientRect().top < window.innerHeight)
    .every((img) => img.complete && img.naturalWidth > 0)"""


def test_screenshot_of_the_demo_front_page(live_site, newsroom, page):
    newsroom(articles=120)  # the full demo, as `dateline demo` builds it

    page.goto(live_site.url + "/")
    expect(page.locator(".lead .card")).to_be_visible()
    page.wait_for_function(IMAGES_IN_VIEW_LOADED)
    page.evaluate("() => document.fonts.ready")

    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=False, animations="disabled")
    assert SCREENSHOT.stat().st_size > 10_000
