"""A query of fixed shape whose SQL is built once per process, then run with new values.

Django builds a query's SQL again on every evaluation. For the query that routes to a
story (the story with its tags, previous and next, three correlated subqueries) the
building took several times what the database took to answer. A ``PreparedQuery`` is
compiled once from a queryset written with markers in place of the values that change
(``MARKER``, or ``KEY_MARKERS`` for keys); ``all(*values)`` runs that SQL with the values
and turns the rows into models with the compiler's own reader, as Django's
``ModelIterable`` does: the model's fields, ``select_related`` objects and annotations,
with every field's database converters.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import get_related_populators

MARKER = "\x00dateline:prepared\x00"
# For keys (integer columns): values no row has, within a 32-bit column's range.
KEY_MARKERS = tuple(-2_000_000_000 - n for n in range(16))
KEPT = 1024  # prepared queries kept per process; all are dropped when it is full
_KEPT: dict[Hashable, PreparedQuery] = {}


def prepared(key: Hashable, build: Callable[[], PreparedQuery]) -> PreparedQuery:
    """The query kept under ``key`` (which must name everything its SQL depends on),
    built by ``build()`` the first time."""
    query = _KEPT.get(key)
    if query is None:
        query = build()
        if len(_KEPT) >= KEPT:
            _KEPT.clear()
        _KEPT[key] = query
    return query


class PreparedQuery:
    """``queryset``'s SQL, with ``markers`` (each once in it) the values that change."""

    def __init__(self, queryset: QuerySet, markers: tuple = (MARKER,)):
        if queryset._prefetch_related_lookups or queryset._known_related_objects:
            raise ValueError("A prepared query reads one query's rows: no prefetching.")
        self.db = queryset.db
        compiler = queryset.query.get_compiler(using=self.db)
        sql, params = compiler.as_sql()
        positions = []
        for marker in markers:
            found = [index for index, value in enumerate(params) if value == marker]
            if len(found) != 1:
                raise ValueError(
                    "The queryset must hold each marker once, as a value that changes."
                )
            positions += found
        self.sql, self.params, self.positions = sql, tuple(params), positions
        self.compiler = compiler  # keeps select, klass_info and converters; only read
        select_fields = compiler.klass_info["select_fields"]
        self.start, self.end = select_fields[0], select_fields[-1] + 1
        self.init_list = [
            column[0].target.attname for column in compiler.select[self.start : self.end]
        ]
        # each column's database converters, found once (results_iter looks them up on
        # every call: about 120 lookups for a story's route)
        self.converters = compiler.get_converters(
            [column[0] for column in compiler.select[: compiler.col_count]]
        )

    def rows(self, *values) -> list:
        if len(values) != len(self.positions):
            raise ValueError(f"{len(self.positions)} values expected, {len(values)} given.")
        params = list(self.params)
        for position, value in zip(self.positions, values, strict=True):
            params[position] = value
        with connections[self.db].cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.compiler.has_extra_select:  # columns only the ordering needs
            return [row[: self.compiler.col_count] for row in rows]
        return rows

    def all(self, *values) -> list:
        """The models the queryset gives with ``values`` in place of its markers."""
        compiler, db = self.compiler, self.db
        model = compiler.klass_info["model"]
        populators = get_related_populators(compiler.klass_info, compiler.select, db)
        annotations = compiler.annotation_col_map or {}
        found = []
        rows = self.rows(*values)
        if self.converters:
            rows = compiler.apply_converters(rows, self.converters)
        for row in rows:
            obj = model.from_db(db, self.init_list, row[self.start : self.end])
            for populator in populators:
                populator.populate(row, obj)
            for name, position in annotations.items():
                setattr(obj, name, row[position])
            found.append(obj)
        return found

    def first(self, *values):
        found = self.all(*values)
        return found[0] if found else None
