"""Rendered rich text never carries a script link, whatever was stored.

Wagtail cleans a link only when an editor saves it through Draftail; rich text that reached
the database another way (an import, a migration, the API, an older editor) is expanded by
``wagtail.rich_text.expand_db_html``, whose ``LinkRewriter`` leaves any ``<a href>`` it does
not recognise as it is. ``javascript:``, ``data:`` or ``vbscript:`` links (in any case,
entity-encoded, with control characters inside) would then be live on the public page.

``safe_links`` runs on the final HTML, from the ``wagtailcore/shared/richtext.html``
template that both ``RichText.__html__`` and the ``|richtext`` filter render through, so
every rich text value (StreamField paragraphs and ``RichTextField`` alike) passes it. It
parses the HTML as a browser would (``html.parser`` decodes entities in attribute values),
and from each start tag drops

- a URL attribute whose scheme is not in ``SAFE_SCHEMES`` (relative links stay), which
  leaves ``<a>`` without ``href``: plain text to the reader;
- inline event handlers (``on…``) and ``srcdoc``, which the site's CSP blocks anyway.

Everything else is copied byte for byte.
"""

from __future__ import annotations

import re
import unicodedata
from html import escape
from html.parser import HTMLParser

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "data"}
)
# A quick test for text that may hold an attribute worth a look; most paragraphs have none.
MAYBE_UNSAFE = re.compile(
    r"(?:href|src|action|poster|background|cite|data|on[a-z]+|srcdoc)\s*=", re.IGNORECASE
)
SCHEME = re.compile(r"^([^/?#]*?):")


def url_is_safe(url: str) -> bool:
    """False when a browser would follow ``url`` (already entity-decoded) to a scheme not in
    ``SAFE_SCHEMES``. Every control, format and space character is removed before the
    scheme is read: stricter than the WHATWG URL parser, which drops only some of them."""
    compact = "".join(
        char for char in url if unicodedata.category(char)[0] not in {"C", "Z"} and char != " "
    )
    match = SCHEME.match(compact)
    return match is None or match.group(1).lower() in SAFE_SCHEMES


def _attribute_is_safe(name: str, value: str | None) -> bool:
    if name.startswith("on") or name == "srcdoc":
        return False
    return name not in URL_ATTRIBUTES or url_is_safe(value or "")


class _StartTags(HTMLParser):
    """Collects (offset, length, replacement) for each start tag that must change."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.changes: list[tuple[int, int, str]] = []

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs, ">")

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs, " />")

    def _check(self, tag, attrs, end):
        kept = [(name, value) for name, value in attrs if _attribute_is_safe(name, value)]
        if len(kept) == len(attrs):
            return
        line, column = self.getpos()
        text = self.get_starttag_text() or ""
        rebuilt = "".join(
            f" {name}" if value is None else f' {name}="{escape(value)}"' for name, value in kept
        )
        offset = self.line_starts[line - 1] + column
        self.changes.append((offset, len(text), f"<{tag}{rebuilt}{end}"))


def safe_links(html: str) -> str:
    """``html`` without script links or event handlers (see the module); unchanged if clean."""
    html = str(html)
    if not MAYBE_UNSAFE.search(html):
        return html
    parser = _StartTags(html)
    parser.feed(html)
    parser.close()
    for offset, length, replacement in reversed(parser.changes):
        html = html[:offset] + replacement + html[offset + length :]
    return html
