"""Search fields that index text in its normal form (see normalise.py).

Both database backends keep two text columns per page: the "title" column and
the body. Everything in a field named ``title`` goes to the first and ranks
above the rest (SQLite: weighted bm25, see backend.py; PostgreSQL: its own
weighted vector). A story's headline field therefore also takes the other text
readers see on a card (kicker, summary), so those rank above the body too.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import FieldDoesNotExist
from django.utils.encoding import force_str
from django.utils.html import strip_tags
from wagtail.search import index

from dateline.search.normalise import index_text


def _flatten(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        value = value.values()
    if isinstance(value, Iterable):
        return "\n".join(_flatten(item) for item in value)
    return force_str(value)


class NormalisedSearchField(index.SearchField):
    """A ``SearchField`` whose text is indexed normalised.

    ``also`` names more attributes whose text goes into the same column;
    ``snippet=False`` keeps the field out of result snippets (tags, names).
    """

    def __init__(self, field_name, *, also: tuple[str, ...] = (), snippet: bool = True, **kwargs):
        super().__init__(field_name, **kwargs)
        self.also = also
        self.snippet = snippet

    def raw_text(self, obj) -> str:
        """The field's plain text as stored (tags stripped), for snippets."""
        parts = [_flatten(super().get_value(obj))]
        parts += [_flatten(getattr(obj, name, "")) for name in self.also]
        return strip_tags("\n".join(part for part in parts if part))

    def get_value(self, obj):
        return index_text(self.raw_text(obj))


def _is_column(page, name: str) -> bool:
    try:
        return page._meta.get_field(name).concrete
    except FieldDoesNotExist:
        return False


def snippet_texts(page) -> list[str]:
    """The page's stored text that snippets may quote: headline extras first, then the body."""
    texts = []
    for field in type(page).get_searchable_search_fields():
        if not isinstance(field, NormalisedSearchField) or not field.snippet:
            continue
        if field.field_name == "title":
            # stored columns only: a computed name (e.g. a topic's other names) would query
            texts += [
                _flatten(getattr(page, name)) for name in field.also if _is_column(page, name)
            ]
        else:
            texts.append(field.raw_text(page))
    return [text for text in texts if text.strip()]
