"""The comments section costs the warm article page at most two queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dateline.comments.tests.factories import CommentFactory
from dateline.news.tests.factories import (
    ArticlePageFactory,
    ImageFactory,
    SectionPageFactory,
    home_page,
)

pytestmark = pytest.mark.django_db
# Measured on the page before the comments app existed (same newsroom, warm): 14 queries.
BEFORE = 14


def warm_count(client, url: str) -> int:
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_warm_article_page_stays_within_two_queries_of_before(client):
    section = SectionPageFactory(parent=home_page())
    stories = [
        ArticlePageFactory(parent=section, image=ImageFactory(), tags=["Water"]) for _ in range(5)
    ]
    for story in stories:
        CommentFactory(page=story)
        CommentFactory(page=story, parent=CommentFactory(page=story))
    queries = warm_count(client, stories[2].url)
    assert queries <= BEFORE + 2, queries
    assert "3 comments" in client.get(stories[2].url).content.decode()
