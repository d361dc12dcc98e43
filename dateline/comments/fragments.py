"""The rendered list of an article's approved comments, cached until moderation changes it.

A fragment is kept per article and language; approving, rejecting, deleting or
replying deletes that article's fragments, now and again once the transaction
commits (a reader may re-cache the old list while the moderator's transaction is open).
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from dateline.comments.selectors import approved_thread
from dateline.core.cache_purge import page_cache_page_refresh

TIMEOUT = 60 * 60
TEMPLATE = "comments/list.html"


def _key(page_id: int, language: str) -> str:
    return f"comments:list:{language}:{page_id}"


def comments_invalidate(*, page_id: int) -> None:
    def forget() -> None:
        cache.delete_many([_key(page_id, code) for code, _name in settings.LANGUAGES])

    forget()
    transaction.on_commit(forget)
    page_cache_page_refresh(page_id=page_id)  # the whole page, in front of the fragment


def comments_fragment(*, page_id: int, approved: int | None = None) -> dict:
    """``{"count": n, "html": ...}`` for the article's approved comments; ``approved``,
    their number when the caller read it with the page (0: nothing to read or keep)."""
    if approved == 0:
        return {"count": 0, "html": ""}
    key = _key(page_id, translation.get_language() or settings.LANGUAGE_CODE)
    cached = cache.get(key)
    if cached is not None:
        return cached
    thread = approved_thread(page_id)
    count = len(thread) + sum(len(c.shown_replies) for c in thread)
    html = render_to_string(TEMPLATE, {"thread": thread, "count": count}) if count else ""
    fragment = {"count": count, "html": html}
    cache.set(key, fragment, TIMEOUT)
    return fragment
