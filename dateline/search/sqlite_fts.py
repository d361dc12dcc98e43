"""Wagtail's SQLite (FTS5) search backend, with three limits lifted.

- **Weights.** Wagtail ranks with plain ``bm25()``, where a word in the headline
  counts no more than one in the body; here ``bm25()`` gets per-column weights
  (https://www.sqlite.org/fts5.html#the_bm25_function).
- **Ranking in one query.** To order by relevance Wagtail annotates each matching
  object with a correlated subquery that runs the full-text match again for that
  row, so a common word costs one FTS5 query per match (81 s for "water" at 20,000
  stories). Here one FTS5 query ranks every match and returns the ids of the
  requested slice, one more counts them, and a third loads that slice.
- **Indexing in batches.** Wagtail's indexer reads every search field three times
  (for the title, body and autocomplete columns), updates existing entries one row
  at a time, and after each batch rescans the whole index for a title length norm
  that only its own unweighted ranking uses. Here each field is read once, a batch
  replaces its entries with one DELETE and one INSERT, and the norm is left alone.

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

# The FTS5 table's columns, in the order Wagtail's migration creates them:
# autocomplete, body, title. bm25 is negative; a larger weight ranks higher.
TITLE_WEIGHT = 8.0
BODY_WEIGHT = 1.0


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
        return (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type__in=get_descendants_content_types_pks(model))
            .filter(Exists(allowed))
            .annotate(score=WeightedBM25())
            .order_by("score", object_id.desc())
        )


class RankedSearchResults(SQLiteSearchResults):
    def _ranked_entries(self):
        # the autocomplete compiler is Wagtail's own and keeps its own ranking
        ranked_entries = getattr(self.query_compiler, "ranked_entries", None)
        return ranked_entries() if ranked_entries else None

    def _do_search(self):
        entries = self._ranked_entries()
        if entries is None:
            return super()._do_search()
        rows = list(entries.values_list("index_entry__object_id", "score")[self.start : self.stop])
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
        # an object has one index entry (unique content type and object id)
        return entries.order_by().count()


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

    def _refresh_title_norms(self, full=False):
        # title_norm only scales Wagtail's unweighted ranking, which this backend
        # replaces (WeightedQueryCompiler); recomputing it scans the whole index.
        return


class WeightedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = WeightedQueryCompiler
    results_class = RankedSearchResults
    index_class = WeightedSQLiteIndex
