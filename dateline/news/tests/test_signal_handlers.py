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


# Translating a story


@pytest.fixture
def arabic():
    from wagtail.models import Locale

    locale = Locale.objects.create(language_code="ar")
    home_page().copy_for_translation(locale).get_latest_revision().publish()
    return locale


def test_a_translated_story_credits_its_authors_in_its_own_edition(client, section, arabic):
    from dateline.news.models import Author
    from dateline.news.tests.factories import AuthorFactory

    lena = AuthorFactory(name="Lena Maris")
    taken = AuthorFactory(name="Omar Adel", slug="lena-maris", locale=arabic)  # another one
    english = ArticlePageFactory(parent=section, authors=[lena])
    section.copy_for_translation(arabic).get_latest_revision().publish()

    translated = english.copy_for_translation(arabic)
    translated.get_latest_revision().publish()

    credited = [
        link.author for link in ArticlePage.objects.get(pk=translated.pk).article_authors.all()
    ]
    assert [(a.name, a.locale_id, a.translation_key) for a in credited] == [
        ("Lena Maris", arabic.pk, lena.translation_key)
    ]
    assert credited[0].slug == "lena-maris-2"  # the edition's own "lena-maris" is someone else
    assert Author.objects.get(pk=taken.pk).name == "Omar Adel"
    response = client.get(ArticlePage.objects.get(pk=translated.pk).url)
    link = f'href="/ar/authors/{credited[0].slug}/"'
    assert link.encode() in response.content
    assert client.get(f"/ar/authors/{credited[0].slug}/").status_code == 200
    # the English story keeps its English credit
    assert [link.author_id for link in english.article_authors.all()] == [lena.pk]


def test_a_second_translation_reuses_the_authors_entry_in_that_edition(section, arabic):
    from dateline.news.tests.factories import AuthorFactory

    lena = AuthorFactory(name="Lena Maris")
    arabic_lena = lena.copy_for_translation(arabic)
    arabic_lena.name = "لينا ماريس"
    arabic_lena.save()
    first = ArticlePageFactory(parent=section, authors=[lena])
    second = ArticlePageFactory(parent=section, authors=[lena])
    section.copy_for_translation(arabic)

    for story in (first, second):
        translated = story.copy_for_translation(arabic)
        assert [link.author_id for link in translated.article_authors.all()] == [arabic_lena.pk]
        draft = translated.get_latest_revision_as_object()
        assert [link.author_id for link in draft.article_authors.all()] == [arabic_lena.pk]
