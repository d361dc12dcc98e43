"""State changes outside the editor's form."""

from __future__ import annotations

from datetime import timedelta

import pytest

from dateline.news.models import ArticlePage
from dateline.news.services import article_fill_date
from dateline.news.tests.factories import (
    BASE_DATE,
    ArticlePageFactory,
    SectionPageFactory,
    home_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    return SectionPageFactory(parent=home_page(), title="Politics")


def test_fill_date_copies_first_published_at_into_empty_date(section):
    article = ArticlePageFactory(parent=section, date=None, first_published_at=BASE_DATE)

    article_fill_date(page_id=article.pk)

    assert ArticlePage.objects.get(pk=article.pk).date == BASE_DATE


def test_fill_date_leaves_an_editors_date_alone(section):
    editors_date = BASE_DATE - timedelta(days=3)
    article = ArticlePageFactory(parent=section, date=editors_date, first_published_at=BASE_DATE)

    article_fill_date(page_id=article.pk)

    assert ArticlePage.objects.get(pk=article.pk).date == editors_date


def test_fill_date_of_never_published_article_leaves_date_empty(section):
    article = ArticlePageFactory(parent=section, date=None, live=False)

    article_fill_date(page_id=article.pk)

    assert ArticlePage.objects.get(pk=article.pk).date is None
