"""``dateline demo``: the demo newsroom on an empty site, ``--if-empty``, ``--scale``."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from types import SimpleNamespace

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from dateline.news.demo import content, demo_scale
from dateline.news.demo.editions_text import EDITIONS, SHARED_STORY
from dateline.news.models import ArticlePage, Author, SectionPage

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(module_transaction):
    """The full demo, made once for the module by the command, as a new user would."""
    before = timezone.now()
    out = StringIO()
    call_command("demo", stdout=out)
    return SimpleNamespace(before=before, after=timezone.now(), output=out.getvalue())


def tree_problems() -> list:
    """treebeard's consistency check: bad characters, steps, orphans, depth, numchild."""
    return [problem for problem in Page.find_problems() if problem]


def english(queryset):
    """The English edition's share: the Arabic and Persian ones are checked on their own."""
    return queryset.filter(locale__language_code="en")


def test_demo_builds_a_newsroom(demo):
    assert SectionPage.objects.live().count() >= 6
    assert english(ArticlePage.objects.live()).count() == 120 + 1  # and the shared story
    assert english(Author.objects).count() == 8
    assert "Demo newsroom created" in demo.output


def test_demo_stories_are_spread_over_the_last_90_days(demo):
    dates = list(ArticlePage.objects.values_list("date", flat=True))

    assert all(date is not None for date in dates)
    assert min(dates) >= demo.before - timedelta(days=90)
    assert max(dates) <= demo.after
    assert max(dates) >= demo.before - timedelta(days=2)
    assert min(dates) <= demo.before - timedelta(days=80)


def test_demo_stories_share_tags(demo):
    tagged = Tag.objects.annotate(stories=Count("news_articlepagetag_items")).filter(stories__gte=2)

    assert tagged.exists()
    assert all(article.tags.exists() for article in ArticlePage.objects.all()[:20])


def test_demo_images_have_alt_text(client, demo):
    images = get_image_model().objects.all()

    assert images.exists()
    assert all(image.description.strip() for image in images)
    article = ArticlePage.objects.live().filter(image__isnull=False).first()
    html = client.get(article.url).content.decode()
    assert f'alt="{article.image.description}"' in html


def test_demo_tree_is_consistent(demo):
    assert tree_problems() == []


def test_demo_if_empty_on_a_site_with_content_does_nothing(demo):
    out = StringIO()

    call_command("demo", "--if-empty", stdout=out)

    assert "already has content" in out.getvalue()
    assert english(ArticlePage.objects).count() == 121


def test_demo_on_a_site_with_content_refuses(demo):
    with pytest.raises(CommandError, match="already has content"):
        call_command("demo", stdout=StringIO())

    assert english(ArticlePage.objects).count() == 121


def test_demo_scale_adds_live_stories_that_render(client, demo):
    call_command("demo", "--scale", "300", stdout=StringIO())

    assert english(ArticlePage.objects.live()).count() == 421
    assert ArticlePage.objects.exclude(locale__language_code="en").count() == 2 * 5
    assert tree_problems() == []
    for section in SectionPage.objects.all():
        assert section.numchild == section.get_children().count()
    added = ArticlePage.objects.order_by("-pk")[:300]
    newest_added = max(added, key=lambda article: (article.date, article.pk))
    section = newest_added.get_parent().specific
    listing = client.get(section.url)
    assert listing.status_code == 200
    assert listing.context["page_obj"].paginator.count == (
        ArticlePage.objects.live().child_of(section).count()
    )
    story = client.get(newest_added.url)
    assert story.status_code == 200
    assert newest_added.title in story.content.decode()


def test_demo_scale_must_be_positive(demo):
    with pytest.raises(CommandError, match="--scale must be a positive number"):
        call_command("demo", "--scale", "-5", stdout=StringIO())


def test_demo_headlines_are_all_different(demo):
    titles = list(ArticlePage.objects.values_list("title", flat=True))

    assert len(titles) == len(set(titles))


def test_demo_stories_are_found_by_their_authors_and_tags(client, demo):
    """Bylines and tags are saved after the page itself; the index must still have them."""
    author = Author.objects.get(name="Rafi Dorrance")
    bylined = set(
        ArticlePage.objects.filter(article_authors__author=author).values_list("pk", flat=True)
    )
    tag = Tag.objects.get(name=content.TAGS[0])
    tagged = set(ArticlePage.objects.filter(tags=tag).values_list("pk", flat=True))

    by_name = client.get("/search/", {"q": "Dorrance"})
    by_tag = get_search_backend().search(tag.name, ArticlePage, operator="and")

    assert bylined
    assert tagged
    assert by_name.context["page_obj"].paginator.count == len(bylined)
    assert {result.page.pk for result in by_name.context["results"]} <= bylined
    assert tagged <= {page.pk for page in by_tag[:1000]}


def index_rows(stories) -> dict:
    entries = IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ArticlePage),
        object_id__in=[str(story.pk) for story in stories],
    )
    return {entry.object_id: (str(entry.title), str(entry.body)) for entry in entries}


def test_demo_scale_indexes_stories_as_publishing_would(client, demo):
    demo_scale(20, seed=5)
    added = list(ArticlePage.objects.order_by("-pk")[:20])
    bulk = index_rows(added)

    for story in added:
        index.insert_or_update_object(story)

    assert len(bulk) == 20
    assert bulk == index_rows(added)
    found = client.get("/search/", {"q": added[0].title})
    assert added[0].pk in {result.page.pk for result in found.context["results"]}


def test_demo_scale_indexing_has_no_cost_per_story(demo):
    with CaptureQueriesContext(connection) as few:
        demo_scale(5, seed=6)
    with CaptureQueriesContext(connection) as many:
        demo_scale(30, seed=7)

    # the only difference allowed: one child count update per section that got stories
    assert len(many) <= len(few) + SectionPage.objects.count()


def test_demo_builds_the_arabic_and_persian_editions(client, demo):
    shared = ArticlePage.objects.get(slug=SHARED_STORY["slug"], locale__language_code="en")
    translations = {p.locale.language_code: p for p in shared.get_translations(inclusive=True)}

    assert set(translations) == {"en", "ar", "fa"}
    for language in ("ar", "fa"):
        front = client.get(f"/{language}/").content.decode()
        assert f'<html lang="{language}" dir="rtl"' in front
        assert EDITIONS[language]["stories"][0]["title"] in front
        assert "editors-choice" in front
        assert EDITIONS[language]["sections"]["politics"][0] in front  # the sections menu
        story = client.get(translations[language].url).content.decode()
        assert SHARED_STORY[language]["title"] in story
        assert client.get(f"/{language}/in-focus/").status_code == 200
    assert client.get("/ar/politics/").context["page"].translation_key == (
        SectionPage.objects.get(slug="politics", locale__language_code="en").translation_key
    )
