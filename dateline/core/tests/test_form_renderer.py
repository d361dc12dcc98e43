"""The flat renderer writes the same markup as Django's widget and label templates."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from dateline.comments.forms import CommentForm
from dateline.core.form_renderer import WRITERS, FlatRenderer

HOSTILE = "<b>\"Ann\" & 'Bo'</b> ش"


class EveryWidget(forms.Form):
    text = forms.CharField(max_length=10, help_text="Help")
    email = forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "data-x": '"q"'}))
    hidden = forms.IntegerField(widget=forms.HiddenInput, required=False)
    number = forms.IntegerField(min_value=1)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    site = forms.URLField(
        required=False, assume_scheme="https", widget=forms.URLInput(attrs={"disabled": True})
    )
    query = forms.CharField(widget=forms.TextInput(attrs={"type": "search", "hidden": False}))


def _rendered(form_class, renderer, **kwargs) -> list[str]:
    form = form_class(renderer=renderer, **kwargs)
    rendered = []
    for field in form:
        rendered += [str(field), field.label_tag(), field.label_tag(label_suffix="", tag="legend")]
    return rendered


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"initial": {"text": HOSTILE, "hidden": 7, "note": HOSTILE}},
        {"data": {"text": HOSTILE, "email": "not an email", "note": HOSTILE, "number": "0"}},
        {"data": {"note": "", "secret": HOSTILE, "site": "x"}, "auto_id": False},
        {"data": {"text": "ok"}, "auto_id": "field-%s", "prefix": "p"},
    ],
)
@pytest.mark.parametrize("form_class", [EveryWidget, CommentForm])
def test_flat_markup_is_what_djangos_templates_write(form_class, kwargs):
    assert _rendered(form_class, FlatRenderer(), **kwargs) == _rendered(
        form_class, DjangoTemplates(), **kwargs
    )


def test_the_comment_form_uses_no_template_for_its_fields(monkeypatch):
    def refuse(self, template_name, context, request=None):
        raise AssertionError(f"rendered through a template: {template_name}")

    monkeypatch.setattr(DjangoTemplates, "render", refuse)
    form = CommentForm(initial={"token": "t"})

    assert all(str(field).startswith(("<input", "<textarea")) for field in form)
    assert form["website"].label_tag().startswith("<label")
    assert {"django/forms/widgets/textarea.html", "django/forms/label.html"} <= set(WRITERS)
