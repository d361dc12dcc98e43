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
from html import escape, unescape
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
        self.start(self.get_starttag_text(), tag, attrs)

    def start(self, raw: str, tag: str, attrs) -> None:
        self.out.append(raw)
        if tag in VOID:
            return
        if tag in SKIP:
            self.open.append((tag, True))
        elif tag in SKIP_CLASSES:
            classes = (dict(attrs).get("class") or "").split()
            self.open.append((tag, SKIP_CLASSES[tag] in classes))

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())  # <br/>: nothing left open

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


# Markup html.parser can read only one way: every "<" opens a plainly written tag (the
# attribute values quoted), with no comment, declaration or element whose content is raw
# text. Story bodies are such markup; the linker reads it with one regular expression
# instead of the parser, which took about 0.2 ms per 1,000 characters of a cold story.
_SPACE = r"[ \t\n\f\r]"
_NAME = r"[a-zA-Z][a-zA-Z0-9:-]*"
_ATTRIBUTE = rf"""{_SPACE}+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:{_SPACE}*={_SPACE}*("[^"]*"|'[^']*'))?"""
# groups: 1 the tag, 2 a start tag's name, 3 and 4 an attribute, 5 an end tag's name
_PLAIN_TAG = re.compile(rf"(<({_NAME})(?:{_ATTRIBUTE})*{_SPACE}*/?>|</({_NAME}){_SPACE}*>)")
_ATTRIBUTES = re.compile(_ATTRIBUTE)
RAW_TEXT = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"}
    | {"noscript", "plaintext"}
)


def _link_plain(html: str, linker: _Linker) -> bool:
    """Feed ``linker`` the plain markup ``html`` as html.parser would; False, with nothing
    fed, when ``html`` is not plain."""
    events = []
    position = 0
    for match in _PLAIN_TAG.finditer(html):
        text = html[position : match.start()]
        if "<" in text:
            return False
        raw, start_name, end_name = match.group(1), match.group(2), match.group(5)
        name = (start_name or end_name).lower()
        if name in RAW_TEXT:
            return False
        events.append((text, raw, name, start_name is not None))
        position = match.end()
    rest = html[position:]
    if "<" in rest:
        return False
    for text, raw, name, is_start in events:
        if text:
            linker.handle_data(unescape(text))
        if not is_start:
            linker.handle_endtag(name)
        elif raw.endswith("/>"):
            linker.out.append(raw)  # as handle_startendtag: nothing left open
        else:
            attrs = []
            if name in SKIP_CLASSES:  # only the class is read, as html.parser gives it
                attrs = [
                    (key.lower(), unescape(value[1:-1]) if value else None)
                    for key, value in _ATTRIBUTES.findall(raw)
                ]
            linker.start(raw, name, attrs)
    if rest:
        linker.handle_data(unescape(rest))
    return True


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
    if not _link_plain(html, linker):
        linker.feed(html)
        linker.close()
    return "".join(linker.out)
