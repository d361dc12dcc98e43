"""An InlinePanel for lists of chosen topics that refuses the same topic twice.

Kept free of model imports: ``news.models`` uses it for the article's and the front
page's topics, and ``topics.models`` imports ``news``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import InlinePanel


class DistinctTopicsFormSet(BaseChildFormSet):
    """Child forms whose ``topic`` must differ; a repeat gets a message on its row.

    A database constraint would also catch repeats, but saving rows one by one
    would then fail when an editor swaps two topics (see modelcluster's commit()).
    """

    field_name = "topic"

    def clean(self):
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            chosen = form.cleaned_data.get(self.field_name)
            if chosen is None:
                continue
            if chosen.pk in seen:
                form.add_error(
                    self.field_name,
                    _("“%(title)s” is already in this list. Remove this row or choose another.")
                    % {"title": chosen.title},
                )
            seen.add(chosen.pk)
        super().clean()


class TopicLinksPanel(InlinePanel):
    """``InlinePanel`` for an ordered list of topics, each topic at most once."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = DistinctTopicsFormSet
        return options
