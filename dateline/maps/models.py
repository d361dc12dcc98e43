"""Maps: a multimedia story showing dated areas, front lines and events, day by day."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from dateline.maps import colours, geojson, timeline
from dateline.multimedia.models import MultimediaPage
from dateline.search.fields import NormalisedSearchField


class Faction(models.Model):
    """A side on a map (an army, an alliance, a movement), with the colour it is drawn in."""

    name = models.CharField(
        _("name"),
        max_length=120,
        unique=True,
        help_text=_("As readers see it in the legend, e.g. 'Coastal Alliance'."),
    )
    colour = models.CharField(
        _("colour"),
        max_length=7,
        validators=[colours.validate_hex_colour],
        help_text=_(
            "# and six hex digits, e.g. #1f5aa6. Labels on the map turn dark or light "
            "by themselves to stay readable on it."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("colour")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("map faction")
        verbose_name_plural = _("map factions")

    def __str__(self) -> str:
        return self.name

    @property
    def label_colour(self) -> str:
        return colours.label_colour(colours.blend(self.colour))


class MapPage(MultimediaPage):
    """An interactive map that readers move through in time; the server draws each day."""

    kind = "map"
    situation_date = models.DateField(
        _("situation as of"),
        null=True,
        blank=True,
        help_text=_(
            "The latest day the map describes, and the day readers see first. "
            "Leave empty to use the last day any feature starts or ends."
        ),
    )
    legend_note = models.TextField(
        _("legend note"),
        max_length=500,
        blank=True,
        help_text=_(
            "Printed under the legend: sources, and what the colours mean, e.g. "
            "'Areas of control according to local officials and our reporters.'"
        ),
    )
    snapshot = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("map picture"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Drawn by the site on each publication, for link previews and cards."),
    )

    content_panels = MultimediaPage.story_panels(
        MultiFieldPanel(
            [
                FieldPanel("situation_date"),
                FieldPanel("legend_note"),
                FieldPanel(
                    "image",
                    heading=_("Card picture"),
                    help_text=_(
                        "Leave empty: the site draws the map on each publication and uses "
                        "that picture on cards and link previews."
                    ),
                ),
            ],
            heading=_("Map"),
        ),
        InlinePanel(
            "features",
            heading=_("Areas, front lines and events"),
            label=_("Feature"),
            help_text=_(
                "Each feature shows from its first day to its last. To load a whole layer "
                "from a GeoJSON file, use 'Import GeoJSON' at the top of this page."
            ),
        ),
        InlinePanel(
            "changelog",
            heading=_("Changelog"),
            label=_("Entry"),
            help_text=_(
                "Public notes of each update, e.g. '12 March: Port Vell changed hands'. "
                "An import adds one for you to check."
            ),
        ),
    )
    search_fields = MultimediaPage.search_fields + [
        index.RelatedFields("features", [NormalisedSearchField("name", snippet=False)]),
    ]

    class Meta:
        verbose_name = _("map")
        verbose_name_plural = _("maps")

    def serve(self, request, *args, **kwargs):
        try:
            self.chosen = timeline.choose_date(request.GET.get("date"), self.span)
        except timeline.BadDate as error:
            context = self.get_context(request, *args, **kwargs)
            context["bad_date"] = error.message
            return TemplateResponse(request, self.get_template(request), context, status=400)
        return super().serve(request, *args, **kwargs)

    @cached_property
    def loaded_features(self) -> list:
        """Every feature with its faction and story, in three queries (or none in previews,
        where the features are the revision's, in memory)."""
        from dateline.maps import selectors

        return selectors.map_features(self)

    @cached_property
    def span(self) -> timeline.Span:
        return timeline.span(self.loaded_features, self.situation_date)

    def get_context(self, request, *args, **kwargs):
        from dateline.maps import presentation

        context = super().get_context(request, *args, **kwargs)
        chosen = getattr(self, "chosen", None) or timeline.Choice(self.span.last, "")
        context.update(presentation.map_context(self, chosen, request))
        return context

    def structured_data(self, request) -> list[dict]:
        from dateline.maps.presentation import map_schema

        return map_schema(self, request)


class MapFeature(Orderable):
    """One dated area, front line or event of a map."""

    KINDS = [
        (geojson.AREA, _("Area of control")),
        (geojson.LINE, _("Front line")),
        (geojson.EVENT, _("Event")),
    ]
    EVENT_TYPES = [
        ("clash", _("Clash")),
        ("strike", _("Strike")),
        ("agreement", _("Agreement")),
        ("other", _("Other")),
    ]

    page = ParentalKey(MapPage, on_delete=models.CASCADE, related_name="features")
    kind = models.CharField(_("kind"), max_length=10, choices=KINDS, default=geojson.AREA)
    name = models.CharField(
        _("name"), max_length=120, help_text=_("e.g. 'North Cape' or 'Shelling of the port'.")
    )
    faction = models.ForeignKey(
        Faction,
        verbose_name=_("faction"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Who holds the area or the line. Required for areas."),
    )
    valid_from = models.DateField(_("first day"), help_text=_("The day it starts to show."))
    valid_to = models.DateField(
        _("last day"),
        null=True,
        blank=True,
        help_text=_("The last day it shows. Leave empty while it still holds."),
    )
    event_type = models.CharField(
        _("event type"),
        max_length=12,
        choices=EVENT_TYPES,
        blank=True,
        help_text=_("Events only."),
    )
    description = models.TextField(
        _("description"),
        max_length=500,
        blank=True,
        help_text=_("One or two plain sentences, shown in the events table and the pop-up."),
    )
    story = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: our story about this event."),
    )
    geometry = models.JSONField(
        _("geometry"),
        help_text=_(
            'GeoJSON geometry, e.g. {"type": "Point", "coordinates": [-124.9, -45.1]} '
            "(longitude first). Areas take Polygon or MultiPolygon, front lines "
            "LineString or MultiLineString, events Point."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("name"), FieldPanel("faction")]),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
        FieldRowPanel([FieldPanel("event_type"), FieldPanel("story")]),
        FieldPanel("description"),
        FieldPanel("geometry"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("map feature")
        verbose_name_plural = _("map features")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = [_("The last day comes before the first day: swap them.")]
        if self.kind == geojson.AREA and self.faction_id is None:
            errors["faction"] = [_("Choose who holds this area.")]
        if self.kind == geojson.EVENT and not self.event_type:
            self.event_type = "other"
        if self.kind != geojson.EVENT:
            self.event_type = ""
        if self.kind in geojson.GEOMETRY_TYPES:
            try:
                self.geometry = geojson.simplify_geometry(
                    geojson.check_geometry(self.geometry, self.kind)
                )
            except geojson.Problem as problem:
                errors["geometry"] = [str(problem).capitalize() + "."]
        if errors:
            raise ValidationError(errors)

    def shows_on(self, day) -> bool:
        return timeline.shows_on(self, day)


class ChangelogEntry(Orderable):
    """A public note of one update of the map: date and text."""

    page = ParentalKey(MapPage, on_delete=models.CASCADE, related_name="changelog")
    date = models.DateField(_("date"), help_text=_("The day of the change on the ground."))
    text = models.CharField(
        _("text"),
        max_length=300,
        help_text=_("e.g. 'Port Vell changed hands: Coastal Alliance to Highland Compact.'"),
    )

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("text")])]

    class Meta(Orderable.Meta):
        verbose_name = _("changelog entry")
        verbose_name_plural = _("changelog")

    def __str__(self) -> str:
        return f"{self.date}: {self.text}"
