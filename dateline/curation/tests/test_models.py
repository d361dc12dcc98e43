"""The lists' own rules: one site-wide list per edition, one list per section, translation."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail.models import Locale, Page

from dateline.curation.models import Pick, PickList
from dateline.curation.tests.factories import pick_list
from dateline.news.models import ArticlePage
from dateline.news.tests.factories import ArticlePageFactory, SectionPageFactory, home_page

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def newsroom(module_transaction):
    home = home_page()
    analysis = SectionPageFactory(parent=home, title="Analysis")
    stories = [ArticlePageFactory(parent=analysis, title=f"Analysis {n}") for n in range(3)]
    return SimpleNamespace(home=home, analysis=analysis, stories=stories)


def test_database_refuses_a_second_site_wide_list_for_an_edition(newsroom):
    pick_list(newsroom.stories[0])

    with pytest.raises(IntegrityError), transaction.atomic():
        PickList.objects.create(locale=Locale.get_default())


def test_database_refuses_a_story_twice_in_one_list(newsroom):
    made = pick_list(newsroom.stories[0])

    with pytest.raises(IntegrityError), transaction.atomic():
        Pick.objects.create(pick_list=made, page=newsroom.stories[0])


def test_each_edition_has_its_own_site_wide_list(newsroom):
    arabic = Locale.objects.create(language_code="ar")
    pick_list(newsroom.stories[0])
    pick_list(newsroom.stories[1], locale=arabic)

    assert PickList.objects.filter(section__isnull=True).count() == 2


def test_pick_of_a_non_article_page_fails_validation(newsroom):
    made = pick_list()
    pick = Pick(pick_list=made, page=Page.objects.get(pk=newsroom.analysis.pk))

    kinds = "articles, galleries, videos, maps"
    with pytest.raises(ValidationError, match=f"Only {kinds} can be picked"):
        pick.full_clean()


def test_section_of_another_edition_fails_validation(newsroom):
    arabic = Locale.objects.create(language_code="ar")

    with pytest.raises(ValidationError, match="Choose a section of this list"):
        PickList(locale=arabic, section=newsroom.analysis).full_clean()


def test_deleting_a_section_deletes_its_list(newsroom):
    pick_list(newsroom.stories[0], section=newsroom.analysis)

    Page.objects.get(pk=newsroom.analysis.pk).delete()

    assert not PickList.objects.exists()


def test_lists_are_named_after_their_section(newsroom):
    assert str(PickList()) == "Site-wide"
    assert str(PickList(section=newsroom.analysis)) == "Analysis"


# Translating a list for another edition


@pytest.fixture
def arabic_edition(newsroom):
    """An Arabic edition with the Analysis section and the first story translated."""
    arabic = Locale.objects.create(language_code="ar")
    home = newsroom.home.copy_for_translation(arabic)
    analysis = newsroom.analysis.copy_for_translation(arabic)
    story = ArticlePage.objects.get(pk=newsroom.stories[0].pk).copy_for_translation(arabic)
    return SimpleNamespace(locale=arabic, home=home, analysis=analysis, story=story)


def test_translated_list_picks_the_translated_stories(newsroom, arabic_edition):
    english = pick_list(*newsroom.stories[:2])

    translated = english.copy_for_translation(arabic_edition.locale)
    translated.save()

    assert translated.locale == arabic_edition.locale
    assert translated.translation_key == english.translation_key
    assert translated.section is None
    # the second story has no Arabic version, so it is left out
    assert [p.page_id for p in translated.picks.all()] == [arabic_edition.story.pk]


def test_translated_section_list_belongs_to_the_translated_section(newsroom, arabic_edition):
    english = pick_list(newsroom.stories[0], section=newsroom.analysis)

    translated = english.copy_for_translation(arabic_edition.locale)
    translated.save()

    assert translated.section_id == arabic_edition.analysis.pk


def test_translating_onto_an_existing_list_links_the_two(admin_client, newsroom, arabic_edition):
    english = pick_list(newsroom.stories[0])
    arabic = pick_list(arabic_edition.story, locale=arabic_edition.locale)
    url = reverse(
        "simple_translation:submit_snippet_translation",
        args=["curation", "picklist", english.pk],
    )

    response = admin_client.post(url, {"locales": [arabic_edition.locale.pk]})

    assert response.status_code == 302
    arabic.refresh_from_db()
    assert arabic.translation_key == english.translation_key
    assert PickList.objects.count() == 2
