"""The demo's In Focus: an index, invented topics filed on stories, the front page block."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.db import transaction
from django.test import Client

from dateline.news.demo import demo_create
from dateline.news.demo.newsroom import demo_extensions
from dateline.news.models import ArticlePage
from dateline.news.tests.factories import home_page
from dateline.topics import demo_text
from dateline.topics.demo import demo_topics
from dateline.topics.models import ArticleTopic, HomeTopic, TopicIndexPage, TopicPage

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 7, 22, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo(module_transaction):
    demo_create(seed=7, articles=42, now=NOW)


def test_dateline_demo_runs_the_topics_demo_through_the_app_config():
    assert demo_topics in demo_extensions()


def test_demo_has_a_live_index_at_in_focus_listed_in_menus(demo):
    index = TopicIndexPage.objects.get()

    assert index.live and index.show_in_menus
    assert index.url == "/in-focus/"
    assert Client().get("/in-focus/").status_code == 200


def test_demo_has_ten_or_more_topics_with_descriptions_names_and_relations(demo):
    topics = list(TopicPage.objects.live().prefetch_related("other_names"))

    assert len(topics) >= 10
    assert all(0 < len(topic.description) <= 500 and topic.background for topic in topics)
    assert sum(bool(topic.other_names.all()) for topic in topics) >= 5
    assert all(topic.related_topic_links.exists() for topic in topics)
    for topic in topics:
        topic.full_clean()  # what the admin would accept


def test_every_demo_topic_has_several_stories(demo):
    for topic in TopicPage.objects.all():
        count = ArticleTopic.objects.filter(topic=topic).count()
        assert count >= 4, topic.title


def test_place_topics_are_filed_on_stories_that_mention_them(demo):
    veloria = TopicPage.objects.get(title="Veloria")
    stories = ArticlePage.objects.filter(article_topics__topic=veloria)

    mentioning = [s for s in stories if "Veloria" in f"{s.title} {s.summary} {s.body.raw_data}"]
    assert len(mentioning) >= 3


def test_demo_front_page_shows_six_topics_in_focus(demo):
    html = Client().get("/").content.decode()

    block = re.search(r'<section class="in-focus".*?</section>', html, re.S).group()
    shown = re.findall(r'<h3 class="in-focus__title">\s*<a href="[^"]+">([^<]+)</a>', block)
    assert shown == demo_text.HOME_TOPICS
    assert HomeTopic.objects.count() == 6


def test_demo_stories_carry_glossary_links(demo):
    story = ArticlePage.objects.filter(article_topics__topic__title="Veloria").first()

    html = Client().get(story.url).content.decode()

    assert 'class="glossary-link"' in html
    assert 'role="tooltip"' in html


def snapshot() -> tuple[list, list, list]:
    filed = ArticleTopic.objects.values_list("page__slug", "topic__title", "sort_order")
    topics = TopicPage.objects.values_list("title", "slug", "image__title", "description")
    home = HomeTopic.objects.values_list("topic__title", "sort_order")
    return sorted(filed), sorted(topics), sorted(home)


def test_demo_topics_are_the_same_for_the_same_seed(demo):
    made = snapshot()

    with transaction.atomic():
        TopicIndexPage.objects.get().delete()
        assert not ArticleTopic.objects.exists()
        demo_topics(home=home_page(), seed=7, now=NOW)
        made_again = snapshot()
        transaction.set_rollback(True)

    assert made[0]
    assert made_again == made
