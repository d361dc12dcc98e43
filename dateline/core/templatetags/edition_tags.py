"""``{% edition_switcher %}``: links to the page in the other editions, or to their homes."""

from __future__ import annotations

from django import template

from dateline.core.editions import switcher_links

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def edition_switcher(context):
    return {"editions": switcher_links(context.get("request"), context.get("page"))}
