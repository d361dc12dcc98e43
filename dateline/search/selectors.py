"""Reads for the search page: the edition, the filter choices, the results.

Filters are plain ORM conditions on the page (its path, type, live state, and
subqueries on the page id for tags, topics and authors); a search checks them per
match through the page's primary key, in the same SQL statement as the full-text
match, so every combination of filters works on SQLite and PostgreSQL alike. The
date range of a search is a range of the story search table (stories.py). The
pager counts at most ``MAX_COUNTED`` + 1 matches and lists only the first
``MAX_COUNTED`` (``CappedPaginator``): counting every one of 64,000 matches for a
common word cost more than finding the page of results.

The edition's home page and its filter choices are the same for every search, so they
are cached together (one cache read; the choices as plain values) until a page is
published, unpublished, moved or deleted, or an author or tag changes (signal_handlers.py).
The page of results comes with what its cards show in the query that reads it
(``card_relations``), and their images' renditions in one more.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import cache as memoise

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property
from taggit.models import Tag
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from dateline.core.images import prefetch_renditions
from dateline.news import selectors as news_selectors
from dateline.news.models import ArticlePageAuthor, ArticlePageTag, Author, HomePage, SectionPage
from dateline.search import registry
from dateline.search.normalise import terms
from dateline.topics import selectors as topic_selectors

MAX_TERMS = 12
MAX_TAG_CHOICES = 500
MAX_COUNTED = 1000  # matches counted and listed; beyond it the page says "more than"
EDITION_KEY = "search:edition:{language}"
# a backstop: pages added without Wagtail's signals (bulk imports) show up in the lists
EDITION_TIMEOUT = 600
CARD_PRESET = "card"


def edition_home(language: str) -> HomePage | None:
    """The live home page of the edition in ``language``."""
    return HomePage.objects.live().filter(depth=2, locale__language_code=language).first()


@dataclass(frozen=True)
class Option:
    """One choice of a filter: what the URL and the form show, and what the query needs."""

    slug: str
    label: str
    pk: int
    path: str = ""  # pages only: where its stories are in the tree


@dataclass
class Filters:
    section: Option | None = None
    tag: Option | None = None
    topic: Option | None = None
    author: Option | None = None
    start: date | None = None
    end: date | None = None


@dataclass
class Choices:
    """Each filter's options in the edition, by slug."""

    sections: dict[str, Option] = field(default_factory=dict)
    tags: dict[str, Option] = field(default_factory=dict)
    topics: dict[str, Option] = field(default_factory=dict)
    authors: dict[str, Option] = field(default_factory=dict)

    def as_form_choices(self) -> dict[str, list[tuple[str, str]]]:
        return {
            "section": [(slug, option.label) for slug, option in self.sections.items()],
            "tag": [(slug, option.label) for slug, option in self.tags.items()],
            "topic": [(slug, option.label) for slug, option in self.topics.items()],
            "author": [(slug, option.label) for slug, option in self.authors.items()],
        }


def _options(rows) -> dict[str, Option]:
    return {row[0]: Option(*row) for row in rows}


def _choice_rows(home: HomePage) -> dict[str, list[tuple]]:
    """Four queries: each filter's options as plain values (cacheable)."""
    sections = SectionPage.objects.live().child_of(home).order_by("path")
    topics = apps.get_model("topics", "TopicPage").objects.live().descendant_of(home)
    authors = Author.objects.filter(locale_id=home.locale_id).order_by("name")
    # EXISTS stops at each tag's first live story in the edition, where an IN
    # subquery would read every tagging of the archive on each search.
    in_use = ArticlePageTag.objects.filter(
        tag=OuterRef("pk"), content_object__path__startswith=home.path, content_object__live=True
    )
    tags = Tag.objects.filter(Exists(in_use)).order_by("name")[:MAX_TAG_CHOICES]
    return {
        "sections": list(sections.values_list("slug", "title", "pk", "path")),
        "tags": list(tags.values_list("slug", "name", "pk")),
        "topics": list(topics.order_by("title").values_list("slug", "title", "pk", "path")),
        "authors": list(authors.values_list("slug", "name", "pk")),
    }


def _choices(rows: dict[str, list[tuple]], requested_tag: str) -> Choices:
    choices = Choices(
        sections=_options(rows["sections"]),
        tags=_options(rows["tags"]),
        topics=_options(rows["topics"]),
        authors=_options(rows["authors"]),
    )
    if requested_tag and requested_tag not in choices.tags:
        choices.tags.update(
            _options(Tag.objects.filter(slug=requested_tag[:100]).values_list("slug", "name", "pk"))
        )
    return choices


def filter_choices(home: HomePage, *, requested_tag: str = "") -> Choices:
    """Four queries (five when the URL names a rarely used tag)."""
    return _choices(_choice_rows(home), requested_tag)


def edition(language: str, *, requested_tag: str = "") -> tuple[HomePage | None, Choices]:
    """The edition's live home page and its filter choices, the same for every search:
    one cache read, else five queries (one more when the URL names a rarely used tag)."""
    key = EDITION_KEY.format(language=language)
    cached = cache.get(key)
    if cached is None:
        home = edition_home(language)
        cached = {"home": home, "rows": _choice_rows(home) if home is not None else None}
        cache.set(key, cached, EDITION_TIMEOUT)
    if cached["home"] is None:
        return None, Choices()
    return cached["home"], _choices(cached["rows"], requested_tag)


def edition_forget() -> None:
    """Forget every edition's cached home page and filter choices (signal_handlers.py)."""
    cache.delete_many([EDITION_KEY.format(language=code) for code, _name in settings.LANGUAGES])


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
        tagged = ArticlePageTag.objects.filter(tag_id=filters.tag.pk).values("content_object_id")
        queryset = queryset.filter(pk__in=tagged)
    if filters.topic is not None:
        topic = Page(pk=filters.topic.pk, path=filters.topic.path)
        filed = topic_selectors.topic_articles(topic).values("pk")
        queryset = queryset.filter(pk__in=filed)
    if filters.author is not None:
        bylined = ArticlePageAuthor.objects.filter(author_id=filters.author.pk).values("page_id")
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
        # the pages it reads for the page of results come with their cards' fields
        pages = stories(home, replace(filters, start=None, end=None))
        return backend.search_stories(
            query,
            pages.select_related(*card_relations()),
            newest=newest,
            start=filters.start,
            end=filters.end,
            within=(filters.section or home).path,
            candidates=MAX_COUNTED,
            # live stories of the edition or section: the search table tells them itself
            page_filters=any((filters.tag, filters.topic, filters.author)),
        )
    queryset = stories(home, filters)
    by_date = queryset.annotate(story_date=registry.story_date()).order_by(
        F("story_date").desc(nulls_last=True), F("id").desc()
    )
    if not words:
        return by_date.select_related(*card_relations())
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


@memoise
def _child_relation(model) -> str:
    """The ``select_related`` path from ``Page`` down to its subclass ``model``."""
    names = []
    while model is not Page:
        parent, link = next(
            (parent, link) for parent, link in model._meta.parents.items() if link is not None
        )
        names.append(link.remote_field.get_accessor_name())
        model = parent
    return "__".join(reversed(names))


def card_relations() -> list[str]:
    """What a results page's ``Page`` query joins so that each story comes with its type's
    row and what its card shows (``listing_select_related``, else its image): no query
    per story or per type."""
    relations = []
    for story_type in registry.story_types():
        child = _child_relation(story_type.model)
        related = getattr(story_type.model, "listing_select_related", ("image",))
        relations += [f"{child}__{name}" for name in related]
    return relations


def _joined_child(page: Page, relation: str):
    """The story type's row that ``card_relations`` joined to ``page``: the page as that
    type, ``None`` when it is another type, ``False`` when nothing was joined."""
    found = page
    for name in relation.split("__"):
        link = type(found)._meta.get_field(name)
        if not link.is_cached(found):
            return False
        found = link.get_cached_value(found)
        if found is None:
            return None
    return found


def specific_results(pages: list[Page]) -> list:
    """The pages of one results page as their story types, with their cards' images and
    renditions: one query for the renditions when the pages were read with
    ``card_relations`` (as ``search`` reads them), else one more per story type."""
    found: dict[int, Page] = {}
    missing = []
    for page in pages:
        for story_type in registry.story_types():
            child = _joined_child(page, _child_relation(story_type.model))
            if child is False:
                missing.append(page.pk)
                break
            if child is not None:
                found[page.pk] = child
                break
    for story_type in registry.story_types():
        remaining = [pk for pk in missing if pk not in found]
        if not remaining:
            break
        model = story_type.model
        related = getattr(model, "listing_select_related", ("image",))
        for page in model.objects.filter(pk__in=remaining).select_related(*related):
            found[page.pk] = page
    results = [found[page.pk] for page in pages if page.pk in found]
    images = [page.image for page in results if getattr(page, "image", None) is not None]
    prefetch_renditions(images, CARD_PRESET)
    return results
