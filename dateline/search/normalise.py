"""One spelling for Arabic and Persian text, so variants find each other.

The same function runs on what is indexed and on what readers type, so the two
always agree. It is a pure function of its input and changes nothing that a
reader would read: search results show the stored text, never this form.
"""

from __future__ import annotations

import re
import unicodedata

# Tashkeel (fathatan ... sukun, and the marks after it up to U+065F) and the
# superscript alef: vowel marks that writers add or leave out at will.
_DIACRITICS = "".join(chr(code) for code in range(0x064B, 0x0660)) + "\u0670"
_TATWEEL = "\u0640"
ZWNJ = "\u200c"

_FOLD = str.maketrans(
    {
        **dict.fromkeys(_DIACRITICS + _TATWEEL, None),
        # yeh: Persian yeh and alef maqsura are written for Arabic yeh and back
        "\u06cc": "\u064a",  # ی -> ي
        "\u0649": "\u064a",  # ى -> ي
        # kaf: Persian keheh for Arabic kaf
        "\u06a9": "\u0643",  # ک -> ك
        # alef with hamza above/below, madda, wasla -> bare alef
        "\u0623": "\u0627",
        "\u0625": "\u0627",
        "\u0622": "\u0627",
        "\u0671": "\u0627",
        # Arabic-Indic and Persian (extended) digits -> ASCII
        **{chr(0x0660 + digit): str(digit) for digit in range(10)},
        **{chr(0x06F0 + digit): str(digit) for digit in range(10)},
        # The zero-width non-joiner separates the parts of one Persian word
        # (می‌خواهم, کتاب‌ها). It becomes a space, so each part is a word of its
        # own: "کتاب" then finds "کتاب‌ها". joined_forms() adds the run-together
        # spelling (میخواهم) to what is indexed, so that spelling finds it too.
        ZWNJ: " ",
        # other invisible joiners and marks carry no meaning for search
        "\u200d": None,
        "\u200e": None,
        "\u200f": None,
        "\ufeff": None,
    }
)

# The same folding with the non-joiner kept, to find the words written with one.
_FOLD_KEEP_ZWNJ = {**_FOLD, ord(ZWNJ): ZWNJ}

_WORD = re.compile(r"\w+")
_ZWNJ_WORD = re.compile(rf"\w+(?:{ZWNJ}+\w+)+")


def normalise(text: str) -> str:
    """``text`` with one spelling for each Arabic/Persian variant, case folded.

    NFKC first turns presentation forms (ﻻ, ﺏ ...) into plain letters and
    composes accents; then marks and tatweel go, yeh/kaf/alef variants and
    digits fold, and the zero-width non-joiner becomes a space.
    """
    return unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()


def joined_forms(text: str) -> list[str]:
    """Words written with a zero-width non-joiner, run together (می‌خواهم -> میخواهم), normalised."""
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD_KEEP_ZWNJ).casefold()
    return [match.replace(ZWNJ, "") for match in _ZWNJ_WORD.findall(folded)]


def index_text(text: str) -> str:
    """What the search index stores for ``text``: its normal form plus joined ZWNJ words."""
    if not text:
        return ""
    extra = joined_forms(text)
    normal = normalise(text)
    return f"{normal} {' '.join(extra)}" if extra else normal


def terms(text: str) -> list[str]:
    """The words of ``text`` in normal form; punctuation and operators fall away."""
    return _WORD.findall(normalise(text))
