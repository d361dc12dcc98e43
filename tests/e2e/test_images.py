"""A live article's lead image: sized before it loads, fetched first, in a modern format."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def story(live_site):
    from dateline.news.tests.factories import (
        ArticlePageFactory,
        ImageFactory,
        SectionPageFactory,
        home_page,
        paragraph,
    )

    section = SectionPageFactory(parent=home_page(), title="Harbours")
    lead = ImageFactory(file__width=1600, file__height=900, description="The harbour at dawn")
    inline = ImageFactory(file__width=1200, file__height=800, description="Nets on the quay")
    article = ArticlePageFactory(
        parent=section,
        title="The harbour reopens",
        image=lead,
        body=[
            paragraph("The first paragraph."),
            {"type": "image", "value": {"image": inline.pk, "caption": "", "credit": ""}},
        ],
    )
    article.save_revision().publish()  # queues the renditions, made at once in tests
    return article


def test_the_lead_image_is_sized_eager_and_served_as_avif_or_webp(live_site, story, page):
    page.goto(live_site.url + story.url)

    lead = page.locator(".article__image img")
    expect(lead).to_be_visible()
    page.wait_for_function(
        "document.querySelector('.article__image img').complete"
        " && document.querySelector('.article__image img').naturalWidth > 0"
    )
    assert lead.get_attribute("width") == "480"
    assert lead.get_attribute("height") == "270"
    assert lead.get_attribute("loading") is None
    assert lead.get_attribute("fetchpriority") == "high"
    chosen = lead.evaluate("img => img.currentSrc")
    assert chosen.split("?")[0].endswith((".avif", ".webp")), chosen
    # the body picture waits until the reader scrolls near it
    assert page.locator(".body-image img").get_attribute("loading") == "lazy"
