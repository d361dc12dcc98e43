"""The anonymous page cache: whole responses, tagged with what they show.

Each stored response remembers the *tags* it depends on (``page:12`` for a story,
``children:00010002`` for a section's listing, ``edition:00010001`` for a front page,
``curation`` for Editor's Choice, ...) together with each tag's *generation*, a random
token kept in the cache. Invalidating a tag replaces its token, so every response that
showed it stops matching at once, on Redis as in local memory, without scanning keys;
the old entries age out by themselves. A response is fresh for ``DATELINE_PAGE_CACHE_SECONDS``,
then kept ``DATELINE_CACHE_STALE_WHILE_REVALIDATE`` seconds more so that one request
re-renders it while the others are answered with the previous copy (``entry_lock``).

Pages say what they depend on while they render (``page_cache_depends``): Wagtail pages
through ``BasePage.page_cache_tags`` (the ``before_serve_page`` hook in
``core/wagtail_hooks.py``), fragments through one call where they are built. What a
publication changes is in ``core/cache_purge.py``.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

PREFIX = "pagecache"
# Every stored response depends on this tag: the menu, site settings and other
# site-wide changes retire them all.
SITE_TAG = "site"
LOCK_SECONDS = 30  # a re-render that takes longer lets another request try

_recording: ContextVar[set[str] | None] = ContextVar("page_cache_tags", default=None)
# The earliest moment (epoch seconds) something shown on the page changes by itself.
_changes_at: ContextVar[list[float] | None] = ContextVar("page_cache_changes_at", default=None)
# The tags' generations read during the outermost recording (one render): a story page
# asks for the same few (``site``, ``page:<pk>``) a dozen times, once per part it shows.
_read: ContextVar[dict[str, str] | None] = ContextVar("page_cache_generations", default=None)


def page_cache_depends(*tags: str) -> None:
    """Note that the response being rendered shows what ``tags`` name (no-op outside one)."""
    recording = _recording.get()
    if recording is not None:
        recording.update(tags)


def page_cache_changes_at(moment: float) -> None:
    """Note that the response being rendered changes by itself at ``moment`` (epoch
    seconds), with no edit to invalidate it: e.g. an Editor's Choice pick expiring. The
    stored copy stops being fresh then (no-op outside a recording)."""
    changes = _changes_at.get()
    if changes is not None:
        changes.append(moment)


def recording_start() -> object:
    read_token = _read.set({}) if _read.get() is None else None  # nested: the outer's
    return (_recording.set({SITE_TAG}), _changes_at.set([]), read_token)


def recording_stop(token) -> set[str]:
    tags_token, changes_token, read_token = token
    tags = _recording.get() or {SITE_TAG}
    _recording.reset(tags_token)
    _changes_at.reset(changes_token)
    if read_token is not None:
        _read.reset(read_token)
    return tags


def recording_changes_at() -> float | None:
    """Inside a recording: the earliest moment noted by ``page_cache_changes_at``."""
    return min(_changes_at.get() or [], default=None)


def _tag_key(tag: str) -> str:
    return f"{PREFIX}:tag:{tag}"


def _new_generation() -> str:
    # random rather than a clock reading: two bumps in one clock tick still differ
    return uuid.uuid4().hex[:16]


def page_cache_invalidate(*tags: str) -> None:
    """Retire every stored response that depends on one of ``tags``, now and once the
    current transaction commits (a reader may re-cache the old page meanwhile)."""
    if not tags:
        return

    def bump() -> None:
        cache.set_many({_tag_key(tag): _new_generation() for tag in tags}, None)
        read = _read.get()
        if read:  # invalidated during a render: its next read is the new generation
            for tag in tags:
                read.pop(tag, None)

    bump()
    transaction.on_commit(bump)


def generations(tags: set[str] | list[str]) -> dict[str, str]:
    """The current generation of each tag, creating the missing ones. During a render,
    each tag is read from the cache once: later reads get the same generation (a change
    made meanwhile by another process is seen by the next render; the parts and page
    stored with the earlier one are then out of date, never the other way round)."""
    read = _read.get()
    known = {}
    if read:
        known = {tag: read[tag] for tag in tags if tag in read}
        if len(known) == len(tags):
            return known
    keys = {_tag_key(tag): tag for tag in tags if tag not in known}
    found = cache.get_many(list(keys))
    missing = {key: _new_generation() for key in keys if key not in found}
    for key, value in missing.items():
        # add, not set: another process may have created it in the meantime
        if not cache.add(key, value, None):
            value = cache.get(key) or value
        found[key] = value
    current = {keys[key]: value for key, value in found.items()}
    if read is not None:
        read.update(current)
    return {**known, **current}


def _still_current(tags: dict[str, str]) -> bool:
    keys = {_tag_key(tag): generation for tag, generation in tags.items()}
    found = cache.get_many(list(keys))
    return all(found.get(key) == generation for key, generation in keys.items())


@dataclass
class Entry:
    """A stored response: what the reader gets, and when it stops being fresh."""

    status: int
    content: bytes
    headers: dict[str, str]
    tags: dict[str, str]
    stored_at: float
    fresh_until: float
    etag: str = ""
    current: bool = field(default=True, compare=False)

    def is_fresh(self, now: float) -> bool:
        return self.current and now < self.fresh_until


def entry_key(language: str, url: str) -> str:
    digest = hashlib.sha256(f"{language} {url}".encode()).hexdigest()[:40]
    return f"{PREFIX}:entry:{digest}"


def entry_get(key: str) -> Entry | None:
    """The stored entry, with ``current`` False when one of its tags was invalidated."""
    entry = cache.get(key)
    if not isinstance(entry, Entry):
        return None
    entry.current = _still_current(entry.tags)
    return entry


def entry_store(
    key: str,
    *,
    status: int,
    content: bytes,
    headers: dict,
    tags: set[str],
    changes_at: float | None = None,
) -> Entry:
    now = time.time()
    fresh = settings.DATELINE_PAGE_CACHE_SECONDS
    if changes_at is not None:
        fresh = max(0.0, min(fresh, changes_at - now))
    stale = settings.DATELINE_CACHE_STALE_WHILE_REVALIDATE
    entry = Entry(
        status=status,
        content=content,
        headers=headers,
        tags=generations(tags),
        stored_at=now,
        fresh_until=now + fresh,
        etag='"' + hashlib.sha256(content).hexdigest()[:24] + '"',
    )
    cache.set(key, entry, fresh + stale)
    return entry


def entry_delete(key: str) -> None:
    cache.delete(key)


def entry_lock(key: str) -> bool:
    """True for the one request that may re-render ``key`` now (``cache.add`` is atomic)."""
    return cache.add(f"{key}:lock", 1, LOCK_SECONDS)


def entry_unlock(key: str) -> None:
    cache.delete(f"{key}:lock")
