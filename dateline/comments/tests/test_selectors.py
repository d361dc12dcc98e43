"""Comments close on request or by age; cards get their count in the listing's own query."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dateline.comments.models import Comment, CommentSettings
from dateline.comments.selectors import comment_settings_for, comments_open
from dateline.comments.tests.factories import CommentFactory
from dateline.news import selectors as news_selectors
from dateline.news.tests.factories import ArticlePageFactory, home_page

pytestmark = pytest.mark.django_db


def test_comments_close_n_days_after_publication(article):
    settings = CommentSettings(close_after_days=14)
    article.date = timezone.now() - timedelta(days=13)
    assert comments_open(article, settings=settings)
    article.date = timezone.now() - timedelta(days=15)
    assert not comments_open(article, settings=settings)
    assert comments_open(article, settings=CommentSettings(close_after_days=0))


def test_editors_can_close_comments_on_a_story(article):
    article.comments_closed = True
    assert not comments_open(article, settings=CommentSettings())


def test_cards_carry_the_approved_count_without_a_query_per_card(article):
    other = ArticlePageFactory(parent=article.get_parent())
    for status in (Comment.Status.APPROVED, Comment.Status.APPROVED, Comment.Status.PENDING):
        CommentFactory(page=article, status=status)
    home = home_page()
    with CaptureQueriesContext(connection) as captured:
        counts = {a.pk: a.comment_count for a in news_selectors.articles(home)}
    assert counts[article.pk] == 2 and counts[other.pk] == 0
    assert len(captured.captured_queries) == 1  # no images here, so no renditions query


def test_related_stories_carry_their_comment_count_to_their_cards(article):
    tagged = [ArticlePageFactory(parent=article.get_parent(), tags=["Water"]) for _ in range(2)]
    CommentFactory(page=tagged[1])
    related = news_selectors.related_cards(
        tagged[0], root=home_page(), tags=list(tagged[0].tags.all())
    )
    assert [(a.pk, a.comment_count) for a in related] == [(tagged[1].pk, 1)]


def test_settings_are_cached_and_forgotten_on_save(article):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    assert comment_settings_for(site).trusted_after == 0
    CommentSettings.objects.update_or_create(site=site, defaults={"trusted_after": 3})
    assert comment_settings_for(site).trusted_after == 3
