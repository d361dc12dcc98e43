"""The search page's GET parameters, validated: every bad value gets its own message."""

from __future__ import annotations

from django import forms
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200
SORT_RELEVANCE = "relevance"
SORT_NEWEST = "newest"
FILTERS = ("section", "tag", "topic", "author", "from", "to")


# The search page shows every field on every search: Django's widget templates (one
# template render per field and per option) cost more than the search itself, so
# these two widgets write the same HTML directly.
def _attributes(attrs: dict) -> str:
    """HTML attributes in the order and form of Django's ``attrs.html``."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


class FilterSelect(forms.Select):
    """A ``<select>`` written without the template engine (one choice at most)."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        values = self.format_value(value)
        options = []
        chosen = False
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            selected = not chosen and option_value in values
            chosen = chosen or selected
            options.append(
                f'<option value="{escape(option_value)}"{" selected" if selected else ""}>'
                f"{escape(label)}</option>"
            )
        attributes = _attributes(self.build_attrs(self.attrs, attrs))
        return mark_safe(  # noqa: S308 - every value above is escaped
            f'<select name="{escape(name)}"{attributes}>{"".join(options)}</select>'
        )


class DayInput(forms.DateInput):
    """An ``<input type="date">`` written without the template engine."""

    input_type = "date"

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        value = self.format_value(value)
        shown = "" if value is None else f' value="{escape(value)}"'
        attributes = _attributes(self.build_attrs(self.attrs, attrs))
        return mark_safe(  # noqa: S308 - every value above is escaped
            f'<input type="date" name="{escape(name)}"{shown}{attributes}>'
        )


class QueryField(forms.CharField):
    """Any text is a query; NUL characters (which PostgreSQL refuses) are dropped."""

    def to_python(self, value):
        return super().to_python(value).replace("\x00", "")


class SearchForm(forms.Form):
    """``choices`` maps each filter to its (slug, label) options in this edition."""

    q = QueryField(label=_("Search for"), required=False, strip=True)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(SORT_RELEVANCE, _("Relevance")), (SORT_NEWEST, _("Newest first"))],
        widget=FilterSelect,
    )

    def __init__(self, data, *, choices: dict[str, list[tuple[str, str]]]):
        super().__init__(data)
        self.truncated = False
        labels = {
            "section": (_("Section"), _("Any section")),
            "tag": (_("Tag"), _("Any tag")),
            "topic": (_("In Focus topic"), _("Any topic")),
            "author": (_("Author"), _("Any author")),
        }
        for name, (label, anything) in labels.items():
            self.fields[name] = forms.ChoiceField(
                label=label,
                required=False,
                choices=[("", anything), *choices.get(name, [])],
                widget=FilterSelect,
                error_messages={
                    "invalid_choice": _(
                        "There is no %(label)s “%(value)s” in this edition; "
                        "choose one from the list or leave it at “%(anything)s”."
                    )
                    % {"label": str(label).lower(), "value": "%(value)s", "anything": anything}
                },
            )
        date_help = _("A date like 2024-07-22.")
        self.fields["from"] = forms.DateField(
            label=_("From"),
            required=False,
            help_text=date_help,
            widget=DayInput,
            error_messages={"invalid": _("Enter the start date as a real date, e.g. 2024-07-22.")},
        )
        self.fields["to"] = forms.DateField(
            label=_("To"),
            required=False,
            help_text=date_help,
            widget=DayInput,
            error_messages={"invalid": _("Enter the end date as a real date, e.g. 2024-07-22.")},
        )

    def clean_q(self) -> str:
        query = self.cleaned_data.get("q") or ""
        # Very long queries are cut, not refused; the page says so (``truncated``).
        self.truncated = len(query) > MAX_QUERY_LENGTH
        return query[:MAX_QUERY_LENGTH]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        for name, day in (("from", start), ("to", end)):
            if day and day.year > 9998:  # the day after 9999-12-31 is not a date
                self.add_error(name, _("Enter a date before the year 9999."))
        if start and end and start > end:
            self.add_error("to", _("The end date is before the start date; swap them."))
        return cleaned

    def valid_data(self) -> dict:
        """What can be used even when some fields are invalid: those are left out."""
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if name not in self.errors}
