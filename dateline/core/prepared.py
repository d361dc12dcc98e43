"""A query of fixed shape whose SQL is built once per process, then run with each value.

Django builds a query's SQL again on every evaluation. For the query that routes to a
story (the story with its tags, previous and next, three correlated subqueries) the
building took several times what the database took to answer. A ``PreparedQuery`` is
compiled once from a queryset written with ``MARKER`` in place of the one value that
changes; ``first(value)`` runs that SQL with the value and turns the row into a model
with the compiler's own reader, as Django's ``ModelIterable`` does: the model's fields,
``select_related`` objects and annotations, with every field's database converters.
"""

from __future__ import annotations

from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import get_related_populators

MARKER = "\x00dateline:prepared\x00"


class PreparedQuery:
    def __init__(self, queryset: QuerySet):
        if queryset._prefetch_related_lookups or queryset._known_related_objects:
            raise ValueError("A prepared query reads one query's rows: no prefetching.")
        self.db = queryset.db
        compiler = queryset.query.get_compiler(using=self.db)
        sql, params = compiler.as_sql()
        positions = [index for index, value in enumerate(params) if value == MARKER]
        if len(positions) != 1:
            raise ValueError("The queryset must hold MARKER once, as the value that changes.")
        self.sql, self.params, self.position = sql, tuple(params), positions[0]
        self.compiler = compiler  # keeps select, klass_info and converters; only read
        select_fields = compiler.klass_info["select_fields"]
        self.start, self.end = select_fields[0], select_fields[-1] + 1
        self.init_list = [
            column[0].target.attname for column in compiler.select[self.start : self.end]
        ]

    def rows(self, value) -> list:
        params = list(self.params)
        params[self.position] = value
        with connections[self.db].cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.compiler.has_extra_select:  # columns only the ordering needs
            return [row[: self.compiler.col_count] for row in rows]
        return rows

    def all(self, value) -> list:
        """The models the queryset gives with ``value`` in place of ``MARKER``."""
        compiler, db = self.compiler, self.db
        model = compiler.klass_info["model"]
        populators = get_related_populators(compiler.klass_info, compiler.select, db)
        annotations = compiler.annotation_col_map or {}
        found = []
        for row in compiler.results_iter([self.rows(value)]):
            obj = model.from_db(db, self.init_list, row[self.start : self.end])
            for populator in populators:
                populator.populate(row, obj)
            for name, position in annotations.items():
                setattr(obj, name, row[position])
            found.append(obj)
        return found

    def first(self, value):
        found = self.all(value)
        return found[0] if found else None
