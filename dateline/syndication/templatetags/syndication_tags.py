"""``{% page_meta %}``: canonical URL, description, OpenGraph, Twitter card, feeds, JSON-LD."""

from __future__ import annotations

from django import template

from dateline.syndication.metadata import head_metadata
from dateline.syndication.schema import json_ld_script

register = template.Library()


@register.inclusion_tag("includes/meta.html", takes_context=True)
def page_meta(context, tag=None, author=None):
    """The page's metadata; the home page's tag and author routes pass ``tag`` or ``author``."""
    meta = head_metadata(
        context.get("request"),
        context.get("page"),
        page_obj=context.get("page_obj"),
        tag=tag,
        author=author,
    )
    scripts = [json_ld_script(text) for text in meta["json_ld"]] if meta else []
    return {"meta": meta, "json_ld": scripts}
