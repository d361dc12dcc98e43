"""Links into the news app's routes and the sections menu."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.templatetags.wagtailembeds_tags import embed_tag
from wagtail.models import Page, Site

from dateline.core.html_cache import rendered
from dateline.news import cards, fragments, navigation

register = template.Library()


@register.simple_tag
def tag_url(tag) -> str:
    return navigation.tag_url(tag.slug)


@register.simple_tag
def author_url(author) -> str:
    return navigation.author_url(author.slug)


@register.simple_tag(takes_context=True)
def main_nav(context):
    """The edition's name and its sections menu (cached, and its HTML by its inputs: no
    query and no template when warm)."""
    request = context.get("request")
    page = context.get("page")
    if page is not None and page.depth >= 2:
        home_path = page.path[: Page.steplen * 2]
    else:
        site = Site.find_for_request(request) if request is not None else None
        home_path = site.root_page.path if site is not None else None
    current = page.path if page is not None else ""
    sections = [
        {**section, "current": "page" if section["path"] == current else "true"}
        if current.startswith(section["path"])
        else section
        for section in (navigation.sections_menu(home_path) if home_path else [])
    ]
    site_settings = context.get("site_settings")
    values = {
        "WAGTAIL_SITE_NAME": context.get("WAGTAIL_SITE_NAME"),
        "home_url": navigation.edition_url(),
        "sections": sections,
        "tagline": site_settings.tagline if site_settings is not None else "",
    }
    return rendered("includes/main_nav.html", values)


@register.simple_tag(takes_context=True)
def body_embed(context, url: str) -> str:
    """Wagtail's ``{% embed url %}``, from the answers the page loaded together
    (``body_embeds``, ArticlePage.cold_parts_prepare) when it has them."""
    embed = (context.get("body_embeds") or {}).get(get_embed_hash(url))
    if embed is None:
        return embed_tag(url)  # Wagtail's own lookup (and its finder, once)
    return mark_safe(embed.html)  # noqa: S308 - the provider's HTML, as Wagtail's tag shows it


@register.simple_tag(takes_context=True)
def story_card(context, story, level=3, compact=False, large=False):
    """``{% story_card article level=3 compact=True %}``: includes/card.html for the
    story, kept in the cache while it is current (news/cards.py); ``story`` may be a
    ``CachedCard`` a selector already found."""
    if isinstance(story, cards.CachedCard):
        return story.html

    def render() -> str:
        values = {"article": story, "level": level, "compact": compact, "large": large}
        with context.push(**values):
            return context.template.engine.get_template(cards.TEMPLATE).render(context)

    request = context.get("request")
    if request is None or getattr(request, "is_preview", False):
        return mark_safe(render())  # noqa: S308 - rendered by the template engine
    card_look = cards.look(level=level, compact=compact, large=large)
    return cards.card_html(story.pk, card_look, render)


class FragmentNode(template.Node):
    def __init__(self, nodelist, name_parts, depends):
        self.nodelist, self.name_parts, self.depends = nodelist, name_parts, depends

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)  # a draft: never cached, never served
        name = ":".join(str(part.resolve(context)) for part in self.name_parts)
        depends = self.depends.resolve(context) if self.depends is not None else ()
        # the nodelist was rendered by the template engine, which escaped it
        return mark_safe(  # noqa: S308
            fragments.fragment_html(
                name, depends=depends or (), render=lambda: self.nodelist.render(context)
            )
        )


@register.tag
def story_fragment(parser, token):
    """``{% story_fragment "body" page.pk depends=tags %}...{% endstory_fragment %}``: the
    inside, cached until one of the page-cache ``tags`` (or one noted while it renders)
    is invalidated (news/fragments.py)."""
    bits = token.split_contents()[1:]
    depends = None
    if bits and bits[-1].startswith("depends="):
        depends = parser.compile_filter(bits.pop().removeprefix("depends="))
    if not bits:
        raise template.TemplateSyntaxError(
            'Usage: {% story_fragment "name" part ... depends=tags %}...{% endstory_fragment %}'
        )
    nodelist = parser.parse(("endstory_fragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, [parser.compile_filter(bit) for bit in bits], depends)
