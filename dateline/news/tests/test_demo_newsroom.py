"""demo_create: the invented newsroom is the same for the same seed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import transaction

from dateline.news.demo import demo_create
from dateline.news.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_demo_is_deterministic_for_a_seed(db):
    """Two runs with the same seed, each rolled back: the same newsroom, story for story."""
    now = datetime(2024, 7, 22, 12, 0, tzinfo=UTC)

    def headlines():
        with transaction.atomic():
            demo_create(seed=11, articles=14, now=now)
            made = list(ArticlePage.objects.order_by("path").values_list("title", "slug", "date"))
            tags = sorted(
                (article.slug, tag)
                for article in ArticlePage.objects.all()
                for tag in article.tags.names()
            )
            transaction.set_rollback(True)
        return made, tags

    first, second = headlines(), headlines()

    assert len(first[0]) == 14
    assert first == second
