"""Reads that span the page tree, each with a fixed number of queries."""

from __future__ import annotations

from django.apps import apps
from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber, Substr
from wagtail.models import Locale, Page

from dateline.core.images import all_specs, renditions_prefetch

# The image presets story cards show: "card", and "lead" for the front page's lead story.
CARD_PRESETS = ("card", "lead")
CARD_RENDITIONS = tuple(all_specs(*CARD_PRESETS))
PER_PAGE = 12


def _article_model():
    return apps.get_model("news", "ArticlePage")


def articles(root: Page):
    """Live articles under ``root``, newest first, ready for cards (two queries)."""
    queryset = (
        _article_model()
        .objects.live()
        .filter(path__startswith=root.path, depth__gt=root.depth)
        .select_related("image")
        .prefetch_related(renditions_prefetch(*CARD_PRESETS, lookup="image__renditions"))
        .order_by(F("date").desc(nulls_last=True), "-pk")
    )
    if apps.is_installed("dateline.comments"):
        # the cards' comment count, as a subquery of the same query (no query per card)
        from dateline.comments.selectors import approved_count_annotation

        queryset = queryset.annotate(comment_count=approved_count_annotation())
    return queryset


def newest_article(home: Page):
    return articles(home).first()


def paginate(request, queryset, per_page: int = PER_PAGE) -> PaginatorPage:
    """The page the reader asked for; nonsense numbers land on the first or last page."""
    paginator = Paginator(queryset, per_page)
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
    except (TypeError, ValueError):
        number = 1
    number = min(max(number, 1), paginator.num_pages)
    return paginator.page(number)


def sections_with_latest(home: Page, *, per_section: int) -> list:
    """The home page's sections, each with ``latest``: its newest ``per_section`` stories.

    One query for the sections and one for all their stories (a window function
    ranks each section's stories), however many sections and stories there are.
    """
    section_model = apps.get_model("news", "SectionPage")
    sections = list(section_model.objects.live().child_of(home).order_by("path"))
    if not sections:
        return []
    path_length = len(sections[0].path)
    ranked = (
        articles(home)
        .filter(depth=home.depth + 2)
        .annotate(
            section_path=Substr("path", 1, path_length),
            rank=Window(
                RowNumber(),
                partition_by=[F("section_path")],
                order_by=[F("date").desc(nulls_last=True), F("pk").desc()],
            ),
        )
        .filter(rank__lte=per_section)
    )
    by_section: dict[str, list] = {}
    for article in ranked:
        by_section.setdefault(article.section_path, []).append(article)
    for section in sections:
        section.latest = by_section.get(section.path, [])
    return sections


def related_articles(article, *, root: Page, tags, limit: int = 4) -> list:
    """Stories sharing the most tags with ``article``, newest first among equals."""
    if not tags:
        return []
    return list(
        articles(root)
        .filter(tagged_items__tag__in=tags)
        .exclude(pk=article.pk)
        .annotate(shared=Count("tagged_items"))
        .order_by("-shared", F("date").desc(nulls_last=True), "-pk")[:limit]
    )


def neighbours(article) -> tuple:
    """The previous (older) and next (newer) story in the same section."""
    siblings = _article_model().objects.live().sibling_of(article, inclusive=False)
    date = article.display_date
    older = (
        siblings.filter(Q(date__lt=date) | Q(date=date, pk__lt=article.pk))
        .order_by("-date", "-pk")
        .first()
    )
    newer = (
        siblings.filter(Q(date__gt=date) | Q(date=date, pk__gt=article.pk))
        .order_by("date", "pk")
        .first()
    )
    return older, newer


def edition_root(page: Page) -> Page:
    """The edition's home page as a path-only stand-in (no query): the ancestor at depth 2."""
    return Page(path=page.path[: Page.steplen * 2], depth=2)


def locale_language(locale_id: int) -> str:
    """A locale's language code, from the cache: locales almost never change."""
    key = f"news:locale-language:{locale_id}"
    language = cache.get(key)
    if language is None:
        language = Locale.objects.get(pk=locale_id).language_code
        cache.set(key, language, 3600)
    return language
