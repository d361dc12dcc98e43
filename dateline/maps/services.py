"""State changes of maps: importing a GeoJSON layer as a draft, drawing the preview picture."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Collection

from dateline.core.templatetags.dateline_tags import long_date
from dateline.maps import geojson, rendering, selectors, timeline
from dateline.maps.models import ChangelogEntry, Faction, MapFeature, MapPage

LAYER_NAMES = {
    geojson.AREA: _("Areas"),
    geojson.LINE: _("Front lines"),
    geojson.EVENT: _("Events"),
}
SNAPSHOT_COLLECTION = "Maps (drawn by the site)"
CHANGELOG_MAX = 300


def describe_changes(old: list, new: list[geojson.FeatureData], *, kind: str) -> str:
    """A changelog line for an import: who gained what, what is new, what went away.

    ``old`` are the layer's MapFeature rows (with ``faction``), ``new`` the upload's features.
    Returns "" when nothing changed.
    """
    before = {feature.name: feature for feature in old}
    after = {feature.name: feature for feature in new}
    parts = []
    for name, feature in after.items():
        previous = before.get(name)
        if previous is None:
            continue
        old_faction = previous.faction.name if previous.faction_id else ""
        if old_faction != feature.faction and old_faction and feature.faction:
            parts.append(
                _("%(name)s changed hands (%(old)s to %(new)s)")
                % {"name": name, "old": old_faction, "new": feature.faction}
            )
    added = [name for name in after if name not in before]
    removed = [name for name in before if name not in after]
    if added:
        parts.append(_("new: %(names)s") % {"names": ", ".join(added)})
    if removed:
        parts.append(_("removed: %(names)s") % {"names": ", ".join(removed)})
    if not parts:
        redrawn = [
            name
            for name, feature in after.items()
            if (before[name].geometry, before[name].valid_from, before[name].valid_to)
            != (feature.geometry, feature.valid_from, feature.valid_to)
        ]
        if not redrawn:
            return ""
        parts.append(_("updated: %(names)s") % {"names": ", ".join(redrawn)})
    text = f"{LAYER_NAMES[kind]}: " + "; ".join(parts) + "."
    return text if len(text) <= CHANGELOG_MAX else text[: CHANGELOG_MAX - 1] + "…"


@transaction.atomic
def map_import_layer(
    *,
    page: MapPage,
    kind: str,
    raw: bytes,
    user,
    entry_date: date,
    entry_text: str = "",
) -> tuple[object, str]:
    """Replace one layer of the map's latest draft with an uploaded GeoJSON file.

    The result is a new draft revision: the live page is untouched until an editor
    publishes. Raises ``geojson.GeoJSONError`` (and writes nothing) when the file is refused.
    Returns the revision and the changelog line added ("" when nothing changed).
    """
    parsed = geojson.parse_layer(
        raw,
        kind=kind,
        factions=selectors.faction_names(),
        max_features=settings.DATELINE_MAP_MAX_FEATURES,
        max_bytes=settings.DATELINE_MAP_MAX_MB * 1024 * 1024,
    )
    factions = {faction.name: faction for faction in Faction.objects.all()}
    draft = page.get_latest_revision_as_object()
    current = list(draft.features.all())
    old = [feature for feature in current if feature.kind == kind]
    by_id = {faction.pk: faction for faction in factions.values()}
    for feature in old:
        feature.faction = by_id.get(feature.faction_id)
    kept = [feature for feature in current if feature.kind != kind]
    new = [
        MapFeature(
            kind=kind,
            name=data.name,
            faction=factions.get(data.faction),
            valid_from=data.valid_from,
            valid_to=data.valid_to,
            event_type=data.event_type,
            description=data.description,
            geometry=data.geometry,
        )
        for data in parsed
    ]
    for order, feature in enumerate(kept + new):
        feature.sort_order = order
    draft.features = kept + new
    text = (entry_text or "").strip()[:CHANGELOG_MAX] or describe_changes(old, parsed, kind=kind)
    if text:
        draft.changelog = list(draft.changelog.all()) + [
            ChangelogEntry(date=entry_date, text=text, sort_order=len(draft.changelog.all()))
        ]
    revision = draft.save_revision(user=user, log_action=True)
    return revision, text


def _snapshot_collection():
    root = Collection.get_first_root_node()
    found = root.get_children().filter(name=SNAPSHOT_COLLECTION).first()
    return found or root.add_child(name=SNAPSHOT_COLLECTION)


def map_snapshot_refresh(*, page_id: int):
    """Draw the live map's latest day as a PNG for cards and link previews.

    One picture per map, redrawn in place on each publication. It becomes the card picture
    unless the editor chose another one. Returns the image, or None for a missing page.
    """
    page = MapPage.objects.filter(pk=page_id).select_related("snapshot").first()
    if page is None:
        return None
    features = selectors.map_features(page)
    factions = selectors.factions_of(features)
    day = page.span.last
    showing = [feature for feature in features if timeline.shows_on(feature, day)]
    caption = _("%(title)s: the situation on %(day)s") % {
        "title": page.title,
        "day": long_date(day),
    }
    png = rendering.draw_png(showing, factions, caption=caption)
    image = page.snapshot
    if image is None:
        image = get_image_model()(collection=_snapshot_collection())
    else:
        image.renditions.all().delete()
        if image.file:
            image.file.delete(save=False)
    image.title = (_("Map: %(title)s") % {"title": page.title})[:200]
    image.description = caption[:255]
    image.file.save(f"map-{page.pk}.png", ContentFile(png), save=False)
    image.width, image.height = 1200, 630
    image._set_image_file_metadata()
    image.save()
    updates = {"snapshot_id": image.pk}
    if page.image_id is None or page.image_id == page.snapshot_id:
        updates["image_id"] = image.pk
    MapPage.objects.filter(pk=page.pk).update(**updates)
    return image
