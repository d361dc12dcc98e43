"""Reads that span the page tree, each with a fixed number of queries."""

from __future__ import annotations

import json

from django.apps import apps
from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    Aggregate,
    F,
    Func,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from taggit.models import Tag
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import Locale, Page

from dateline.core.images import renditions_prefetch
from dateline.core.prepared import KEY_MARKERS, PreparedQuery, prepared
from dateline.news import cards

# The image presets story cards show: "card", and "lead" for the front page's lead story.
CARD_PRESETS = ("card", "lead")
PER_PAGE = 12


def _article_model():
    return apps.get_model("news", "ArticlePage")


def newest_first() -> list:
    """Newest first, undated stories last, in a form the database serves from an index.

    SQLite already sorts NULLs last in descending order, and its index on ``date`` serves
    plain ``DESC``; PostgreSQL sorts them first unless told, and has an index on
    ``date DESC NULLS LAST, page_ptr_id DESC`` (migration news.0006) for this ordering.
    """
    if connection.vendor == "postgresql":
        return [F("date").desc(nulls_last=True), F("pk").desc()]
    return [F("date").desc(), F("pk").desc()]


def _live_under(root: Page):
    # Only the path prefix, no depth condition: articles have no children, so every
    # article under a home or section is one of its stories, and with a single condition
    # on the page table both databases walk the date index and stop after a page of rows
    # (a depth condition made SQLite scan every page and sort: 230 ms at 100,000 stories).
    return _article_model().objects.live().filter(path__startswith=root.path)


def articles(root: Page):
    """Live articles under ``root`` (a home or section page), newest first, ready for
    cards (two queries)."""
    queryset = (
        _live_under(root)
        .defer("body")  # a card shows no body: its JSON is the row's largest column
        .select_related("image")
        .prefetch_related(renditions_prefetch(*CARD_PRESETS, lookup="image__renditions"))
        .order_by(*newest_first())
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

    One query for the sections and one for all their stories (each section's newest,
    picked by a subquery that reads its first rows from the date index), however many
    sections and stories there are.
    """
    section_model = apps.get_model("news", "SectionPage")
    sections = list(section_model.objects.live().child_of(home).order_by("path"))
    if not sections:
        return []
    picks = [
        _live_under(section).order_by(*newest_first()).values("pk")[:per_section]
        for section in sections
    ]
    if connection.features.supports_slicing_ordering_in_compound:
        # PostgreSQL: one IN over a UNION ALL of the sections' picks (with an OR of
        # subqueries it filtered every article against each of them: 0.5 s at 100,000)
        newest = Q(pk__in=picks[0].union(*picks[1:], all=True))
    else:
        # SQLite cannot limit the parts of a UNION; it answers an OR of IN subqueries
        # with one index lookup per part ("MULTI-INDEX OR")
        newest = Q()
        for ids in picks:
            newest |= Q(pk__in=ids)
    path_length = len(sections[0].path)
    by_section: dict[str, list] = {}
    for article in articles(home).filter(newest):
        by_section.setdefault(article.path[:path_length], []).append(article)
    for section in sections:
        section.latest = by_section.get(section.path, [])
    return sections


def story_authors(article) -> list:
    """The story's byline in order, each author with their photo: one query, its SQL built
    once per process (core/prepared.py; building it cost more than running it). A draft's
    or revision's authors are those it holds in memory, as Wagtail's preview shows them."""
    if "article_authors" in getattr(article, "_cluster_related_objects", {}):
        links = article.article_authors.select_related("author", "author__photo")
    else:
        model = apps.get_model("news", "ArticlePageAuthor")
        query = prepared(
            ("story authors",),
            lambda: PreparedQuery(
                model.objects.filter(page_id=KEY_MARKERS[0]).select_related(
                    "author", "author__photo"
                ),
                KEY_MARKERS[:1],
            ),
        )
        links = query.all(article.pk)
    return [link.author for link in links]


RELATED_WINDOW = 200  # of each shared tag, the newest stories that may be related
RELATED_LIMIT = 4  # related stories under a story


def related_ids(article, *, root: Page, tags, limit: int = RELATED_LIMIT) -> list[int]:
    """The keys of the stories sharing the most tags with ``article``, newest first among
    equals: one query on keys alone, no models.

    The candidates are the stories most recently given each tag (its last
    ``RELATED_WINDOW`` taggings, read backwards from the tag's index): counting shared tags
    over every story of a common tag read tens of thousands of rows at 100,000 stories
    (0.76 s of a 0.86 s cold render). The SQL is written once (``_related_sql``): the ORM
    spent longer building the ranking than the database took to answer it."""
    if not tags:
        return []
    sql, params = _related_sql(article, root, [tag.pk for tag in tags], limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def related_cards(article, *, root: Page, tags, renditions=True) -> list:
    """The related stories (``related_ids``) as cards, best first: a ``CachedCard`` for
    each story whose card is cached and current, the story itself (ready for a card)
    for the others. One query when every card is cached, two otherwise; without
    ``renditions``, the stories' pictures' renditions are left for the caller."""
    keys = related_ids(article, root=root, tags=tags)
    found = cards.cards_current(keys, cards.RELATED_LOOK)
    missing = [pk for pk in keys if pk not in found]
    if missing and renditions:
        found.update((story.pk, story) for story in articles(root).filter(pk__in=missing))
    elif missing:  # the usual case (ArticlePage.cold_parts_prepare): SQL built once per root
        markers = KEY_MARKERS[:RELATED_LIMIT]
        query = prepared(
            ("related cards", root.pk, root.path),
            lambda: PreparedQuery(
                articles(root).prefetch_related(None).filter(pk__in=markers), markers
            ),
        )
        padded = (missing * RELATED_LIMIT)[:RELATED_LIMIT]  # a key twice in IN () is once
        found.update((story.pk, story) for story in query.all(*padded))
    return [found[pk] for pk in keys if pk in found]  # a story withdrawn meanwhile: left out


def _related_sql(article, root: Page, tag_ids: list[int], limit: int) -> tuple[str, list]:
    """The query of the keys of the best ``limit`` candidates, and its values.

    The candidates (each tag's window, as a set) are gathered first; only they are then
    looked up, each scored by a count on the taggings' index. Joining every tagging of
    the shared tags and grouping them cost half as much again (SQLite, 100,000 stories)."""
    model = _article_model()
    tagging = apps.get_model("news", "ArticlePageTag")._meta
    story, key = model._meta.db_table, model._meta.pk.column
    date = model._meta.get_field("date").column
    page = Page._meta.db_table
    tags, of = tagging.db_table, tagging.get_field("content_object").column
    tag = tagging.get_field("tag").column
    marks = ", ".join(["%s"] * len(tag_ids))
    window = (
        f"SELECT w.c FROM (SELECT {of} AS c FROM {tags} "  # noqa: S608 - names
        f"WHERE {tag} = %s ORDER BY id DESC LIMIT {int(RELATED_WINDOW)}) w"
    )
    nulls = " NULLS LAST" if connection.vendor == "postgresql" else ""  # as newest_first()
    shared = (
        f"(SELECT COUNT(*) FROM {tags} t "  # noqa: S608 - names
        f"WHERE t.{of} = s.{key} AND t.{tag} IN ({marks}))"
    )
    chosen = (
        f"WITH candidates(c) AS ({' UNION '.join([window] * len(tag_ids))}) "  # noqa: S608
        f"SELECT s.{key} FROM candidates JOIN {story} s ON s.{key} = candidates.c "
        f"JOIN {page} p ON p.id = s.{key} "
        f"WHERE p.live AND p.path LIKE %s AND s.{key} <> %s "
        f"ORDER BY {shared} DESC, s.{date} DESC{nulls}, s.{key} DESC LIMIT %s"
    )
    # names from the models' metadata; every value a parameter
    return chosen, [*tag_ids, f"{root.path}%", article.pk, *tag_ids, limit]


class JSONRow(Func):
    """Columns as one JSON array, as text (SQLite ``json_array``, PostgreSQL
    ``json_build_array``): a correlated subquery brings a row into the page's own query."""

    function = "JSON_ARRAY"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        template = "JSON_BUILD_ARRAY(%(expressions)s)::text"
        return self.as_sql(compiler, connection, template=template, **extra)


class JSONRows(Aggregate):
    """A group's rows as one JSON array of arrays, as text (SQLite ``json_group_array``,
    PostgreSQL ``json_agg``)."""

    function = "JSON_GROUP_ARRAY"
    template = "JSON_GROUP_ARRAY(JSON_ARRAY(%(expressions)s))"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        template = "JSON_AGG(JSON_BUILD_ARRAY(%(expressions)s))::text"
        return self.as_sql(compiler, connection, template=template, **extra)


TOPIC_FIELDS = ("page_ptr_id", "title", "url_path", "path", "depth")  # a story's topic links
NEIGHBOUR_FIELDS = ("id", "page_ptr_id", "title", "url_path", "path", "depth", "locale_id")


def story_route_annotations(section: Page) -> dict:
    """What a story shows besides its own fields, read by the query that routes to it (a
    child of ``section``): its tags, its previous and next stories, its live translations
    and In Focus topics, as JSON rows (see ``story_tags_loaded``, ``neighbours``,
    ``core.editions.page_translations`` and ``topics.selectors.story_topics``), and its
    count of approved comments (``comments.fragments.comments_fragment``). Correlated
    subqueries on indexed columns instead of five queries."""
    through = apps.get_model("news", "ArticlePageTag")
    tags = (
        through.objects.filter(content_object=OuterRef("pk"))
        .values("content_object")
        .annotate(rows=JSONRows("pk", "tag_id", "tag__name", "tag__slug"))
        .values("rows")
    )
    siblings = _article_model().objects.live().child_of(section)
    date = Coalesce(OuterRef("date"), OuterRef("first_published_at"))
    row = JSONRow("pk", "title", "url_path", "path", "depth", "locale_id")
    older = siblings.filter(Q(date__lt=date) | Q(date=date, pk__lt=OuterRef("pk")))
    newer = siblings.filter(Q(date__gt=date) | Q(date=date, pk__gt=OuterRef("pk")))
    older = older.order_by("-date", "-pk").annotate(row=row).values("row")[:1]
    newer = newer.order_by("date", "pk").annotate(row=row).values("row")[:1]
    translations = (  # for core.editions.page_translations
        Page.objects.live()
        .filter(translation_key=OuterRef("translation_key"))
        .order_by()  # one group: no ordering column in the GROUP BY
        .values("translation_key")
        .annotate(rows=JSONRows("url_path"))
        .values("rows")
    )
    annotations = {
        "tag_rows": Coalesce(Subquery(tags), Value("[]"), output_field=TextField()),
        "previous_row": Subquery(older),
        "next_row": Subquery(newer),
        "translation_rows": Coalesce(Subquery(translations), Value("[]"), output_field=TextField()),
    }
    if apps.is_installed("dateline.topics"):  # for topics.selectors.story_topics
        filed = (
            apps.get_model("topics", "ArticleTopic")
            .objects.filter(
                page=OuterRef("pk"), topic__live=True, topic__locale_id=OuterRef("locale_id")
            )
            .order_by()
            .values("page")
            .annotate(rows=JSONRows("sort_order", "pk", *(f"topic__{f}" for f in TOPIC_FIELDS)))
            .values("rows")
        )
        annotations["topic_rows"] = Coalesce(Subquery(filed), Value("[]"), output_field=TextField())
    if apps.is_installed("dateline.comments"):  # for comments.fragments.comments_fragment
        from dateline.comments.selectors import approved_count_annotation

        annotations["approved_comments"] = approved_count_annotation()
    return annotations


def story_tags_loaded(article) -> list[Tag] | None:
    """The story's tags read with it by its route (``story_route_annotations``), in the
    order they were added; None when they were not."""
    rows = vars(article).get("tag_rows")
    if rows is None:
        return None
    return [
        Tag.from_db(None, ["id", "name", "slug"], values)
        for _pk, *values in sorted(json.loads(rows))
    ]


def model_from_row(model, loaded: dict):
    """A ``model`` instance of the fields in ``loaded`` (attname: value); the others are
    deferred, as with ``.only()``."""
    # from_db takes the values in the model's field order
    names = [f.attname for f in model._meta.concrete_fields if f.attname in loaded]
    return model.from_db(None, names, [loaded[name] for name in names])


def _neighbour(row: str | None):
    if row is None:
        return None
    pk, *values = json.loads(row)
    return model_from_row(
        _article_model(), dict(zip(NEIGHBOUR_FIELDS, [pk, pk, *values], strict=True))
    )


def neighbours(article) -> tuple:
    """The previous (older) and next (newer) story in the same section: read with the
    story by its route, else in one query. Only their title and address are loaded."""
    if (
        "previous_row" in vars(article)
        and "next_row" in vars(article)
        and (article.date or article.first_published_at)  # else display_date is "now"
    ):
        return _neighbour(article.previous_row), _neighbour(article.next_row)
    model = _article_model()
    siblings = model.objects.live().sibling_of(article, inclusive=False)
    date = article.display_date
    older = (
        siblings.filter(Q(date__lt=date) | Q(date=date, pk__lt=article.pk))
        .order_by("-date", "-pk")
        .values("pk")[:1]
    )
    newer = (
        siblings.filter(Q(date__gt=date) | Q(date=date, pk__gt=article.pk))
        .order_by("date", "pk")
        .values("pk")[:1]
    )
    found = model.objects.filter(Q(pk=Subquery(older)) | Q(pk=Subquery(newer)))
    previous = following = None
    for story in found:  # both have a date (the filters above leave out the others)
        if (story.date, story.pk) < (date, article.pk):
            previous = story
        else:
            following = story
    return previous, following


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


def stored_embeds(urls: list[str]) -> dict:
    """The oEmbed answers Wagtail has stored for ``urls`` (default size), by embed hash,
    in one query; an answer missing or expired is left to Wagtail's own lookup."""
    hashes = {get_embed_hash(url) for url in urls}
    stored = Embed.objects.exclude(cache_until__lte=timezone.now()).filter(hash__in=hashes)
    return {embed.hash: embed for embed in stored}
