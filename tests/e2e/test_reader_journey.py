"""A reader goes from the front page to a story, then on to one of its tags."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_reader_follows_a_story_to_its_tag_page(live_site, newsroom, page):
    newsroom(articles=24)

    page.goto(live_site.url + "/")
    expect(page.locator(".lead .card")).to_be_visible()
    card_link = page.locator(".lead .card__title a")
    headline = card_link.inner_text().strip()
    card_link.click()

    expect(page.locator("h1.article__headline")).to_have_text(headline)
    tag_link = page.locator("nav.tags a[rel=tag]").first
    tag_name = tag_link.inner_text().strip()
    tag_link.click()

    expect(page).to_have_url(re.compile(r"/tags/[^/]+/$"))
    expect(page.locator(".listing-header h1")).to_have_text(tag_name)
    titles = page.locator(".story-list .card__title a")
    expect(titles.filter(has_text=headline)).to_have_count(1)
    # The story was the newest of all, so it heads its tag's list too.
    expect(titles.first).to_have_text(headline)
