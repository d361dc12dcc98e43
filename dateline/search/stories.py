"""The reader's story search: the newest matches from the story search table, ranked.

``backend.search_stories(query, pages, ...)`` answers like Wagtail's
``backend.search`` (a ``SearchResults`` that slices and counts) but reads the
story search table (models.py), where:

- the text match and the date range come from one table keyed by the page id
  (no ``object_id = id::text`` join, no date subqueries);
- the ``candidates`` newest matches are taken in recency order from an index
  (PostgreSQL: the ``recency`` b-tree, checking the GIN-indexed vector; SQLite:
  FTS5 reads its rowids, which are the recency, newest first), and only those are
  ranked (``ts_rank`` / weighted ``bm25``). The search page lists at most
  ``MAX_COUNTED`` results, so ranking the newest ``MAX_COUNTED`` matches ranks every
  listed one; a word in most of 100,000 stories then costs what a rare one does.

Relevance ties go to the newer story. The edition or section is a prefix of the
row's tree path, and the row says whether its page is live (documents.py). Only when the
reader filters by tag, topic or author do the pages' own filters (type, live, tag, topic,
author, and the edition again) apply to each remaining match through its page, looked up
by its key: that lookup was a third of a common word's search at 100,000 stories.
"""

from __future__ import annotations

from datetime import date

from django.db import connections
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import Func
from django.db.models.fields import FloatField
from django.db.models.lookups import IsNull, Lookup
from modelsearch.backends.base import BaseSearchResults

from dateline.search.documents import recency_bounds
from dateline.search.models import SearchDocument, StoryFTS

# SQLite: the FTS5 table's columns are title, body; bm25 is negative, lower is better.
TITLE_WEIGHT = 8.0
BODY_WEIGHT = 1.0


class StoryCompiler:
    """What a story search was asked, and how to read it from the table.

    Each database's subclass gives ``matches()`` (the filtered matches, unordered),
    ``scored(limit)`` (the newest ``limit`` matches with their scores), ``page_id`` and
    ``newest_first`` (field names in ``matches()``).
    """

    lower_is_better = False

    def __init__(
        self,
        backend,
        query,
        queryset: QuerySet,
        *,
        newest,
        start,
        end,
        within,
        candidates,
        page_filters=True,
    ):
        self.backend = backend
        self.within = within
        self.page_filters = page_filters
        self.query = query
        self.queryset = queryset
        self.newest = newest
        self.bounds = recency_bounds(start, end) if start or end else None
        self.candidates = candidates
        self._ranked = None
        self._fetched = 0

    @property
    def using(self) -> str:
        return self.queryset.db

    def allowed(self, page_id: str):
        """The caller's page filters, checked per match through its page's primary key."""
        return Exists(self.queryset.order_by().filter(pk=OuterRef(page_id)))

    def ranked(self) -> list[tuple[int, float]]:
        """(page id, score) of the newest ``candidates`` matches, best first."""
        if self._ranked is None:
            # one row more than the candidates: it tells whether there are more matches
            rows = self.scored(self.candidates + 1)
            self._fetched = len(rows)
            rows = rows[: self.candidates]
            sign = 1 if self.lower_is_better else -1
            rows.sort(key=lambda row: (sign * row[2], -row[1]))
            self._ranked = [(page_id, score) for page_id, _recency, score in rows]
        return self._ranked

    def rows(self, start: int, stop: int | None) -> list[tuple[int, float | None]]:
        if self.newest:
            page_ids = (
                self.matches().order_by(*self.newest_first).values_list(self.page_id, flat=True)
            )
            return [(page_id, None) for page_id in page_ids[start:stop]]
        return self.ranked()[start:stop]

    def count(self, start: int, stop: int | None) -> int:
        """Matches within ``[start:stop]``: from the ranked rows when they tell, else counted."""
        if not self.newest:
            self.ranked()
            fetched = self._fetched
            if fetched <= self.candidates or (stop is not None and stop <= fetched):
                end = fetched if stop is None else min(stop, fetched)
                return max(0, end - start)
        return self.matches().order_by()[start:stop].count()


class PostgresStoryCompiler(StoryCompiler):
    page_id = "page_id"
    newest_first = ("-recency",)

    def allowed(self, page_id: str):
        # A scalar subquery, not EXISTS: PostgreSQL turns EXISTS into a join, and with
        # few matches hashes every page of the edition (a scan of 100,000 rows) where
        # looking up each match's page by its key costs a few microseconds.
        page = Subquery(self.queryset.order_by().filter(pk=OuterRef(page_id)).values("pk")[:1])
        return Q(IsNull(page, False))

    def tsquery(self):
        compiler = self.backend.query_compiler_class(self.queryset, self.query)
        return compiler.build_tsquery(self.query, config=self.backend.config)

    def matches(self) -> QuerySet:
        documents = SearchDocument.objects.using(self.using).filter(
            live=True, vector=self.tsquery()
        )
        if self.page_filters:
            documents = documents.filter(self.allowed("page_id"))
        if self.within:
            documents = documents.filter(path__startswith=self.within)
        if self.bounds:
            low, high = self.bounds
            documents = documents.filter(recency__gte=low)
            if high is not None:
                documents = documents.filter(recency__lt=high)
        return documents

    def scored(self, limit: int) -> list[tuple[int, int, float]]:
        newest = (
            self.matches()
            .order_by("-recency")
            .annotate(q=self.tsquery())
            .values_list("page_id", "recency", "vector", "q")[:limit]
        )
        sql, params = newest.query.sql_with_params()
        # ranked outside the LIMIT: ts_rank only for the candidates
        sql = f"SELECT c.page_id, c.recency, ts_rank(c.vector, c.q) FROM ({sql}) c"  # noqa: S608
        with connections[self.using].cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())


class FTSMatch(Lookup):
    """``dateline_search_fts MATCH '<query>'`` as a filter (a Lookup: no ``= true`` added)."""

    lookup_name = "story_match"
    filterable = True

    def __init__(self, match: str):
        self.match = match
        super().__init__(None, None)

    def as_sql(self, compiler, connection):
        return f"{StoryFTS._meta.db_table} MATCH %s", [self.match]


class WeightedBM25(Func):
    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra_context):
        return f"bm25({StoryFTS._meta.db_table}, {TITLE_WEIGHT}, {BODY_WEIGHT})", []


class SQLiteStoryCompiler(StoryCompiler):
    lower_is_better = True
    page_id = "document__page_id"
    newest_first = ("-document_id",)  # the FTS5 rowid: read in its own order

    def match_string(self) -> str:
        """Wagtail's FTS5 query for the words, on this table's two columns."""
        from modelsearch.backends.database.sqlite.query import MatchExpression, normalize

        compiler = self.backend.query_compiler_class(self.queryset, self.query)
        built = compiler.build_search_query(normalize(self.query))
        sql_compiler = StoryFTS.objects.none().query.get_compiler(using=self.using)
        _sql, params = MatchExpression(["title", "body"], built).as_sql(
            sql_compiler, connections[self.using]
        )
        return params[0]

    def matches(self) -> QuerySet:
        rows = StoryFTS.objects.using(self.using).filter(
            FTSMatch(self.match_string()), document__live=True
        )
        if self.page_filters:
            rows = rows.filter(self.allowed("document__page_id"))
        if self.within:
            rows = rows.filter(document__path__startswith=self.within)
        if self.bounds:
            low, high = self.bounds
            rows = rows.filter(document_id__gte=low)
            if high is not None:
                rows = rows.filter(document_id__lt=high)
        return rows

    def scored(self, limit: int) -> list[tuple[int, int, float]]:
        # bm25 in the query that reads the candidates: computed for those rows only
        return list(
            self.matches()
            .order_by("-document_id")
            .annotate(score=WeightedBM25())
            .values_list("document__page_id", "document_id", "score")[:limit]
        )


class StorySearchResults(BaseSearchResults):
    """Wagtail's search results interface over a ``StoryCompiler``."""

    def _do_search(self):
        compiler = self.query_compiler
        rows = compiler.rows(self.start, self.stop)
        if not rows:
            return []
        found = {
            page.pk: page
            for page in compiler.queryset.order_by().filter(pk__in=[pk for pk, _ in rows])
        }
        results = []
        for page_id, score in rows:
            page = found.get(page_id)
            if page is not None:
                if self._score_field:
                    setattr(page, self._score_field, score)
                results.append(page)
        return results

    def _do_count(self):
        return self.query_compiler.count(self.start, self.stop)


class StorySearchMixin:
    """``search_stories`` for a database search backend with a ``story_compiler_class``."""

    story_compiler_class: type[StoryCompiler]

    def search_stories(
        self,
        query,
        queryset: QuerySet,
        *,
        newest: bool = False,
        start: date | None = None,
        end: date | None = None,
        within: str = "",
        candidates: int,
        page_filters: bool = True,
    ) -> StorySearchResults:
        """The stories of ``queryset`` matching ``query``: the newest ``candidates``, ranked
        (or all, newest first). ``start``/``end``: the story date's range (whole days);
        ``within``: a tree path the stories are under (an edition or section page's),
        read from the table before the page filters run. ``page_filters=False`` says that
        ``queryset`` asks no more than the table answers (live stories under ``within``),
        so matches are not checked against it; the page of results still is."""
        compiler = self.story_compiler_class(
            self,
            query,
            queryset,
            newest=newest,
            start=start,
            end=end,
            within=within,
            candidates=candidates,
            page_filters=page_filters,
        )
        return StorySearchResults(self, compiler)
