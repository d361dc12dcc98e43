"""The search page's GET parameters, validated: every bad value gets its own message."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200
SORT_RELEVANCE = "relevance"
SORT_NEWEST = "newest"
FILTERS = ("section", "tag", "topic", "author", "from", "to")


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
            widget=forms.DateInput(attrs={"type": "date"}),
            error_messages={"invalid": _("Enter the start date as a real date, e.g. 2024-07-22.")},
        )
        self.fields["to"] = forms.DateField(
            label=_("To"),
            required=False,
            help_text=date_help,
            widget=forms.DateInput(attrs={"type": "date"}),
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
