from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dateline.maps import geojson


class ImportForm(forms.Form):
    layer = forms.ChoiceField(
        label=_("Layer"),
        choices=[
            (geojson.AREA, _("Areas of control (Polygon, MultiPolygon)")),
            (geojson.LINE, _("Front lines (LineString, MultiLineString)")),
            (geojson.EVENT, _("Events (Point)")),
        ],
        help_text=_("The file replaces every feature of this layer in the new draft."),
    )
    file = forms.FileField(
        label=_("GeoJSON file"),
        help_text=_(
            "A FeatureCollection. Each feature needs the properties name and valid_from "
            "(e.g. 2025-03-12); areas also a faction; optional: valid_to, description, "
            "event_type (clash, strike, agreement, other)."
        ),
    )
    entry_date = forms.DateField(
        label=_("Changelog date"),
        help_text=_("The day the changelog entry for this update carries."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    entry_text = forms.CharField(
        label=_("Changelog entry"),
        max_length=300,
        required=False,
        help_text=_(
            "e.g. 'Port Vell changed hands'. Leave empty to have one written from the "
            "changes; you can edit it in the draft before publishing."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry_date"].initial = timezone.localdate()
