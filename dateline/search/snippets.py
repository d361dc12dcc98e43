"""Highlighted snippets: the matched words in context, built from stored text.

Only the results on the current page get a snippet, from text already loaded
with them (no query). Every word is escaped; only our own ``<mark>`` is markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dateline.search.normalise import ZWNJ, normalise, terms

WINDOW = 30  # words in a snippet
LEAD = 8  # words shown before the first match
PREFIX_MIN = 3  # query terms this long also match longer words ("election" -> "elections")


@lru_cache(maxsize=50_000)
def _forms(word: str) -> frozenset[str]:
    """A word's normal forms (and run together without its non-joiners): cached, as the
    same words recur in every story."""
    joined = "".join(terms(word.replace(ZWNJ, "")))
    return frozenset({*terms(word), joined} - {""})


def _word_matches(word: str, query_terms: set[str]) -> bool:
    for part in _forms(word):
        for term in query_terms:
            if part == term or (len(term) >= PREFIX_MIN and part.startswith(term)):
                return True
    return False


def _render(words: list[str], query_terms: set[str], *, before: bool, after: bool) -> SafeString:
    # escape() per word and one join: format_html per word cost more than the search
    pieces = [
        f"<mark>{escape(word)}</mark>" if _word_matches(word, query_terms) else escape(word)
        for word in words
    ]
    text = " ".join(pieces)
    return mark_safe(f"{'… ' if before else ''}{text}{' …' if after else ''}")  # noqa: S308


def highlight(texts: Iterable[str], query: str, *, window: int = WINDOW) -> SafeString:
    """About ``window`` words around the first match of ``query``'s terms in ``texts``
    (read only up to that match).

    Without a match (the story matched on its headline, tags or authors), the
    opening words of the first text, unmarked.
    """
    query_terms = {normalise(term) for term in terms(query)}
    first = None
    for text in texts:
        words = text.split()
        if first is None:
            first = words
        for index, word in enumerate(words):
            if query_terms and _word_matches(word, query_terms):
                start = max(0, min(index - LEAD, len(words) - window))
                end = start + window
                return _render(
                    words[start:end], query_terms, before=start > 0, after=end < len(words)
                )
    if first is None:
        return SafeString("")
    return _render(first[:window], set(), before=False, after=len(first) > window)
