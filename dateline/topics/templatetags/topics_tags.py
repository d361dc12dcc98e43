"""In Focus in templates: ``{% glossary %}`` around a story's body, the front page block."""

from __future__ import annotations

import logging

from django import template
from django.utils.safestring import mark_safe

from dateline.topics import fragments, selectors
from dateline.topics.glossary import link_terms

register = template.Library()
logger = logging.getLogger(__name__)


class GlossaryNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        page = context.get("page")
        if page is None or not getattr(page, "glossary_links", True) or not page.locale_id:
            return html
        terms = fragments.glossary_terms(page.locale_id)
        try:
            linked = link_terms(html, terms, exclude=page.pk)
        except Exception:  # noqa: BLE001 - links are extras: a story always renders without them
            logger.exception("Glossary links skipped on page %s", page.pk)
            return html
        # link_terms copies the engine's (escaped) output and escapes all it inserts
        return mark_safe(linked)  # noqa: S308


@register.tag
def glossary(parser, token):
    """``{% glossary %}...{% endglossary %}``: link the first mention of each topic inside.

    Uses the ``page`` in the context: its edition's topics, never the page itself,
    and nothing when the page's ``glossary_links`` is off.
    """
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("Usage: {% glossary %}...{% endglossary %}")
    nodelist = parser.parse(("endglossary",))
    parser.delete_first_token()
    return GlossaryNode(nodelist)


@register.simple_tag(takes_context=True)
def in_focus_block(context) -> str:
    """The front page's In Focus block (a cached fragment), or nothing."""
    page = context.get("page")
    if page is None or page.pk is None:
        return ""
    # the fragment was rendered by the template engine, which escaped it
    return mark_safe(fragments.home_block(page))  # noqa: S308


@register.simple_tag
def story_topics(page) -> list:
    """The live In Focus topics a story is filed under, in the editor's order (one query)."""
    return selectors.story_topics(page)
