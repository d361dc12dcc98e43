"""Story cards are rendered once and reused under every story that shows them, until
their story or its comment count changes (news/cards.py)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dateline.comments.models import Comment
from dateline.comments.services import comment_approve
from dateline.comments.tests.factories import CommentFactory
from dateline.news.cards import CachedCard
from dateline.news.models import ArticlePage
from dateline.news.tests.factories import (
    ArticlePageFactory,
    ImageFactory,
    SectionPageFactory,
    home_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    section = SectionPageFactory(parent=home_page(), title="Harbours")
    shown = ArticlePageFactory(
        parent=section, title="Ferry timetable changes", tags=["Ferries"], image=ImageFactory()
    )
    first, second = (
        ArticlePageFactory(parent=section, title=title, tags=["Ferries"])
        for title in ("Quay works begin", "Pier reopens")
    )
    return section, shown, first, second


def related_aside(response) -> str:
    return response.content.decode().split('class="related"', 1)[1].split("</aside>", 1)[0]


def test_a_card_rendered_under_one_story_is_reused_under_the_next(client, desk):
    _section, shown, first, second = desk
    client.get(first.url)

    with CaptureQueriesContext(connection) as captured:
        response = client.get(second.url)

    cards = {card.pk: card for card in response.context["related"]}
    assert isinstance(cards[shown.pk], CachedCard)
    assert "Ferry timetable changes" in related_aside(response)
    assert 'class="card__image"' in str(cards[shown.pk].html)  # its picture came with it
    # the story rows read for cards: the first story's alone (its page did not show it)
    cards_read = [
        query["sql"]
        for query in captured.captured_queries
        if '"news_articlepage"."summary"' in query["sql"] and "comment_count" in query["sql"]
    ]
    assert len(cards_read) == 1
    keys = re.search(r"page_ptr_id\" IN \(([-\d, ]+)\)", cards_read[0]).group(1)
    assert {int(key) for key in keys.split(",")} == {first.pk}


def test_a_republished_story_shows_its_new_title_on_every_card(client, desk):
    _section, shown, first, second = desk
    client.get(first.url)
    client.get(second.url)

    story = ArticlePage.objects.get(pk=shown.pk)
    story.title = "Ferry timetable withdrawn"
    story.save_revision().publish()

    for other in (first, second):
        aside = related_aside(client.get(other.url))
        assert "Ferry timetable withdrawn" in aside
        assert "Ferry timetable changes" not in aside


def test_an_approved_comment_changes_the_count_on_the_stories_card(
    client, desk, django_capture_on_commit_callbacks
):
    _section, shown, first, _second = desk
    assert "comment" not in related_aside(client.get(first.url))

    comment = CommentFactory(page=shown, status=Comment.Status.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        comment_approve(comment=comment)

    assert "1 comment" in related_aside(client.get(first.url))


def test_a_withdrawn_story_leaves_the_cards(client, desk):
    _section, shown, first, _second = desk
    client.get(first.url)

    ArticlePage.objects.get(pk=shown.pk).unpublish()

    assert "Ferry timetable changes" not in related_aside(client.get(first.url))
