"""An editor files a story under a topic in the admin; readers find it on the topic page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from dateline.news.demo.newsroom import DEMO_EDITOR
from dateline.news.models import ArticlePage
from dateline.topics.models import ArticleTopic, TopicPage

pytestmark = pytest.mark.browser

TOPIC = "Lumari"  # a demo topic


def log_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(base_url + reverse("wagtailadmin_login"))
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(base_url + reverse("wagtailadmin_home"))


def choose_topic(page, title: str) -> None:
    """Add a row to the story's In Focus topics and pick ``title`` in the page chooser."""
    page.locator("#id_article_topics-ADD").click()
    row = page.locator("#id_article_topics-FORMS [data-inline-panel-child]").last
    row.get_by_role("button", name="Choose a page").click()
    modal = page.locator(".modal")
    modal.locator("input[name=q]").fill(title)
    modal.locator(".page-results a", has_text=title).first.click()
    expect(row.locator(".chooser__title")).to_have_text(title)


def publish(page, headline: str) -> None:
    page.locator("footer .w-dropdown__toggle", has_text="More actions").click()
    page.locator("footer button[name=action-publish]").click()
    expect(page.locator(".messages .success")).to_contain_text(headline)


def test_editor_files_a_story_under_a_topic_and_readers_find_it_there(
    live_site, newsroom, page, new_context
):
    newsroom(articles=14)
    topic = TopicPage.objects.get(title=TOPIC)
    story = ArticlePage.objects.exclude(article_topics__topic=topic).order_by("path").first()

    log_in(page, live_site.url, *DEMO_EDITOR)
    page.goto(live_site.url + reverse("wagtailadmin_pages:edit", args=[story.pk]))
    choose_topic(page, TOPIC)
    publish(page, story.title)

    assert ArticleTopic.objects.filter(page=story, topic=topic).exists()
    reader = new_context().new_page()  # a fresh context: no admin session
    reader.goto(live_site.url + topic.url)
    expect(reader.locator(".listing-header h1")).to_have_text(TOPIC)
    titles = reader.locator(".story-list .card__title a")
    expect(titles.filter(has_text=story.title)).to_have_count(1)
    titles.filter(has_text=story.title).click()
    expect(reader.locator("h1.article__headline")).to_have_text(story.title)
