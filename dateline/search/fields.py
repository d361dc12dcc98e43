"""Search fields that index text in its normal form (see normalise.py).

Both database backends keep two text columns per page: the "title" column and
the body. Everything in a field named ``title`` goes to the first and ranks
above the rest (SQLite: weighted bm25, see backend.py; PostgreSQL: its own
weighted vector). A story's headline field therefore also takes the other text
readers see on a card (kicker, summary), so those rank above the body too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html import unescape

from django.core.exceptions import FieldDoesNotExist
from django.utils.encoding import force_str
from django.utils.html import strip_tags
from wagtail import blocks
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


# Text a snippet may look through for the reader's words, per story: a snippet is
# made for each story on the page, and reading a long body to its end costs more
# than the search. A story matched further in shows its opening words.
SNIPPET_CHARACTERS = 4000


_BLOCK_END = re.compile(r"</(?:p|h\d|li|blockquote)>|<(?:br|hr)\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def _plain(html: str) -> str:
    """Rich text as plain words, for snippets only: a regular expression is a fraction of
    the cost of Django's ``strip_tags``, and a snippet escapes every word it shows."""
    return unescape(_TAG.sub("", _BLOCK_END.sub(" ", html)))


def _stored_block_texts(block, raw) -> Iterator[str]:
    """The searchable text of a block's stored value, without loading what it points to
    (a chooser's image or page would cost a query per story)."""
    if raw is None or isinstance(block, blocks.ChooserBlock):
        return
    if isinstance(block, blocks.StreamBlock):
        for item in raw:
            child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
            if child is not None:
                yield from _stored_block_texts(child, item.get("value"))
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from _stored_block_texts(child, raw.get(name) if isinstance(raw, dict) else None)
    elif isinstance(block, blocks.ListBlock):
        for item in raw:
            value = item.get("value") if isinstance(item, dict) and "type" in item else item
            yield from _stored_block_texts(block.child_block, value)
    elif isinstance(block, blocks.RichTextBlock):
        if block.search_index:
            yield _plain(raw)
    else:
        for text in block.get_searchable_content(block.to_python(raw)):
            text = force_str(text)
            yield _plain(text) if "<" in text else text


def _body_texts(field: NormalisedSearchField, page) -> Iterator[str]:
    """The field's text, one block at a time for a stream (read only as far as asked)."""
    value = getattr(page, field.field_name, None)
    if not isinstance(value, blocks.StreamValue) or field.also:
        yield field.raw_text(page)
        return
    for item in value.raw_data:
        child = value.stream_block.child_blocks.get(item.get("type")) if item else None
        if child is not None:
            yield " ".join(_stored_block_texts(child, item.get("value")))


def snippet_texts(page, *, characters: int = SNIPPET_CHARACTERS) -> Iterator[str]:
    """The page's stored text that snippets may quote, headline extras first, then the
    body: read lazily, and no further than about ``characters``."""
    read = 0
    for field in type(page).get_searchable_search_fields():
        if not isinstance(field, NormalisedSearchField) or not field.snippet:
            continue
        if field.field_name == "title":
            # stored columns only: a computed name (e.g. a topic's other names) would query
            texts = (_flatten(getattr(page, name)) for name in field.also if _is_column(page, name))
        else:
            texts = _body_texts(field, page)
        for text in texts:
            if not text.strip():
                continue
            yield text[: max(characters - read, 0)]
            read += len(text)
            if read >= characters:
                return
