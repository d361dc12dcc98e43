"""Template helpers shared by every app: dates, pagination links."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from dateline.core import dates

register = template.Library()


@register.filter
def long_date(value: date | datetime | None) -> str:
    """The dateline date in the edition's calendar and digits: "Monday 22 July 2024"."""
    return dates.long_date(value)


@register.filter
def day_date(value: date | datetime | None) -> str:
    """A date without its weekday, in the edition's calendar: "22 July 2024"."""
    return dates.day_date(value)


@register.filter
def date_time(value: datetime | None) -> str:
    """A date and time of day in the edition's calendar: "22 July 2024, 09:05"."""
    return dates.date_time(value)


@register.filter
def time_ago(value: datetime | None) -> str:
    """How long ago, in the edition's words: "3 hours ago"."""
    return dates.time_ago(value)


@register.filter(is_safe=True)
def digits(value: object) -> str:
    """A number, or text without markup, in the edition's digits.

    ``{% filter digits %}{% blocktranslate count ... %}{% endfilter %}`` localises a counted
    phrase; it must not wrap markup (attribute values would change too).
    """
    return dates.localise_digits(value)


@register.simple_tag
def numbering_system() -> str:
    """The edition's digits for scripts (``Intl`` numbering system): latn, arab or arabext."""
    return dates.numbering_system()


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
