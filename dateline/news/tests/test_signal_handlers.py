"""Publishing fills in what editors may leave empty."""

from __future__ import annotations

import pytest

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
    return SectionPageFactory(parent=home_page(), title="Politics")


def test_article_without_date_gets_first_published_at_when_published(client, section):
    draft = ArticlePageFactory(parent=section, title="Undated story", date=None, live=False)

    draft.save_revision().publish()

    article = ArticlePage.objects.get(pk=draft.pk)
    assert article.first_published_at is not None
    assert article.date == article.first_published_at


def test_article_with_date_keeps_it_when_published(section):
    draft = ArticlePageFactory(parent=section, date=BASE_DATE, live=False)

    draft.save_revision().publish()

    assert ArticlePage.objects.get(pk=draft.pk).date == BASE_DATE


def test_republishing_does_not_move_the_filled_date(section):
    draft = ArticlePageFactory(parent=section, date=None, live=False)
    draft.save_revision().publish()
    first_date = ArticlePage.objects.get(pk=draft.pk).date

    article = ArticlePage.objects.get(pk=draft.pk)
    article.title = "Corrected headline"
    article.save_revision().publish()

    assert ArticlePage.objects.get(pk=draft.pk).date == first_date
