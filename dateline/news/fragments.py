"""Parts of a story page cached on their own, retired by the page cache's tags.

The story's body, its related stories and its previous/next links cost most of an
article's queries (chosen images and pages, maps, embeds, renditions, the related
query) yet change only when something they show is published. Each part is kept with
the *generation* of every page-cache tag it depends on (``core/page_cache.py``): the
tags named here, plus those the templates inside note while rendering (``page_cache_
depends``). Invalidating any of them (a publication, a site-wide change) retires the
part, exactly as it retires whole cached pages, without a version key of its own. A
part served from the cache notes its tags again, so the page around it still depends
on them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.utils import translation

from dateline.core import page_cache

TIMEOUT = 24 * 3600
PREFIX = "news:fragment"


def _key(name: str) -> str:
    return f"{PREFIX}:{translation.get_language() or '-'}:{name}"


def fragment_html(name: str, *, depends: Iterable[str], render: Callable[[], str]) -> str:
    """``render()``'s HTML, from the cache while none of its tags was invalidated.

    ``name`` must identify what is shown (e.g. ``"body:12"``); the language is added.
    """
    key = _key(name)
    found = cache.get(key)
    if found is not None:
        html, generations = found
        if page_cache.generations(list(generations)) == generations:
            page_cache.page_cache_depends(*generations)
            return html
    depends = set(depends)
    before = page_cache.generations(depends)  # read first: a change during the render wins
    token = page_cache.recording_start()
    try:
        html = render()
    finally:
        recorded = page_cache.recording_stop(token)
    generations = {**page_cache.generations(recorded - depends), **before}
    page_cache.page_cache_depends(*generations)
    cache.set(key, (html, generations), TIMEOUT)
    return html


def fragments_current(names: Iterable[str]) -> dict[str, str]:
    """The HTML of those of the parts ``names`` that are cached and current, in two
    cache reads however many (one for the parts, one for their tags' generations); the
    page notes the tags of each part it gets, as ``fragment_html`` does."""
    keys = {_key(name): name for name in names}
    found = cache.get_many(list(keys))
    if not found:
        return {}
    tags = set().union(*(generations for _html, generations in found.values()))
    current = page_cache.generations(tags)
    html_by_name = {}
    for key, (html, generations) in found.items():
        if all(current.get(tag) == generation for tag, generation in generations.items()):
            page_cache.page_cache_depends(*generations)
            html_by_name[keys[key]] = html
    return html_by_name


def fragments_missing(names: Iterable[str], pk: int) -> set[str]:
    """Which of the story ``pk``'s parts (``"body"``, ``"related"``, ...) are not in the
    cache, in one cache read; a part found may still be out of date (fragment_html
    checks)."""
    keys = {_key(f"{name}:{pk}"): name for name in names}
    found = cache.get_many(list(keys))
    return {name for key, name in keys.items() if key not in found}
