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
