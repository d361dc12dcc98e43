"""The rendered Editor's Choice blocks, cached until a list, a story or an expiry changes them.

Every fragment key carries a version (a random token); replacing it
(``editors_choice_invalidate``) retires every fragment at once, the way ``news.navigation``
retires the menu. A fragment also remembers when its next pick expires and is not served
past that moment, whatever the cache backend's own timeout does with clocks and rounding.
"""

from __future__ import annotations

import math
import uuid
from datetime import datetime

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.models import Page

from dateline.core.page_cache import (
    page_cache_changes_at,
    page_cache_depends,
    page_cache_invalidate,
)
from dateline.curation import selectors

VERSION_KEY = "curation:version"
CACHE_TAG = "curation"  # what cached pages that show Editor's Choice depend on
TIMEOUT = 15 * 60
TEMPLATES = {
    "home": "curation/editors_choice_home.html",
    "sidebar": "curation/editors_choice_sidebar.html",
}


def editors_choice_invalidate() -> None:
    """Retire every cached block, now and again once the current transaction commits.

    The second bump covers a reader who re-cached the old picks while the admin's
    transaction was still open.
    """
    _bump()
    transaction.on_commit(_bump)
    page_cache_invalidate(CACHE_TAG)  # every cached page that shows a block


def _bump() -> None:
    cache.set(VERSION_KEY, _new_version(), None)


def _new_version() -> str:
    # random rather than a clock reading: two bumps in one clock tick still differ
    return uuid.uuid4().hex


def fragment_timeout(next_expiry: datetime | None, now: datetime) -> int:
    """Seconds to keep a fragment: the default, or less when a pick expires sooner."""
    if next_expiry is None:
        return TIMEOUT
    return max(1, min(TIMEOUT, math.ceil((next_expiry - now).total_seconds())))


def editors_choice_html(*, page: Page, variant: str, request: HttpRequest | None = None) -> str:
    """The block for ``page`` ("home" or "sidebar"); an empty string when nothing shows."""
    page_cache_depends(CACHE_TAG)
    version = cache.get_or_set(VERSION_KEY, _new_version, None)
    locale_id, section_path = selectors.scope_of(page)
    language = translation.get_language()
    key = f"curation:{variant}:{language}:{locale_id}:{section_path or '-'}:{version}"
    now = timezone.now()
    cached = cache.get(key)
    if cached is not None and (cached[1] is None or now < cached[1]):
        if cached[1] is not None:
            page_cache_changes_at(cached[1].timestamp())  # the page must drop the pick too
        return cached[0]
    picks = selectors.picks_for(page, now=now)
    if picks.next_expiry is not None:
        page_cache_changes_at(picks.next_expiry.timestamp())
    html = ""
    if picks.shown:
        # A plain context (no context processors): the fragment needs only the picks,
        # and ``request`` for relative page URLs.
        html = render_to_string(TEMPLATES[variant], {"picks": picks.shown, "request": request})
    cache.set(key, (html, picks.next_expiry), fragment_timeout(picks.next_expiry, now))
    return html
