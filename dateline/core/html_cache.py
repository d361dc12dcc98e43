"""Small templates' HTML kept by what they are given: the same inputs, the same markup.

The sections menu is on every page and changes with few inputs (the edition's
sections, the current one, the site's name and tagline), yet the template engine drew
it on every render (about 0.45 ms of a cold story). (The edition switcher is not kept:
its links carry the page's own URL, so its inputs differ on every page.)
``rendered(template, values)`` keeps the HTML under a digest of the template's name,
the language and the values, so nothing needs to retire it: new inputs are a new key.
Entries age out after ``TIMEOUT``, which also bounds how long a changed template's old
markup can be served after a deploy.
"""

from __future__ import annotations

import hashlib
import json

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

TIMEOUT = 60 * 60
PREFIX = "html"


def rendered(template_name: str, values: dict) -> SafeString:
    """``template_name`` rendered with ``values`` (JSON-able: strings, numbers, booleans,
    lists and dicts of them), from the cache when the same were rendered before."""
    language = translation.get_language() or ""
    inputs = json.dumps([template_name, language, values], sort_keys=True, default=str)
    key = f"{PREFIX}:{hashlib.sha256(inputs.encode()).hexdigest()[:40]}"
    html = cache.get(key)
    if html is None:
        html = render_to_string(template_name, values)
        cache.set(key, html, TIMEOUT)
    return mark_safe(html)  # noqa: S308 - rendered by the template engine, which escaped it
