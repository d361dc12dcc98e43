"""Template helpers shared by every app: dates, pagination links."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

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


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        # the output was rendered (and escaped) by the template engine itself
        context[self.name] = mark_safe(self.nodelist.render(context).strip())  # noqa: S308
        return ""


@register.tag
def capture(parser, token):
    """``{% capture as name %}...{% endcapture %}``: render once, keep the (stripped) output.

    Lets a template leave out a landmark, e.g. the sidebar, when every block in it is empty.
    """
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}...{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
