"""A prepared query gives what its queryset gives, from SQL built once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Count, F
from django.test.utils import CaptureQueriesContext

from dateline.core.prepared import KEY_MARKERS, MARKER, PreparedQuery
from dateline.news.models import ArticlePage
from dateline.news.tests.factories import (
    ArticlePageFactory,
    ImageFactory,
    SectionPageFactory,
    home_page,
)

pytestmark = pytest.mark.django_db


def _stories():
    return (
        ArticlePage.objects.select_related("image")
        .annotate(tag_count=Count("tagged_items"), doubled=F("page_ptr_id") * 2)
        .order_by("pk")
    )


def test_a_prepared_query_gives_the_querysets_models_related_objects_and_annotations():
    section = SectionPageFactory(parent=home_page())
    pictured = ArticlePageFactory(parent=section, image=ImageFactory(), tags=["Water", "Trade"])
    plain = ArticlePageFactory(parent=section, tags=[])
    query = PreparedQuery(_stories().filter(slug=MARKER))

    for story in (pictured, plain):
        expected = _stories().get(slug=story.slug)
        with CaptureQueriesContext(connection) as captured:
            found = query.all(story.slug)
            image_title = found[0].image.title if found[0].image else None

        assert len(captured.captured_queries) == 1  # the image came with the story
        assert len(found) == 1 and type(found[0]) is ArticlePage
        assert found[0].pk == story.pk and found[0].title == story.title
        assert found[0].date == expected.date and list(found[0].body.raw_data) == list(
            expected.body.raw_data
        )
        assert image_title == (expected.image.title if expected.image else None)
        assert (found[0].tag_count, found[0].doubled) == (expected.tag_count, story.pk * 2)
    assert query.first("no-such-story") is None


def test_a_prepared_query_takes_several_keys_in_their_order():
    section = SectionPageFactory(parent=home_page())
    stories = [ArticlePageFactory(parent=section) for _ in range(3)]
    markers = KEY_MARKERS[:2]
    query = PreparedQuery(_stories().filter(pk__in=markers), markers)

    assert [s.pk for s in query.all(stories[2].pk, stories[0].pk)] == [stories[0].pk, stories[2].pk]
    assert [s.pk for s in query.all(stories[1].pk, stories[1].pk)] == [stories[1].pk]
    with pytest.raises(ValueError, match="2 values expected"):
        query.all(stories[0].pk)


def test_a_prepared_query_needs_the_marker_once_and_no_prefetching():
    with pytest.raises(ValueError, match="each marker once"):
        PreparedQuery(ArticlePage.objects.filter(slug="fixed"))
    with pytest.raises(ValueError, match="each marker once"):
        PreparedQuery(ArticlePage.objects.filter(slug=MARKER, title=MARKER))
    with pytest.raises(ValueError, match="no prefetching"):
        PreparedQuery(ArticlePage.objects.filter(slug=MARKER).prefetch_related("tagged_items"))
