"""The admin form of a list: checks that span its picks, with messages that say what to do."""

from __future__ import annotations

from django.forms.formsets import DELETION_FIELD_NAME
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

DUPLICATE = _("This story is already in the list. Remove one of the two picks.")
PAST_EXPIRY = _("The expiry must be in the future. Clear it to keep the pick until you remove it.")


class PickListForm(WagtailAdminModelForm):
    def clean(self):
        cleaned_data = super().clean()
        picks = self.formsets.get("picks")
        if picks is not None:
            self._check_picks(picks)
        return cleaned_data

    def _check_picks(self, picks) -> None:
        now = timezone.now()
        seen: set[int] = set()
        for form in picks.forms:
            # is_valid() runs the pick's own checks first; errors added after it stick,
            # and the formset then reports the pick as invalid.
            if not form.is_valid() or form.cleaned_data.get(DELETION_FIELD_NAME):
                continue
            page = form.cleaned_data.get("page")
            if page is not None and page.pk in seen:
                form.add_error("page", DUPLICATE)
            elif page is not None:
                seen.add(page.pk)
            expires_at = form.cleaned_data.get("expires_at")
            # Only a newly entered expiry must lie ahead: a pick that has since expired
            # must not stop the editor saving the rest of the list.
            if expires_at is not None and expires_at <= now and _expiry_changed(form, expires_at):
                form.add_error("expires_at", PAST_EXPIRY)


def _expiry_changed(form, expires_at) -> bool:
    before = form.initial.get("expires_at")
    if before is None:
        return True
    # The admin widget shows minutes, so an unchanged value comes back without seconds.
    return expires_at != before.replace(second=0, microsecond=0) and expires_at != before
