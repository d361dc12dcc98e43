"""Alphabetical order and first-letter groups for the glossary, in English, Arabic and Persian.

Python's ``sorted`` orders by code point, which is wrong for Persian (پ چ ژ گ come
after ی) and splits Arabic alef forms apart. Each edition's alphabet gives the order
and the jump list; letters outside it (a Latin name in the Arabic edition) follow it,
and names that start with a digit go under "#".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

ALPHABETS = {
    "en": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "fa": "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی",
}
# Forms of one letter that a glossary files together: alef with hamza or madda,
# and the Arabic and Persian shapes of kaf and yeh (each edition uses its own).
FOLD = str.maketrans({"آ": "ا", "أ": "ا", "إ": "ا", "ٱ": "ا", "ؤ": "و", "ة": "ه"})
KAF_YEH = {
    "ar": str.maketrans({"ک": "ك", "ی": "ي", "ى": "ي", "ئ": "ي"}),
    "fa": str.maketrans({"ك": "ک", "ي": "ی", "ى": "ی", "ئ": "ی"}),
}
OTHER = "#"
ARABIC_ARTICLE = "ال"


@dataclass
class Group:
    letter: str
    anchor: str
    items: list = field(default_factory=list)


def _alphabet(language: str) -> str:
    return ALPHABETS.get(language, ALPHABETS["en"])


def _fold(text: str, language: str) -> str:
    """Upper case without accents, one form per letter."""
    text = unicodedata.normalize("NFKD", text.strip())
    text = "".join(c for c in text if not unicodedata.combining(c) and c != "\u200c")
    text = text.translate(FOLD).translate(KAF_YEH.get(language, {}))
    text = text.upper()
    # Arabic indexes file "al-" names under the next letter, as dictionaries do.
    if language == "ar" and text.startswith(ARABIC_ARTICLE) and len(text) > 3:
        text = text[len(ARABIC_ARTICLE) :]
    return text


def first_letter(title: str, language: str) -> str:
    for character in _fold(title, language):
        if character.isalpha():
            return character
        if character.isdigit():
            return OTHER
    return OTHER


def sort_key(title: str, language: str) -> tuple:
    alphabet = _alphabet(language)
    ranks = tuple(
        alphabet.index(c) if c in alphabet else (-1 if c.isspace() else 1000 + ord(c))
        for c in _fold(title, language)
    )
    return ranks, title.casefold()


def _letter_key(letter: str, alphabet: str) -> tuple:
    if letter == OTHER:
        return (2, 0)
    return (0, alphabet.index(letter)) if letter in alphabet else (1, ord(letter))


def group(items: Iterable, *, key: Callable[[object], str], language: str) -> list[Group]:
    """``items`` in alphabetical order of ``key(item)``, in groups by first letter."""
    alphabet = _alphabet(language)
    groups: dict[str, Group] = {}
    for item in sorted(items, key=lambda item: sort_key(key(item), language)):
        letter = first_letter(key(item), language)
        anchor = "other" if letter == OTHER else letter
        groups.setdefault(letter, Group(letter, anchor)).items.append(item)
    return [groups[letter] for letter in sorted(groups, key=lambda g: _letter_key(g, alphabet))]


def jump_list(groups: list[Group], *, language: str) -> list[dict]:
    """The edition's alphabet, then other groups' letters; ``anchor`` is set when it has items."""
    present = {g.letter: g.anchor for g in groups}
    letters = list(_alphabet(language)) + [
        g.letter for g in groups if g.letter not in _alphabet(language)
    ]
    return [{"letter": letter, "anchor": present.get(letter, "")} for letter in letters]
