"""The query that routes to a story also reads its tags and its previous and next stories
(``SectionPage.child_queryset``): the same answers as the story's own queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dateline.news import selectors
from dateline.news.models import ArticlePage
from dateline.news.tests.factories import (
    BASE_DATE,
    ArticlePageFactory,
    SectionPageFactory,
    home_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    section = SectionPageFactory(parent=home_page(), title="Economy")
    dates = [BASE_DATE, BASE_DATE + timedelta(days=1), BASE_DATE + timedelta(days=1), None]
    for n, date in enumerate(dates):
        ArticlePageFactory(
            parent=section,
            title=f"Economy story {n}",
            date=date,
            first_published_at=BASE_DATE + timedelta(hours=n),
            tags=["Water", "Trade", f"Only {n}"],
        )
    # a newer story of another section is nobody's neighbour here
    ArticlePageFactory(parent=SectionPageFactory(parent=home_page()), date=timezone.now())
    return section


def _pks(pair) -> tuple:
    return tuple(story.pk if story else None for story in pair)


def test_routed_stories_have_the_neighbours_and_tags_their_own_queries_find(section):
    for routed in section.child_queryset(ArticlePage):
        plain = ArticlePage.objects.get(pk=routed.pk)
        with CaptureQueriesContext(connection) as captured:
            loaded = selectors.neighbours(routed)
            tags = [(tag.pk, tag.name, tag.slug) for tag in routed.story_tags]

        assert captured.captured_queries == []
        assert _pks(loaded) == _pks(selectors.neighbours(plain))
        assert tags == [(tag.pk, tag.name, tag.slug) for tag in plain.tags.all()]


def test_the_route_by_slug_gives_what_the_section_queryset_gives(section):
    fields = [field.attname for field in ArticlePage._meta.concrete_fields]
    for expected in section.child_queryset(ArticlePage):
        with CaptureQueriesContext(connection) as captured:
            routed = section.child_by_slug(ArticlePage, expected.slug)

        assert len(captured.captured_queries) == 1
        assert type(routed) is ArticlePage
        assert [getattr(routed, name) for name in fields] == [
            getattr(expected, name) for name in fields
        ]
        assert _pks(selectors.neighbours(routed)) == _pks(selectors.neighbours(expected))
        assert routed.story_tags == expected.story_tags
    assert section.child_by_slug(ArticlePage, "no-such-story") is None


def test_a_story_page_links_its_older_and_newer_stories(client, section):
    older, story, same_time, _undated = section.get_children().specific().order_by("pk")

    nav = client.get(story.url).content.decode().split('class="prev-next"', 1)[1]
    nav = nav.split("</nav>", 1)[0]

    assert f'href="{older.url}"' in nav and older.title in nav
    assert f'href="{same_time.url}"' in nav and same_time.title in nav  # equal date: by pk


def test_the_route_reads_the_storys_live_topics_in_order_and_its_approved_comments(section):
    from dateline.comments.models import Comment
    from dateline.comments.tests.factories import CommentFactory
    from dateline.topics.selectors import story_topics
    from dateline.topics.tests.factories import (
        TopicIndexPageFactory,
        TopicPageFactory,
        file_under,
    )

    index = TopicIndexPageFactory(parent=home_page())
    strait, basin, draft = (
        TopicPageFactory(parent=index, title=title) for title in ("Strait", "Basin", "Draft")
    )
    draft.unpublish()
    story, plain = section.get_children().specific().order_by("pk")[:2]
    file_under(story, basin, draft, strait)
    CommentFactory(page=story)
    CommentFactory(page=story, status=Comment.Status.PENDING)

    routed = section.child_by_slug(ArticlePage, story.slug)
    with CaptureQueriesContext(connection) as captured:
        topics = story_topics(routed)
        titles = [topic.title for topic in topics]
    urls = [topic.url for topic in topics]  # with no other field read

    assert [topic.pk for topic in topics] == [topic.pk for topic in story_topics(story)]
    assert titles == ["Basin", "Strait"] and captured.captured_queries == []
    with CaptureQueriesContext(connection) as captured:
        assert [topic.url for topic in topics] == urls == [basin.url, strait.url]
    assert captured.captured_queries == []
    assert routed.approved_comments == 1
    assert section.child_by_slug(ArticlePage, plain.slug).approved_comments == 0
    assert story_topics(section.child_by_slug(ArticlePage, plain.slug)) == []
