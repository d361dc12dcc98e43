"""A duration that editors type as "4:05" and the database keeps as seconds."""

from __future__ import annotations

from django import forms
from django.db import models

from dateline.multimedia.video import format_duration, parse_duration


class DurationFormField(forms.CharField):
    def prepare_value(self, value):
        if isinstance(value, int):
            return format_duration(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        return parse_duration(value)


class SecondsField(models.PositiveIntegerField):
    """Seconds in the database; "m:ss" (or plain seconds) in the admin form."""

    def formfield(self, **kwargs):
        kwargs.setdefault("form_class", DurationFormField)
        kwargs.setdefault("max_length", 12)
        defaults = {"form_class": kwargs.pop("form_class"), "max_length": kwargs.pop("max_length")}
        field = models.Field.formfield(self, **defaults, **kwargs)
        field.widget.attrs.setdefault("inputmode", "numeric")
        field.widget.attrs.setdefault("placeholder", "4:05")
        return field
