"""Links into the news app's routes and the sections menu."""

from __future__ import annotations

from django import template
from wagtail.models import Page, Site

from dateline.news import navigation

register = template.Library()


@register.simple_tag
def tag_url(tag) -> str:
    return navigation.tag_url(tag.slug)


@register.simple_tag
def author_url(author) -> str:
    return navigation.author_url(author.slug)


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    """The edition's name and its sections menu (cached; no query when warm)."""
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
    return {
        "WAGTAIL_SITE_NAME": context.get("WAGTAIL_SITE_NAME"),
        "home_url": navigation.edition_url(),
        "sections": sections,
        "tagline": site_settings.tagline if site_settings is not None else "",
    }
