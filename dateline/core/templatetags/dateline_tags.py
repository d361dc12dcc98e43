"""Template helpers shared by every app: dates, pagination links."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import formats, timezone
from django.utils.http import urlencode

register = template.Library()


@register.filter
def long_date(value: datetime | None) -> str:
    """Format a date the way the newsroom prints it: "Monday 22 July 2024"."""
    if value is None:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "l j F Y")


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """The current URL's query string with ``page`` replaced."""
    params = context["request"].GET.copy()
    params["page"] = number
    return "?" + urlencode(sorted(params.lists()), doseq=True)


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    """The edition's name and its sections (two queries, none for the home URL)."""
    from wagtail.models import Page, Site

    request = context.get("request")
    page = context.get("page")
    home = context.get("home")
    if home is None and page is not None and page.depth >= 2:
        home = page if page.depth == 2 else Page.objects.filter(path=page.path[:8]).first()
    if home is None and request is not None:
        site = Site.find_for_request(request)
        home = site.root_page if site else None
    sections = []
    if home is not None:
        from django.apps import apps

        sections = (
            apps.get_model("news", "SectionPage")
            .objects.live()
            .in_menu()
            .child_of(home)
            .order_by("path")
        )
    site_settings = context.get("settings")
    tagline = ""
    if site_settings is not None and request is not None:
        tagline = site_settings["core"]["SiteSettings"].tagline
    return {
        "WAGTAIL_SITE_NAME": context.get("WAGTAIL_SITE_NAME"),
        "home_url": home.get_url(request) if home is not None else "/",
        "sections": sections,
        "tagline": tagline,
        "current_pk": getattr(page, "pk", None),
        "current_section_path": page.path[:12] if page is not None else None,
        "request": request,
    }
