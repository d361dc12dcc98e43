"""The strict public Content-Security-Policy blocks nothing the site itself uses.

One browser page walks the pages with scripts (gallery viewer, video facade, interactive
map, comments) from the page cache, and records every ``securitypolicyviolation``.
"""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from dateline.maps.tests.factories import MapPageFactory, event
from dateline.multimedia.tests.factories import (
    GalleryPageFactory,
    MultimediaIndexPageFactory,
    VideoPageFactory,
)
from dateline.news.tests.factories import ImageFactory, home_page

pytestmark = pytest.mark.browser
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
});
"""


def test_pages_with_scripts_run_under_the_strict_policy_without_violations(live_site, page):
    index = MultimediaIndexPageFactory(parent=home_page())
    gallery = GalleryPageFactory(parent=index, photos=[ImageFactory() for _ in range(2)])
    video = VideoPageFactory(parent=index, image=ImageFactory())
    the_map = MapPageFactory(
        parent=index,
        situation_date=date(2025, 3, 20),
        features=[event("Bridge clash", date(2025, 3, 5))],
    )
    page.add_init_script(RECORD_VIOLATIONS)
    seen = {}
    for url in ("/", gallery.url, video.url, the_map.url):
        response = page.goto(live_site.url + url)
        assert "default-src 'none'" in response.headers["content-security-policy"]
        if url == gallery.url:
            page.locator(".gallery__open").first.click()
            expect(page.locator("dialog.gallery-viewer")).to_be_visible()
        if url == video.url:
            page.route("https://www.youtube-nocookie.com/**", lambda route: route.abort())
            page.locator(".video-facade button").first.click()
            expect(page.locator("iframe.video-facade__frame")).to_have_count(1)
        if url == the_map.url:
            expect(page.locator(".leaflet-container")).to_have_count(1)
        seen[url] = page.evaluate("window.__cspViolations")
    assert seen == {url: [] for url in seen}
