"""axe-core finds no serious or critical problems on the In Focus pages or a glossary link."""

import pytest

from dateline.news.models import ArticlePage
from dateline.topics.models import TopicPage
from tests.e2e.test_accessibility import assert_accessible

pytestmark = pytest.mark.browser


def test_in_focus_pages_and_glossary_links_have_no_serious_violations(live_site, newsroom, page):
    newsroom(articles=14)
    topic = TopicPage.objects.get(title="Veloria")
    story = ArticlePage.objects.filter(article_topics__topic=topic).order_by("path").first()

    for url in ("/in-focus/", topic.url, "/"):
        page.goto(live_site.url + url)
        assert_accessible(page)

    page.goto(live_site.url + story.url)
    link = page.locator(".article__body a.glossary-link").first
    link.focus()
    assert_accessible(page)
