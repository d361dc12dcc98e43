"""The Arabic and Persian editions read right to left: layout, keys, calendar, fonts, axe-core.

One demo newsroom (with H4's Arabic and Persian editions) serves every check, so the
module builds it once per test run of this file.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale

from dateline.core import dates
from dateline.multimedia.tests.factories import GalleryPageFactory, MultimediaIndexPageFactory
from dateline.news.models import ArticlePage, HomePage
from dateline.news.tests.factories import ImageFactory
from tests.e2e.test_accessibility import assert_accessible

pytestmark = pytest.mark.browser

PHOTOS = 3
PERSIAN_MONTHS = "فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند"


def _font_requests(page) -> list[str]:
    return page.evaluate(
        "() => performance.getEntriesByType('resource').map(e => e.name)"
        ".filter(n => n.endsWith('.woff2'))"
    )


def test_arabic_and_persian_editions_read_right_to_left(live_site, newsroom, new_context):
    # axe-core is injected as an inline script, which the site's CSP rightly refuses
    page = new_context(bypass_csp=True).new_page()
    newsroom(articles=6, editions=True)
    arabic = Locale.objects.get(language_code="ar")
    arabic_home = HomePage.objects.get(locale=arabic)
    index = MultimediaIndexPageFactory(parent=arabic_home, slug="multimedia-ar")
    gallery = GalleryPageFactory(
        parent=index, title="ليلة الفوانيس", photos=[ImageFactory() for _ in range(PHOTOS)]
    )
    persian_story = ArticlePage.objects.live().filter(locale__language_code="fa").first()

    # The English front page: left to right, and no Arabic-script font is fetched.
    page.goto(live_site.url + "/", wait_until="domcontentloaded", timeout=60_000)
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"
    page.evaluate("document.fonts.ready.then(() => true)")
    assert _font_requests(page) == []

    # The Arabic front page: right to left, with its fonts.
    page.goto(live_site.url + "/ar/", wait_until="domcontentloaded", timeout=60_000)
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("Vazirmatn")
    page.evaluate("document.fonts.ready.then(() => true)")
    assert any("vazirmatn-arabic-400" in url for url in _font_requests(page))
    assert_accessible(page)

    # The gallery viewer: in right to left, ArrowLeft is "next" and ArrowRight "previous".
    page.goto(live_site.url + gallery.url, wait_until="domcontentloaded", timeout=60_000)
    page.locator(".gallery__open").first.click()
    counter = page.locator("dialog.gallery-viewer .gallery-viewer__counter")
    expect(counter).to_have_text(f"1 / {PHOTOS}")
    page.keyboard.press("ArrowLeft")
    expect(counter).to_have_text(f"2 / {PHOTOS}")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(counter).to_have_text(f"{PHOTOS} / {PHOTOS}")

    # The Persian story: Solar Hijri date in Persian digits, right to left, accessible.
    page.goto(live_site.url + persian_story.url, wait_until="domcontentloaded", timeout=60_000)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    shown = page.locator(".article__meta time").first
    expect(shown).to_have_text(dates.long_date(persian_story.display_date, "fa"))
    assert re.search(rf"^\S+ [۰-۹]+ ({PERSIAN_MONTHS}) ۱۴[۰-۹]{{2}}$", shown.inner_text())
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert_accessible(page)
