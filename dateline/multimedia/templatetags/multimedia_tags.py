"""Multimedia in templates: the front page strip, topic lists, durations."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from dateline.multimedia import fragments, selectors
from dateline.multimedia.video import format_duration

register = template.Library()


@register.simple_tag(takes_context=True)
def multimedia_strip(context) -> str:
    """The front page's newest galleries and videos (a cached fragment), or nothing."""
    page = context.get("page")
    if page is None or page.pk is None:
        return ""
    # the fragment was rendered by the template engine, which escaped it
    return mark_safe(fragments.home_strip(page))  # noqa: S308


@register.simple_tag
def multimedia_topics(page) -> list:
    """The live In Focus topics a gallery or video is filed under (one query)."""
    return selectors.story_topics(page)


@register.inclusion_tag("multimedia/topic_stories.html")
def topic_multimedia(topic) -> dict:
    """A topic page's galleries and videos, newest first; nothing when it has none."""
    return {"stories": selectors.topic_stories(topic)}


@register.simple_tag
def multimedia_card_label(kind: str) -> str:
    """What a card of another registered kind says ("Map"), see kinds.register_kind."""
    from dateline.multimedia.kinds import CARD_LABELS

    return CARD_LABELS.get(kind, "")


register.filter("duration", format_duration)
