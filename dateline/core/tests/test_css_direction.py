"""One stylesheet for both reading directions: layout only through logical properties.

A physical ``left``/``right`` (``margin-left``, ``float: right``, ``text-align: left``, a
four-value ``margin`` whose sides differ) would not mirror in the Arabic and Persian editions.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

CSS_DIR = Path(settings.STATICFILES_DIRS[0]) / "dateline" / "css"
SIDES = re.compile(r"\b(left|right)\b")
FOUR_SIDED = {"margin", "padding", "inset", "scroll-margin", "scroll-padding"}
FOUR_SIDED |= {"border-width", "border-style", "border-color"}
# (selector, property): why the rule must not mirror.
ON_PURPOSE = {
    (".multimedia-card__play::after, .video-facade__play::after", "left"): "a play glyph",
    (".multimedia-card__play::after, .video-facade__play::after", "border-left"): "points right",
    (".video-facade__play::after", "left"): "resets the glyph's physical offset",
}


def declarations(css: str):
    """(selector, property, value) of every declaration, inside @media blocks too."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        selector = " ".join(selector.split())
        for declaration in body.split(";"):
            if ":" in declaration:
                prop, value = (part.strip() for part in declaration.split(":", 1))
                yield selector, prop.lower(), value


def physical(prop: str, value: str) -> bool:
    if SIDES.search(prop) or SIDES.search(value):
        return True
    parts = value.replace("!important", "").split()
    if prop in FOUR_SIDED and len(parts) == 4:
        return parts[1] != parts[3]
    if prop == "border-radius" and "/" not in value:
        # two or more corners that differ: top-left and top-right are not the same
        return len(parts) >= 2 and len(set(parts)) > 1
    return False


def test_the_checker_catches_physical_layout():
    css = (
        ".a { margin-left: 1rem; } .b { float: right; } .c { text-align: left }"
        ".d { margin: 0 1rem 0 2rem; } @media (min-width: 40rem) { .e { right: 0; } }"
        ".ok { margin-inline-start: 1rem; padding: 0 1rem; text-align: start; }"
        ".ok2 { inset: 0 1rem 0 1rem; border-radius: 50%; }"
    )
    flagged = [s for s, prop, value in declarations(css) if physical(prop, value)]

    assert flagged == [".a", ".b", ".c", ".d", ".e"]


def test_stylesheets_use_logical_properties_for_layout():
    wrong = [
        f"{path.name}: {selector} {{ {prop}: {value} }}"
        for path in sorted(CSS_DIR.glob("*.css"))
        for selector, prop, value in declarations(path.read_text())
        if physical(prop, value) and (selector, prop) not in ON_PURPOSE
    ]

    assert not wrong, "use logical properties (inline-start/end, start/end):\n" + "\n".join(wrong)


def test_arabic_script_fonts_stay_out_of_the_main_stylesheet():
    # English pages load site.css only; the @font-face rules live in fonts-arabic.css.
    assert "@font-face" not in (CSS_DIR / "site.css").read_text()
    fonts = (CSS_DIR / "fonts-arabic.css").read_text()
    assert fonts.count("unicode-range: U+0600-06FF") == fonts.count("@font-face") == 4
    for url in re.findall(r"url\(([^)]+)\)", fonts):
        assert (CSS_DIR / url).resolve().is_file(), url
