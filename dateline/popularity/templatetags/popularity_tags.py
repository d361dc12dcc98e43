"""The Most Viewed block and the article's view beacon."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe
from wagtail.models import Page

from dateline.popularity import counting, windows

register = template.Library()


@register.simple_tag(takes_context=True)
def most_viewed(context) -> str:
    """The edition's Most Viewed block (a cached fragment: one cache read when warm)."""
    page = context.get("page")
    if isinstance(page, Page) and page.depth >= 2:
        home_path = page.path[: Page.steplen * 2]
    elif context.get("request") is not None:
        home_path = windows.edition_home_path(context["request"])
    else:
        home_path = None
    # rendered by the template engine, which escaped every title
    return mark_safe(windows.block_html(home_path)) if home_path else ""  # noqa: S308


@register.simple_tag
def views_signature(page_id: int) -> str:
    return counting.page_signature(page_id)
