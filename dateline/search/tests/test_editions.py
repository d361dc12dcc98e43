"""Each edition's search page searches that edition's stories, with spelling variants folded."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from wagtail.models import Locale

from dateline.news.tests.factories import (
    ArticlePageFactory,
    SectionPageFactory,
    home_page,
    paragraph,
)

pytestmark = pytest.mark.django_db


def edition(language: str, title: str):
    locale = Locale.objects.create(language_code=language)
    home = home_page().copy_for_translation(locale)
    home.title = title
    home.save_revision().publish()
    return locale, home


@pytest.fixture(scope="module")
def editions(module_transaction):
    english = SectionPageFactory(parent=home_page(), title="World", slug="world")
    ArticlePageFactory(
        parent=english,
        title="Book fair opens in Tehran",
        body=[paragraph("Readers queued for the kestrelwood prize books.")],
        date=datetime(2024, 7, 3, tzinfo=UTC),
    )
    arabic, arabic_home = edition("ar", "الرئيسية")
    persian, persian_home = edition("fa", "خانه")
    arabic_desk = SectionPageFactory(parent=arabic_home, title="ثقافة", slug="thaqafa")
    persian_desk = SectionPageFactory(parent=persian_home, title="فرهنگ", slug="farhang")
    # Arabic spelling (ي, ك) in the Arabic edition, Persian spelling (ی, ک) in the Persian
    ArticlePageFactory(
        parent=arabic_desk,
        locale=arabic,
        title="معرض الكتاب في طهران kestrelwood",
        summary="زوار كثيرون.",
        body=[paragraph("قال المنظمون إن كتاب التاريخ كان الأكثر مبيعا.")],
        date=datetime(2024, 7, 1, tzinfo=UTC),
    )
    ArticlePageFactory(
        parent=persian_desk,
        locale=persian,
        title="نمایشگاه کتاب در تهران kestrelwood",
        summary="بازدیدکنندگان زیادی آمدند.",
        body=[paragraph("کتاب‌فروشی‌ها تا دیروقت باز بودند.")],
        date=datetime(2024, 7, 2, tzinfo=UTC),
    )


def titles(response) -> list[str]:
    assert response.status_code == 200
    return [result.page.title for result in response.context["results"]]


def test_each_edition_finds_only_its_own_stories(client, editions):
    assert titles(client.get("/search/", {"q": "kestrelwood"})) == ["Book fair opens in Tehran"]
    assert titles(client.get("/ar/search/", {"q": "kestrelwood"})) == [
        "معرض الكتاب في طهران kestrelwood"
    ]
    assert titles(client.get("/fa/search/", {"q": "kestrelwood"})) == [
        "نمایشگاه کتاب در تهران kestrelwood"
    ]


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        # Persian kaf and yeh typed in the Arabic edition, and the reverse
        ("/ar/search/", "کتاب", "معرض الكتاب في طهران kestrelwood"),
        ("/fa/search/", "كتاب", "نمایشگاه کتاب در تهران kestrelwood"),
        # vowel marks and tatweel typed in the query are ignored
        ("/ar/search/", "كِتَـاب", "معرض الكتاب في طهران kestrelwood"),
        # the word written with a zero-width non-joiner, and run together
        ("/fa/search/", "کتاب‌فروشی‌ها", "نمایشگاه کتاب در تهران kestrelwood"),
        ("/fa/search/", "کتابفروشیها", "نمایشگاه کتاب در تهران kestrelwood"),
    ],
)
def test_spelling_variants_match_within_the_edition(client, editions, path, query, expected):
    assert titles(client.get(path, {"q": query})) == [expected]


def test_the_newest_order_and_an_empty_query_stay_in_the_edition(client, editions):
    newest = titles(client.get("/fa/search/", {"q": "kestrelwood", "sort": "newest"}))
    latest = titles(client.get("/ar/search/"))

    assert newest == ["نمایشگاه کتاب در تهران kestrelwood"]
    assert latest == ["معرض الكتاب في طهران kestrelwood"]
