"""A form renderer that writes Django's plain widget and label markup in Python.

Django renders each widget through two templates (the widget's own and attrs.html): on
a cold story page the comment form's six widgets and its label took about 2 ms of the
template engine, a tenth of the page. The templates of plain inputs, textareas and
labels are simple enough to write out directly, character for character the same
(core/tests/test_form_renderer.py compares the two); every other template still goes
to Django's renderer. A form opts in with ``default_renderer = FlatRenderer()``.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def _text(value) -> str:
    return conditional_escape("%s" % (value,))  # the templates' |stringformat:'s'  # noqa: UP031


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: ``True`` as a bare name, ``False`` left out."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(context: dict) -> str:
    widget = context["widget"]
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    kind, name = conditional_escape(widget["type"]), conditional_escape(widget["name"])
    return f'<input type="{kind}" name="{name}"{value}{_attrs(widget["attrs"])}>'


def _textarea(context: dict) -> str:
    widget = context["widget"]
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    name = conditional_escape(widget["name"])
    return f'<textarea name="{name}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


def _label(context: dict) -> str:
    label = conditional_escape(context["label"])
    if not context["use_tag"]:
        return label
    tag = conditional_escape(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{label}</{tag}>"


WRITERS = {
    **{
        f"django/forms/widgets/{kind}.html": _input
        for kind in ("input", "text", "email", "hidden", "number", "password", "url", "search")
    },
    "django/forms/widgets/textarea.html": _textarea,
    "django/forms/label.html": _label,
}


class FlatRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None) -> SafeString:
        write = WRITERS.get(template_name)
        if write is None:
            return super().render(template_name, context, request)
        return mark_safe(write(context))  # noqa: S308 - every value escaped above
