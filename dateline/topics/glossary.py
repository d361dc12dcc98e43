"""Glossary links: the first mention of each In Focus topic in a story links to its page.

``link_terms`` is a pure function over HTML. It re-emits the markup it reads token
by token (Python's ``html.parser``) and changes only text: the first mention of each
topic becomes a link followed by a tooltip with the topic's short description::

    <a href="/in-focus/tirel-basin/" class="glossary-link" aria-describedby="gloss-7">
    Tirel Basin</a><span role="tooltip" id="gloss-7" class="glossary-tip">...</span>

The tooltip is shown by CSS on hover and keyboard focus (no JavaScript), and screen
readers announce it through ``aria-describedby`` even while it is hidden.

Text inside links, headings, quotes, code and form controls is left alone. A name
matches only as a whole word: letters, digits, combining marks and the zero-width
(non-)joiners count as word characters, so "Kurd" is not found inside "Kurdish"
and a Persian word joined by U+200C is not split. Latin names match in any case;
Arabic vowel marks are optional, and the Arabic and Persian shapes of kaf and yeh
match each other. Where names overlap, the longest wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from html.parser import HTMLParser

# Arabic-script vowel marks and the kashida (tatweel) are optional in writing, so a
# name matches with or without them. Other combining marks (accents in decomposed
# Latin text) only count as part of the word they sit on.
ARABIC_MARKS = (
    "\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
)
WORD = rf"\w\u200c\u200d\u0300-\u036f{ARABIC_MARKS}"
VARIANTS = {"ي": "[يی]", "ی": "[يی]", "ك": "[كک]", "ک": "[كک]"}
FOLD = str.maketrans({"ی": "ي", "ک": "ك"})
MIN_WORD_CHARACTERS = 2

SKIP = frozenset(
    {"a", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "q"}
    | {"button", "code", "iframe", "kbd", "label", "math", "noscript", "option", "pre"}
    | {"samp", "script", "select", "style", "svg", "template", "textarea", "title"}
)
SKIP_CLASSES = {"figure": "pull-quote"}  # <figure class="pull-quote"> holds a quote
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr"}
)


@dataclass(frozen=True)
class Term:
    """A topic as the glossary sees it: its names, page and short description."""

    key: int
    names: tuple[str, ...]
    url: str
    description: str


def _character_pattern(character: str) -> str:
    pattern = VARIANTS.get(character, re.escape(character))
    if "\u0600" <= character <= "\u06ff":
        pattern += f"[{ARABIC_MARKS}]*"
    return pattern


def _name_pattern(name: str) -> str:
    words = re.sub(f"[{ARABIC_MARKS}]", "", name).split()
    return r"\s+".join("".join(_character_pattern(c) for c in word) for word in words)


def normalise(text: str) -> str:
    """The form names are compared in: no Arabic marks, one kaf and yeh, folded case."""
    text = re.sub(f"[{ARABIC_MARKS}]", "", text).translate(FOLD)
    return " ".join(text.casefold().split())


@lru_cache(maxsize=32)
def _matcher(names: tuple[str, ...]) -> re.Pattern | None:
    """One pattern for every usable name, longest first (the first alternative wins)."""
    usable = sorted(
        {n for n in names if len(re.findall(rf"[{WORD}]", n)) >= MIN_WORD_CHARACTERS},
        key=lambda name: (-len(name), name),
    )
    if not usable:
        return None
    alternatives = "|".join(_name_pattern(name) for name in usable)
    return re.compile(rf"(?<![{WORD}])(?:{alternatives})(?![{WORD}])", re.IGNORECASE)


class _Linker(HTMLParser):
    def __init__(self, pattern: re.Pattern, owners: dict[str, Term], id_prefix: str):
        super().__init__(convert_charrefs=True)
        self.pattern, self.owners, self.id_prefix = pattern, owners, id_prefix
        self.remaining = len({term.key for term in owners.values()})
        self.out: list[str] = []
        self.open: list[tuple[str, bool]] = []  # skipped or watched elements still open
        self.linked: set[int] = set()

    # Markup is copied as it came.
    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag in VOID:
            return
        if tag in SKIP:
            self.open.append((tag, True))
        elif tag in SKIP_CLASSES:
            classes = (dict(attrs).get("class") or "").split()
            self.open.append((tag, SKIP_CLASSES[tag] in classes))

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                break

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        # html.parser hands over "CDATA[text" of <![CDATA[text]]>, "if IE" of <![if IE]>
        self.out.append(f"<![{data}]]>" if data.startswith("CDATA[") else f"<![{data}]>")

    # Text is where links go.
    def handle_data(self, data):
        if self.cdata_elem is not None:  # script or style source: copied untouched
            self.out.append(data)
        elif any(skipped for _, skipped in self.open) or not self.remaining:
            self.out.append(escape(data, quote=False))
        else:
            self.out.append(self._link(data))

    def _link(self, text: str) -> str:
        parts, start = [], 0
        for match in self.pattern.finditer(text):
            term = self.owners.get(normalise(match.group()))
            if term is None or term.key in self.linked:
                continue
            self.linked.add(term.key)
            self.remaining -= 1
            parts.append(escape(text[start : match.start()], quote=False))
            parts.append(self._anchor(term, match.group()))
            start = match.end()
        parts.append(escape(text[start:], quote=False))
        return "".join(parts)

    def _anchor(self, term: Term, shown: str) -> str:
        href, text = escape(term.url), escape(shown, quote=False)
        if not term.description:
            return f'<a href="{href}" class="glossary-link">{text}</a>'
        tip = f"{self.id_prefix}-{term.key}"
        return (
            f'<a href="{href}" class="glossary-link" aria-describedby="{tip}">{text}</a>'
            f'<span role="tooltip" id="{tip}" class="glossary-tip">'
            f"{escape(term.description, quote=False)}</span>"
        )


def link_terms(
    html: str, terms: Iterable[Term], *, exclude: int | None = None, id_prefix: str = "gloss"
) -> str:
    """``html`` with the first mention of each term (but ``exclude``) linked, once per term."""
    owners: dict[str, Term] = {}
    for term in terms:
        if term.key != exclude and term.url:
            for name in term.names:
                owners.setdefault(normalise(name), term)
    pattern = _matcher(tuple(owners)) if owners else None
    if pattern is None or not html:
        return html
    linker = _Linker(pattern, owners, id_prefix)
    linker.feed(html)
    linker.close()
    return "".join(linker.out)
