"""``{% responsive_image image "preset" [alt=...] [lazy=...] [sizes=...] [class=...] %}``.

The presets and every option are described in ``dateline/core/images.py``.
"""

from __future__ import annotations

from django import template

from dateline.core.images import picture_html, single_rendition

register = template.Library()


@register.simple_tag
def responsive_image(image, preset: str, **options):
    """Wagtail's ``<picture>`` for ``image`` in ``preset``; nothing when there is no image."""
    return picture_html(image, preset, **options)


@register.simple_tag
def preset_rendition(image, preset: str, max_width: int = 1200):
    """``{% preset_rendition page.image "lead" as poster %}``: one prepared rendition
    (``.url``, ``.width``, ``.height``) for attributes that take a single URL."""
    return single_rendition(image, preset, max_width=max_width)
