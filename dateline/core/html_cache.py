"""Small templates' HTML kept by what they are given: the same inputs, the same markup.

The sections menu is on every page and changes with few inputs (the edition's
sections, the current one, the site's name and tagline), yet the template engine drew
it on every render (about 0.45 ms of a cold story). (The edition switcher is not kept:
its links carry the page's own URL, so its inputs differ on every page.)
``rendered(template, values)`` keeps the HTML under a digest of the template's name and
source, the language and the values, so nothing needs to retire it: new inputs, or a
changed template after a deploy, are a new key. Entries age out after ``TIMEOUT``.

A template whose output differs on every render in a value or two only (the comment
form: the story's key in its address, a signed token) is kept with *holes*: it is drawn
with markers in place of those values, and each marker is replaced by its value,
escaped, on the way out.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Mapping

from django.core.cache import cache
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

TIMEOUT = 60 * 60
PREFIX = "html"


@functools.cache
def _source_digest(template_name: str) -> str:
    """The template's source, as a digest (read once per process)."""
    source = get_template(template_name).template.source
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def rendered(
    template_name: str,
    values: dict,
    *,
    context: Callable[[], Mapping] | None = None,
    holes: Mapping[str, str] | None = None,
) -> SafeString:
    """``template_name`` rendered with ``values`` (JSON-able: strings, numbers, booleans,
    lists and dicts of them), from the cache when the same were rendered before.

    ``context``, when given, returns what the template gets instead of ``values`` (which
    then only key the cache): for a template that needs objects, a form say, that
    ``values`` describe; it is called only when the markup is drawn. ``holes`` maps each
    marker the context puts in place of a changing value to the value; a marker must
    come out of the template unchanged (letters, digits, hyphens) and appear nowhere
    else."""
    language = translation.get_language() or ""
    digest = _source_digest(template_name)
    inputs = json.dumps([template_name, digest, language, values], sort_keys=True, default=str)
    key = f"{PREFIX}:{hashlib.sha256(inputs.encode()).hexdigest()[:40]}"
    html = cache.get(key)
    if html is None:
        html = render_to_string(template_name, values if context is None else context())
        cache.set(key, html, TIMEOUT)
    for marker, value in (holes or {}).items():
        html = html.replace(marker, escape(value))
    return mark_safe(html)  # noqa: S308 - rendered by the template engine, which escaped it
