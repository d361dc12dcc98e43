"""``{% editors_choice_home %}`` and ``{% editors_choice_sidebar %}``: the cached blocks."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from dateline.curation.fragments import editors_choice_html

register = template.Library()


def _block(context, variant: str) -> str:
    page = context.get("page")
    if page is None or not getattr(page, "path", None):
        return ""
    html = editors_choice_html(page=page, variant=variant, request=context.get("request"))
    # rendered (and escaped) by the template engine in editors_choice_html
    return mark_safe(html)  # noqa: S308


@register.simple_tag(takes_context=True)
def editors_choice_home(context) -> str:
    """The front page's row of picks, or nothing when no pick shows."""
    return _block(context, "home")


@register.simple_tag(takes_context=True)
def editors_choice_sidebar(context) -> str:
    """The compact list for the sidebar of article and section pages, or nothing."""
    return _block(context, "sidebar")
