"""Rendered rich text never carries a live script, whatever was stored.

Wagtail cleans rich text only when an editor saves it through Draftail; rich text that
reached the database another way (an import, a migration, the API, an older editor) is
expanded by ``wagtail.rich_text.expand_db_html``, which leaves any tag it does not
recognise as it is. A ``<script>``, an ``<iframe>``, a ``javascript:`` link (in any case,
entity-encoded, with control characters inside) or an ``onerror`` handler would then be
live on the public page.

``safe_links`` runs on the final HTML, from the ``wagtailcore/shared/richtext.html``
template that both ``RichText.__html__`` and the ``|richtext`` filter render through, so
every rich text value (StreamField paragraphs and ``RichTextField`` alike) passes it.

Most paragraphs hold nothing worth a look (``maybe_unsafe``: no URL attribute or
handler, and only plainly written tags of kept elements) and are returned as they are,
unparsed. The others are read with ``html.parser``, and the result is made only of
pieces a browser cannot read otherwise than we did:

- start and end tags of the elements in ``KEPT_TAGS``, copied byte for byte when they
  are plainly written (``PLAIN_START_TAG``, ``PLAIN_END_TAG``) and safe, otherwise
  rewritten from what the parser read, less a URL attribute whose scheme is not in
  ``SAFE_SCHEMES`` (which leaves ``<a>`` without ``href``: plain text to the reader),
  inline event handlers (``on…``) and ``srcdoc``;
- text copied byte for byte when it holds no ``<``, otherwise escaped;
- ``<script>`` and ``<style>`` dropped with their content; the tags of any other element
  dropped and their content kept as ordinary, checked markup: frames, plugins and
  forms; ``<base>``, ``<meta>`` and ``<link>``; every element a browser reads as raw
  text, such as ``<title>``, ``<textarea>`` or ``<noscript>``; SVG and MathML, which a
  browser parses by other rules; names of no element at all (``<xss>``);
- comments, doctypes, ``<![CDATA[…]]>`` and ``<?…>`` dropped;
- ``</a>``, ``</b>``... added at the end for formatting elements left open, which a
  browser would otherwise carry on over the rest of the page.

Where ``html.parser`` and a browser disagree (a comment written ``<!-->``, a tag cut
off at the end, a quote left open), the disputed text is dropped or escaped, never
copied, so the browser can only see the tags we kept.

Video belongs in the body's Embed block; a media embed found in stored rich text (Wagtail
expands ``<embed embedtype="media">`` to the provider's ``<iframe>``) loses its frame here.
"""

from __future__ import annotations

import re
import unicodedata
from html import escape
from html.parser import HTMLParser

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "data"}
    | {"srcset", "dynsrc", "lowsrc"}
)
# The elements kept: those of ordinary text, tables and pictures. Of any other element the
# tags are dropped and the content is kept as checked markup, so frames, plugins, forms,
# <base>, <meta>, <link>, SVG and MathML (parsed by other rules), and every element a
# browser reads as raw text (<title>, <textarea>, <noscript>, <xmp>...) are gone.
KEPT_TAGS = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col",
        "colgroup", "dd", "del", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
        "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong",
        "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
        "var", "wbr",
    }
)  # fmt: skip
DROPPED_WITH_CONTENT = frozenset({"script", "style"})
# The elements a browser reopens after the end of their parent ("formatting elements"):
# left open, they would run on over the rest of the page.
FORMATTING = frozenset(
    {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong"}
    | {"tt", "u"}
)
# A quick test for text that may hold something worth a look; most paragraphs have none.
# A URL attribute or a handler (``href=``, ``onload =``), sought in the reversed text: a
# pattern that starts with a plain character ("=") is found many times faster.
MAYBE_UNSAFE_ATTRIBUTE_REVERSED = re.compile(
    r"=\s*(?:ferh|crs|tescrs|noitca|retsop|dnuorgkcab|etic|atad|[a-z]+no|codcrs)",
    re.IGNORECASE,
)
SCHEME = re.compile(r"^([^/?#]*?):")
PLAIN_SAFE_STARTS = ("/", "#", "?", "http://", "https://", "mailto:", "tel:")
# Tags written so plainly that every HTML parser reads the same name and attributes.
_SPACE = r"[ \t\n\f\r]"
_NAME = r"[a-zA-Z][a-zA-Z0-9:-]*"
_VALUE = r"""(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)"""
_ATTRIBUTE = rf"{_SPACE}+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:{_SPACE}*={_SPACE}*{_VALUE})?"
PLAIN_START_TAG = re.compile(rf"<{_NAME}(?:{_ATTRIBUTE})*{_SPACE}*/?>\Z")
PLAIN_END_TAG = re.compile(rf"</{_NAME}{_SPACE}*>\Z")
# Text and plain tags of kept elements only: no other element, no comment, no quote left
# open, no tag cut off at the end.
_KEPT = "(?:" + "|".join(sorted(KEPT_TAGS, key=len, reverse=True)) + ")(?![a-zA-Z0-9:-])"
PLAIN_MARKUP = re.compile(
    rf"(?:[^<]++|<{_KEPT}(?:{_ATTRIBUTE})*+{_SPACE}*/?>|</{_KEPT}{_SPACE}*>)*+\Z",
    re.IGNORECASE,
)
ATTRIBUTE_NAME = re.compile(r"[a-z_:][-a-z0-9_:.]*\Z")


def url_is_safe(url: str) -> bool:
    """False when a browser would follow ``url`` (already entity-decoded) to a scheme not in
    ``SAFE_SCHEMES``. Every control, format and space character is removed before the
    scheme is read: stricter than the WHATWG URL parser, which drops only some of them."""
    if url.startswith(PLAIN_SAFE_STARTS):  # most links: nothing before these is dropped
        return True
    compact = "".join(
        char for char in url if unicodedata.category(char)[0] not in {"C", "Z"} and char != " "
    )
    match = SCHEME.match(compact)
    return match is None or match.group(1).lower() in SAFE_SCHEMES


def _attribute_is_safe(name: str, value: str | None) -> bool:
    if name.startswith("on") or name == "srcdoc" or not ATTRIBUTE_NAME.match(name):
        return False
    return name not in URL_ATTRIBUTES or url_is_safe(value or "")


def _start_tag(raw: str, tag: str, attrs: list, end: str, text: str) -> str:
    """The start tag as written when it is plain and safe, else rebuilt from ``attrs``."""
    kept = [(name, value) for name, value in attrs if _attribute_is_safe(name, value)]
    if len(kept) == len(attrs) and raw == text and PLAIN_START_TAG.match(raw):
        return raw
    rebuilt = "".join(
        f" {name}" if value is None else f' {name}="{escape(value)}"' for name, value in kept
    )
    return f"<{tag}{rebuilt}{end}"


_DROP, _TEXT, _START, _END = range(4)


class _Pieces(HTMLParser):
    """Cuts the HTML where the parser reports something: a piece runs from there to the
    next report, so text the parser passed over silently stays with the piece before it
    (and fails that piece's check). ``text()`` puts the pieces back, checked."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.pieces: list[tuple[int, int, object]] = []  # (offset, kind, detail)
        self.open_formatting: list[str] = []

    def text(self) -> str:
        html = self.html
        head = html[: self.pieces[0][0]] if self.pieces else html
        out = [head if "<" not in head else escape(head, quote=False)]
        ends = [offset for offset, _kind, _detail in self.pieces[1:]] + [len(html)] * bool(
            self.pieces
        )
        for (offset, kind, detail), end in zip(self.pieces, ends, strict=True):
            raw = html[offset:end]
            if kind == _TEXT:
                out.append(raw if "<" not in raw else escape(detail, quote=False))
            elif kind == _START:
                out.append(_start_tag(raw, *detail))
            elif kind == _END:
                out.append(raw if PLAIN_END_TAG.match(raw) else f"</{detail}>")
        # a browser carries an unclosed <a>, <b>... on into the rest of the page
        out += [f"</{tag}>" for tag in reversed(self.open_formatting)]
        return "".join(out)

    def _add(self, kind: int, detail: object = None) -> None:
        line, column = self.getpos()
        self.pieces.append((self.line_starts[line - 1] + column, kind, detail))

    @staticmethod
    def _dropped(tag: str) -> bool:
        return tag not in KEPT_TAGS

    def handle_starttag(self, tag, attrs):
        if self._dropped(tag):
            self._add(_DROP)
        else:
            self._add(_START, (tag, attrs, ">", self.get_starttag_text()))
            if tag in FORMATTING:
                self.open_formatting.append(tag)

    def handle_startendtag(self, tag, attrs):
        if self._dropped(tag):
            self._add(_DROP)
        else:
            self._add(_START, (tag, attrs, " />", self.get_starttag_text()))
            if tag in FORMATTING:  # a browser ignores the "/" of <b/>: it opens a <b>
                self.open_formatting.append(tag)

    def handle_endtag(self, tag):
        self._add(_DROP if self._dropped(tag) else _END, tag)
        if tag in self.open_formatting:  # the innermost one of that name closes
            self.open_formatting.reverse()
            self.open_formatting.remove(tag)
            self.open_formatting.reverse()

    def handle_data(self, data):
        # the content of <script> or <style>, which the parser reads as raw text, goes too
        self._add(_DROP if self.cdata_elem else _TEXT, data)

    def handle_comment(self, data):
        self._add(_DROP)

    handle_decl = handle_pi = unknown_decl = handle_comment


def maybe_unsafe(html: str) -> bool:
    """Whether ``html`` needs a closer look: a URL attribute, a handler, an element that is
    dropped, a comment or the like, or markup that is not plainly written (a quote left
    open, a tag cut off at the end)."""
    return PLAIN_MARKUP.match(html) is None or (
        "=" in html and MAYBE_UNSAFE_ATTRIBUTE_REVERSED.search(html[::-1]) is not None
    )


def safe_links(html: str) -> str:
    """``html`` without live scripts (see the module); unchanged if there is nothing to
    look at, and byte for byte where nothing had to change."""
    html = str(html)
    if not maybe_unsafe(html):
        return html
    parser = _Pieces(html)
    parser.feed(html)
    parser.close()
    return parser.text()
