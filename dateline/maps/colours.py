"""Faction colours: checking editors' hex codes and picking readable label text (WCAG 2)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
DARK, LIGHT = "#000000", "#ffffff"
# areas are drawn at this opacity over the land colour, so labels sit on the blend
AREA_OPACITY = 0.6
LAND = "#f4f1ea"


def validate_hex_colour(value: str) -> None:
    if not HEX.match(value or ""):
        raise ValidationError(
            _("Write the colour as # and six hex digits, e.g. #1f5aa6 (not “%(value)s”)."),
            params={"value": value},
        )


def rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def blend(colour: str, background: str = LAND, opacity: float = AREA_OPACITY) -> str:
    mixed = (
        round(opacity * c + (1 - opacity) * b)
        for c, b in zip(rgb(colour), rgb(background), strict=True)
    )
    return "#" + "".join(f"{c:02x}" for c in mixed)


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def label_colour(fill: str) -> str:
    """Dark or light text, whichever contrasts more with ``fill`` (always at least 4.5:1)."""
    return DARK if contrast(fill, DARK) >= contrast(fill, LIGHT) else LIGHT
