from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dateline.comments import conf
from dateline.comments.models import NAME_MAX, TEXT_MAX
from dateline.comments.text import REPLACEMENT, links_in
from dateline.core.form_renderer import FlatRenderer

UNREADABLE = _(
    "This contains characters that could not be read (shown as \ufffd). "
    "Please retype or remove them."
)


def _readable(value: str) -> str:
    if REPLACEMENT in value:
        raise forms.ValidationError(UNREADABLE, code="unreadable")
    return value


class CommentForm(forms.Form):
    default_renderer = FlatRenderer()  # the widgets' markup without a template each
    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX,
        help_text=_("Shown with your comment. Up to %(max)s characters.") % {"max": NAME_MAX},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("Never shown; used only if a moderator needs to contact you."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    text = forms.CharField(
        label=_("Comment"),
        max_length=TEXT_MAX,
        help_text=_("Plain text, up to %(max)s characters and %(links)s links.")
        % {"max": TEXT_MAX, "links": conf.MAX_LINKS},
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    token = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={"required": _("This form could not be verified. Please send it again.")},
    )
    # The honeypot: hidden from people (CSS and aria-hidden), filled by bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_name(self) -> str:
        return _readable(self.cleaned_data["name"])

    def clean_email(self) -> str:
        return _readable(self.cleaned_data["email"])

    def clean_text(self) -> str:
        text = _readable(self.cleaned_data["text"])
        count = len(links_in(text))
        if count > conf.MAX_LINKS:
            raise forms.ValidationError(
                _("Use at most %(max)s links; this comment has %(count)s.")
                % {"max": conf.MAX_LINKS, "count": count},
                code="links",
            )
        return text
