"""Wagtail's SQLite (FTS5) search backend, with four limits lifted.

- **Weights.** Wagtail ranks with plain ``bm25()``, where a word in the headline
  counts no more than one in the body; here ``bm25()`` gets per-column weights
  (https://www.sqlite.org/fts5.html#the_bm25_function).
- **Ranking in one query.** To order by relevance Wagtail annotates each matching
  object with a correlated subquery that runs the full-text match again for that
  row, so a common word costs one FTS5 query per match (81 s for "water" at 20,000
  stories). Here one FTS5 query ranks every match and returns the ids of the
  requested slice, one more counts them, and a third loads that slice.
- **Ranking from the best matches.** A page of results is first sought among the
  best ``BEST_MATCHES`` matches as FTS5 alone ranks them (no join, no filter per
  match), filtered afterwards; only when those cannot give an exact page does the
  full ranked query run (``_best_rows``). A common word at 100,000 stories: about
  40 ms instead of 120 ms.
- **Indexing in batches.** Wagtail's indexer reads every search field three times
  (for the title, body and autocomplete columns), updates existing entries one row
  at a time, and after each batch rescans the whole index for a title length norm
  that only its own unweighted ranking uses. Here each field is read once, a batch
  replaces its entries with one DELETE and one INSERT, and the norm is left alone.
  Each batch also writes the story search table that ``search_stories`` reads
  (documents.py, stories.py).

Imported only on SQLite with FTS5 (see backend.py).
"""

from __future__ import annotations

from django.db.models import Exists, F, FloatField, Func, IntegerField, OuterRef
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    ObjectIndexer,
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from dateline.search.documents import (
    documents_delete,
    documents_reset,
    documents_sync,
    story_type_of,
)
from dateline.search.stories import SQLiteStoryCompiler, StorySearchMixin

# The FTS5 table's columns, in the order Wagtail's migration creates them:
# autocomplete, body, title. bm25 is negative; a larger weight ranks higher.
TITLE_WEIGHT = 8.0
BODY_WEIGHT = 1.0
# A page of results is taken from the best this many matches when they suffice
# (``_best_rows``), instead of joining and filtering every match before ranking.
BEST_MATCHES = 3000


class WeightedBM25(Func):
    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra_context):
        table = connection.ops.quote_name(SQLiteFTSIndexEntry._meta.db_table)
        return f"bm25({table}, 0.0, {BODY_WEIGHT}, {TITLE_WEIGHT})", []


def _has_integer_pk(model) -> bool:
    field = model._meta.pk
    while field.is_relation:  # a multi-table child's key is its parent's
        field = field.target_field
    return isinstance(field, IntegerField)


class WeightedQueryCompiler(SQLiteSearchQueryCompiler):
    def get_search_vectors(self):
        # one weighted bm25 over the whole row, instead of plain bm25 per column
        return [(None, 1.0)]

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        return WeightedBM25()

    def ranked_entries(self):
        """The FTS rows of the matching objects, best first, or None to use Wagtail's way.

        One FTS5 query: the match, the content types and the caller's filtered
        queryset in its WHERE clause, ordered by the weighted bm25. Ties: the higher
        primary key first, as Wagtail orders them. Negated and match-all queries,
        and ordering by the queryset's own order, stay with Wagtail's compiler.
        """
        if not self.order_by_relevance:
            return None
        query = normalize(self.query)
        if isinstance(query, MatchAll | Not):
            return None
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query)
        )
        model = self.queryset.model
        # object_id is text: integer keys are compared (and tie-broken) as numbers.
        # The queryset is checked per match through its primary key (EXISTS), which
        # measured faster than matching against every id of the edition (IN).
        object_id = F("index_entry__object_id")
        outer_object_id = OuterRef("index_entry__object_id")
        if _has_integer_pk(model):
            object_id = Cast(object_id, IntegerField())
            outer_object_id = Cast(outer_object_id, IntegerField())
        allowed = self.queryset.order_by().filter(pk=outer_object_id)
        content_types = get_descendants_content_types_pks(model)
        entries = (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type__in=content_types)
            .filter(Exists(allowed))
            .annotate(score=WeightedBM25())
            .order_by("score", object_id.desc())
        )
        entries.match = match
        entries.integer_ids = _has_integer_pk(model)
        # the same filters on given index entries, without the full-text match
        entries.kept = lambda entry_ids: IndexEntry.objects.filter(
            pk__in=entry_ids,
            content_type__in=content_types,
        ).filter(
            Exists(
                self.queryset.order_by().filter(
                    pk=Cast(OuterRef("object_id"), IntegerField())
                    if entries.integer_ids
                    else OuterRef("object_id")
                )
            )
        )
        return entries


def _best_rows(entries, start: int, stop: int | None) -> list | None:
    """The ``[start:stop]`` slice of ``entries``, from the best ``BEST_MATCHES`` matches only.

    FTS5 alone ranks every match and keeps the best ``BEST_MATCHES`` rows (no join,
    no filter per match); the filters then run on those rows only. The slice is
    exact when the matches were all taken, or when its last row scores strictly
    better than the worst row taken, so that no match left out could rank within
    or tie with the slice. Otherwise None: the caller ranks every match.
    """
    if stop is None or not entries.integer_ids:
        return None
    best = list(
        SQLiteFTSIndexEntry.objects.filter(entries.match)
        .annotate(score=WeightedBM25())
        .order_by("score")
        .values_list("index_entry_id", "score")[:BEST_MATCHES]
    )
    scores = dict(best)
    kept = entries.kept(list(scores)).values_list("pk", "object_id")
    rows = sorted(
        ((object_id, scores[entry_id]) for entry_id, object_id in kept),
        key=lambda row: (row[1], -int(row[0])),
    )
    if len(best) < BEST_MATCHES:
        return rows[start:stop]
    if len(rows) >= stop and rows[stop - 1][1] < best[-1][1]:
        return rows[start:stop]
    return None


class RankedSearchResults(SQLiteSearchResults):
    def _ranked_entries(self):
        # the autocomplete compiler is Wagtail's own and keeps its own ranking
        ranked_entries = getattr(self.query_compiler, "ranked_entries", None)
        return ranked_entries() if ranked_entries else None

    def _do_search(self):
        entries = self._ranked_entries()
        if entries is None:
            return super()._do_search()
        rows = _best_rows(entries, self.start, self.stop)
        if rows is None:
            rows = list(
                entries.values_list("index_entry__object_id", "score")[self.start : self.stop]
            )
        if not rows:
            return []
        ids = [object_id for object_id, _ in rows]
        found = {str(obj.pk): obj for obj in self.query_compiler.queryset.filter(pk__in=ids)}
        results = []
        for object_id, score in rows:
            obj = found.get(object_id)
            if obj is not None:
                if self._score_field:
                    setattr(obj, self._score_field, score)
                results.append(obj)
        return results

    def _do_count(self):
        entries = self._ranked_entries()
        if entries is None:
            return super()._do_count()
        # an object has one index entry (unique content type and object id); a
        # slice (``results[:n].count()``) stops the count at n matches
        return entries.order_by()[self.start : self.stop].count()


class SinglePassIndexer(ObjectIndexer):
    """Wagtail's ``ObjectIndexer``, reading each search field once for all three columns."""

    @cached_property
    def _values(self) -> list:
        return [
            prepared
            for field in self.search_fields
            for prepared in self.prepare_field(self.obj, field)
        ]

    def _join(self, wanted) -> str:
        return " ".join(value for field, value in self._values if wanted(field))

    @cached_property
    def title(self):
        return self._join(
            lambda field: isinstance(field, SearchField) and field.field_name == "title"
        )

    @cached_property
    def body(self):
        return self._join(
            lambda field: isinstance(field, SearchField) and field.field_name != "title"
        )

    @cached_property
    def autocomplete(self):
        return self._join(lambda field: isinstance(field, AutocompleteField))


class WeightedSQLiteIndex(SQLiteIndex):
    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        # keyed by id, so an object passed twice is indexed once (its last state)
        indexers = {
            indexer.id: indexer
            for indexer in (SinglePassIndexer(obj, self.backend) for obj in objs)
        }
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        # the FTS5 rows follow through Wagtail's triggers on the entry table
        self.entries.filter(
            content_type_id=content_type_pk, object_id__in=list(indexers)
        )._raw_delete(using=self.write_connection.alias)
        self.entries.bulk_create(
            IndexEntry(
                content_type_id=content_type_pk,
                object_id=object_id,
                title=indexer.title,
                autocomplete=indexer.autocomplete,
                body=indexer.body,
            )
            for object_id, indexer in indexers.items()
        )
        documents_sync(
            model,
            [indexer.obj for indexer in indexers.values()],
            using=self.write_connection.alias,
        )

    def delete_item(self, item):
        super().delete_item(item)
        if story_type_of(type(item)) is not None:
            documents_delete([item.pk], using=self.write_connection.alias)

    def reset(self):
        super().reset()
        documents_reset(using=self.write_connection.alias)

    def _refresh_title_norms(self, full=False):
        # title_norm only scales Wagtail's unweighted ranking, which this backend
        # replaces (WeightedQueryCompiler); recomputing it scans the whole index.
        return


class WeightedSQLiteSearchBackend(StorySearchMixin, SQLiteSearchBackend):
    story_compiler_class = SQLiteStoryCompiler
    query_compiler_class = WeightedQueryCompiler
    results_class = RankedSearchResults
    index_class = WeightedSQLiteIndex
