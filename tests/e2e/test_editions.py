"""A reader switches edition on a translated story; the site remembers; / offers the
browser's edition."""

import pytest
from playwright.sync_api import expect

from dateline.news.demo.editions_text import SHARED_STORY

pytestmark = pytest.mark.browser

STORY = f"/{SHARED_STORY['section']}/{SHARED_STORY['slug']}/"


def test_the_language_switcher_lands_on_the_translated_story(
    live_site, newsroom, page, new_context
):
    newsroom(articles=12, editions=True)

    page.goto(live_site.url + STORY)
    expect(page.locator("h1")).to_have_text(SHARED_STORY["en"]["title"])
    page.locator(".language-switcher a[lang=ar]").click()

    expect(page).to_have_url(live_site.url + "/ar" + STORY)
    expect(page.locator("h1")).to_have_text(SHARED_STORY["ar"]["title"])
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    # the choice is remembered: the site root now opens the Arabic edition
    page.goto(live_site.url + "/")
    expect(page).to_have_url(live_site.url + "/ar/")
    expect(page.locator(".language-switcher a[aria-current=true]")).to_have_attribute("lang", "ar")
    # and back to English from the Arabic story
    page.goto(live_site.url + "/ar" + STORY)
    page.locator(".language-switcher a[lang=en]").click()
    expect(page).to_have_url(live_site.url + STORY)

    # a first visit from a Persian browser is offered the Persian edition
    persian = new_context(locale="fa-IR").new_page()
    persian.goto(live_site.url + "/")
    expect(persian).to_have_url(live_site.url + "/fa/")
    expect(persian.locator("html")).to_have_attribute("lang", "fa")
    persian.goto(live_site.url + "/fa" + STORY)
    expect(persian.locator("h1")).to_have_text(SHARED_STORY["fa"]["title"])
