"""Plain-text comments: what readers may send, and how it is shown.

No HTML is accepted: the text is escaped, blank lines make paragraphs, single line
breaks are kept, and web addresses become links that pass no reputation
(rel="nofollow ugc noopener").
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'`]+", re.IGNORECASE)
TRAILING = ".,;:!?)]}'\""
SURROGATES = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"
KEPT_CONTROLS = {"\n", "\r", "\t"}


def text_scrub(value: str) -> str:
    """Drop control characters (NUL, ...) and turn lone surrogates into U+FFFD.

    A lone surrogate cannot be encoded as UTF-8, so it could neither be stored nor
    sent back in the page; U+FFFD (what Django makes of undecodable bytes too) lets
    the form name the problem and return the rest of the text intact.
    """
    value = SURROGATES.sub(REPLACEMENT, value)
    return "".join(
        ch for ch in value if ch in KEPT_CONTROLS or unicodedata.category(ch) != "Cc"
    ).replace("\r\n", "\n")


def links_in(text: str) -> list[str]:
    return [match.rstrip(TRAILING) for match in URL.findall(text)]


def _link(url: str) -> str:
    href = url if url.lower().startswith("http") else f"https://{url}"
    return f'<a href="{escape(href)}" rel="nofollow ugc noopener">{escape(url)}</a>'


def _linkify(line: str) -> str:
    out, last = [], 0
    for match in URL.finditer(line):
        url = match.group(0).rstrip(TRAILING)
        out.append(escape(line[last : match.start()]))
        out.append(_link(url))
        last = match.start() + len(url)
    out.append(escape(line[last:]))
    return "".join(out)


def text_html(text: str) -> SafeString:
    """The comment as HTML: escaped paragraphs, line breaks kept, addresses linked."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    html = "".join(
        "<p>" + "<br>".join(_linkify(line) for line in p.split("\n")) + "</p>" for p in paragraphs
    )
    return mark_safe(html)  # noqa: S308 - every piece of reader text went through escape()
