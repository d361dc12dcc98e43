"""Reads for the search page: the edition, the filter choices, the results.

Filters are plain ORM conditions on the page (its path, type, live state, and
subqueries on the page id for tags, topics and authors); a search checks them per
match through the page's primary key, in the same SQL statement as the full-text
match, so every combination of filters works on SQLite and PostgreSQL alike. The
date range of a search is a range of the story search table (stories.py). The
pager counts at most ``MAX_COUNTED`` + 1 matches and lists only the first
``MAX_COUNTED`` (``CappedPaginator``): counting every one of 64,000 matches for a
common word cost more than finding the page of results.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property
from taggit.models import Tag
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from dateline.core.images import renditions_prefetch
from dateline.news import selectors as news_selectors
from dateline.news.models import ArticlePageAuthor, ArticlePageTag, Author, HomePage, SectionPage
from dateline.search import registry
from dateline.search.normalise import terms
from dateline.topics import selectors as topic_selectors

MAX_TERMS = 12
MAX_TAG_CHOICES = 500
MAX_COUNTED = 1000  # matches counted and listed; beyond it the page says "more than"


def edition_home(language: str) -> HomePage | None:
    """The live home page of the edition in ``language``."""
    return HomePage.objects.live().filter(depth=2, locale__language_code=language).first()


@dataclass
class Filters:
    section: Page | None = None
    tag: Tag | None = None
    topic: Page | None = None
    author: Author | None = None
    start: date | None = None
    end: date | None = None


@dataclass
class Choices:
    """Each filter's options in the edition, and the objects behind them by slug."""

    sections: dict[str, Page] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)
    topics: dict[str, Page] = field(default_factory=dict)
    authors: dict[str, Author] = field(default_factory=dict)

    def as_form_choices(self) -> dict[str, list[tuple[str, str]]]:
        return {
            "section": [(slug, page.title) for slug, page in self.sections.items()],
            "tag": [(slug, tag.name) for slug, tag in self.tags.items()],
            "topic": [(slug, page.title) for slug, page in self.topics.items()],
            "author": [(slug, author.name) for slug, author in self.authors.items()],
        }


def filter_choices(home: HomePage, *, requested_tag: str = "") -> Choices:
    """Four queries (five when the URL names a rarely used tag)."""
    sections = SectionPage.objects.live().child_of(home).order_by("path")
    topics = apps.get_model("topics", "TopicPage").objects.live().descendant_of(home)
    authors = Author.objects.filter(locale_id=home.locale_id).order_by("name")
    # EXISTS stops at each tag's first live story in the edition, where an IN
    # subquery would read every tagging of the archive on each search.
    in_use = ArticlePageTag.objects.filter(
        tag=OuterRef("pk"), content_object__path__startswith=home.path, content_object__live=True
    )
    tags = list(Tag.objects.filter(Exists(in_use)).order_by("name")[:MAX_TAG_CHOICES])
    if requested_tag and requested_tag not in {tag.slug for tag in tags}:
        tags += list(Tag.objects.filter(slug=requested_tag[:100]))
    return Choices(
        sections={page.slug: page for page in sections},
        tags={tag.slug: tag for tag in tags},
        topics={page.slug: page for page in topics.order_by("title")},
        authors={author.slug: author for author in authors},
    )


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _in_days(field: str, start: date | None, end: date | None) -> Q:
    bounds = {}
    if start:
        bounds[f"{field}__gte"] = _day_start(start)
    if end:
        bounds[f"{field}__lt"] = _day_start(end + timedelta(days=1))
    return Q(**bounds)


def _date_condition(start: date | None, end: date | None) -> Q:
    """Stories whose reader-facing date is within [start, end] (whole days).

    The date readers see is the type's date field, or the first publication when
    that is empty; written as two plain ranges rather than one ``Coalesce`` so the
    database can read them from the date indexes.
    """
    condition = Q()
    for story_type in registry.story_types():
        published = _in_days("first_published_at", start, end)
        if story_type.date_field:
            empty = Q(**{f"{story_type.date_field}__isnull": True})
            dated = _in_days(story_type.date_field, start, end) | (empty & published)
        else:
            dated = published
        condition |= Q(pk__in=story_type.model.objects.filter(dated).values("pk"))
    return condition


def stories(home: HomePage, filters: Filters):
    """Live stories of every registered type in the edition, with ``filters`` applied."""
    queryset = (
        Page.objects.live()
        .type(*registry.story_models())
        .filter(path__startswith=(filters.section or home).path, depth__gt=home.depth)
    )
    if filters.tag is not None:
        tagged = ArticlePageTag.objects.filter(tag=filters.tag).values("content_object_id")
        queryset = queryset.filter(pk__in=tagged)
    if filters.topic is not None:
        filed = topic_selectors.topic_articles(filters.topic).values("pk")
        queryset = queryset.filter(pk__in=filed)
    if filters.author is not None:
        bylined = ArticlePageAuthor.objects.filter(author=filters.author).values("page_id")
        queryset = queryset.filter(pk__in=bylined)
    if filters.start or filters.end:
        queryset = queryset.filter(_date_condition(filters.start, filters.end))
    return queryset


def query_terms(query: str) -> list[str]:
    """The reader's words as plain search terms: normalised, no operators, at most 12."""
    words = [word for word in terms(query) if any(char.isalnum() for char in word)]
    return words[:MAX_TERMS]


def search(home: HomePage, filters: Filters, words: list[str], *, newest: bool):
    """Matching stories (Wagtail search results or, without words, a queryset), paginatable.

    With words, our database backends search the story search table
    (``search_stories``, stories.py): the newest ``MAX_COUNTED`` matches, ranked,
    with the date range read from the table; another backend gets Wagtail's
    ``search`` over the filtered pages.
    """
    query = PlainText(" ".join(words), operator="and")
    backend = get_search_backend()
    if words and hasattr(backend, "search_stories"):
        return backend.search_stories(
            query,
            stories(home, replace(filters, start=None, end=None)),
            newest=newest,
            start=filters.start,
            end=filters.end,
            within=(filters.section or home).path,
            candidates=MAX_COUNTED,
        )
    queryset = stories(home, filters)
    by_date = queryset.annotate(story_date=registry.story_date()).order_by(
        F("story_date").desc(nulls_last=True), F("id").desc()
    )
    if not words:
        return by_date
    return backend.search(query, by_date if newest else queryset, order_by_relevance=not newest)


class CappedPaginator(Paginator):
    """A paginator over at most ``MAX_COUNTED`` results; ``more`` says whether there are others.

    The count is one query that stops at ``MAX_COUNTED`` + 1 matches, unordered.
    """

    @cached_property
    def found(self) -> int:
        results = self.object_list
        if isinstance(results, QuerySet):
            results = results.order_by()
        return results[: MAX_COUNTED + 1].count()

    @property
    def more(self) -> bool:
        return self.found > MAX_COUNTED

    @cached_property
    def count(self) -> int:
        return min(self.found, MAX_COUNTED)


def paginate(request, results, per_page: int = news_selectors.PER_PAGE):
    """The page the reader asked for, within the first ``MAX_COUNTED`` results.

    Nonsense numbers, and numbers past the counted results, land on the first or
    last page.
    """
    paginator = CappedPaginator(results, per_page)
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
    except (TypeError, ValueError):
        number = 1
    number = min(max(number, 1), paginator.num_pages)
    return paginator.page(number)


def specific_results(pages: list[Page], home: HomePage) -> list:
    """The pages of one results page as their story types, ready for display.

    Two queries per registered type (the pages with their images, then the
    renditions), whatever the number of results.
    """
    ids = [page.pk for page in pages]
    found: dict[int, Page] = {}
    for story_type in registry.story_types():
        remaining = [pk for pk in ids if pk not in found]
        if not remaining:
            break
        model = story_type.model
        if story_type.label == "news.ArticlePage":
            queryset = news_selectors.articles(home).filter(pk__in=remaining)
        else:
            queryset = (
                model.objects.filter(pk__in=remaining)
                .select_related("image")
                .prefetch_related(renditions_prefetch("card", lookup="image__renditions"))
            )
        for page in queryset:
            found[page.pk] = page
    return [found[pk] for pk in ids if pk in found]
