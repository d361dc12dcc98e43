"""The README's picture of the front page, docs/screenshot-home.png: taken on every run,
written over the README's copy only with DATELINE_SCREENSHOT=update (a test run leaves the
checkout as it found it)."""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot-home.png"

# Every image inside the viewport has arrived and decoded (cards below lazy-load).
IMAGES_IN_VIEW_LOADED = """() => Array.from(document.images)
    .filter((img) => img.getBoundingClientRect().top < window.innerHeight)
    .every((img) => img.complete && img.naturalWidth > 0)"""


def test_screenshot_of_the_demo_front_page(live_site, newsroom, page, tmp_path):
    newsroom(articles=120)  # the full demo, as `dateline demo` builds it

    page.goto(live_site.url + "/")
    expect(page.locator(".lead .card")).to_be_visible()
    page.wait_for_function(IMAGES_IN_VIEW_LOADED)
    page.evaluate("() => document.fonts.ready")

    taken = tmp_path / SCREENSHOT.name
    page.screenshot(path=str(taken), full_page=False, animations="disabled")
    assert taken.stat().st_size > 10_000
    if os.environ.get("DATELINE_SCREENSHOT") == "update":
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(taken, SCREENSHOT)
