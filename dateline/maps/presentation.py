"""Everything the map page's template needs for one day, computed once per request."""

from __future__ import annotations

from django.conf import settings
from django.templatetags.static import static
from django.utils.translation import gettext as _

from dateline.maps import rendering, selectors, timeline
from dateline.maps.rendering import EVENT_COLOURS

SVG_WIDTH, SVG_HEIGHT = 800, 560


def _events(features, factions, stories, day) -> list[dict]:
    """Every event up to the map's last day, newest first; ``shown`` up to ``day``."""
    rows = []
    for feature in features:
        if feature.kind != "event":
            continue
        story = stories.get(feature.story_id)
        faction = factions.get(feature.faction_id)
        rows.append(
            {
                "date": feature.valid_from,
                "name": feature.name,
                "type": feature.event_type or "other",
                "type_label": feature.get_event_type_display() or _("Other"),
                "colour": EVENT_COLOURS.get(feature.event_type, EVENT_COLOURS["other"]),
                "description": feature.description,
                "faction": faction.name if faction else "",
                "story": story,
                "shown": feature.valid_from <= day,
            }
        )
    return sorted(rows, key=lambda row: row["date"], reverse=True)


def _legend(features, factions, day) -> dict:
    used = {}
    for feature in features:
        faction = factions.get(feature.faction_id)
        if faction is None or feature.kind == "event":
            continue
        entry = used.setdefault(faction.pk, {"faction": faction, "shown": False})
        entry["shown"] = entry["shown"] or timeline.shows_on(feature, day)
    kinds = {feature.event_type or "other" for feature in features if feature.kind == "event"}
    from dateline.maps.models import MapFeature

    labels = dict(MapFeature.EVENT_TYPES)
    return {
        "factions": sorted(used.values(), key=lambda entry: entry["faction"].name),
        "has_lines": any(feature.kind == "line" for feature in features),
        "event_types": [
            {"key": key, "label": labels.get(key, key), "colour": EVENT_COLOURS[key]}
            for key in EVENT_COLOURS
            if key in kinds
        ],
    }


def _data(features, factions, stories, span, day, request) -> dict:
    """The map's days and features for map.js, printed with json_script (escaped)."""
    return {
        "day": day.isoformat(),
        "first": span.first.isoformat(),
        "last": span.last.isoformat(),
        "changes": [change.isoformat() for change in span.changes],
        "factions": {
            str(pk): {"name": f.name, "colour": f.colour, "label": f.label_colour}
            for pk, f in factions.items()
        },
        "eventColours": EVENT_COLOURS,
        "features": [
            {
                "kind": feature.kind,
                "name": feature.name,
                "faction": str(feature.faction_id or ""),
                "from": feature.valid_from.isoformat(),
                "to": feature.valid_to.isoformat() if feature.valid_to else "",
                "type": feature.event_type,
                "typeLabel": str(feature.get_event_type_display()),
                "description": feature.description,
                "story": (
                    stories[feature.story_id].get_url(request)
                    if feature.story_id in stories
                    else ""
                ),
                "geometry": feature.geometry,
            }
            for feature in features
        ],
        "basemap": static(rendering.BASEMAP),
        "tiles": settings.DATELINE_MAP_TILES_URL,
        "attribution": settings.DATELINE_MAP_TILES_ATTRIBUTION,
    }


def map_context(page, chosen: timeline.Choice, request) -> dict:
    features = page.loaded_features
    factions = selectors.factions_of(features)
    stories = selectors.stories_of(features)
    span, day = page.span, chosen.day
    showing = [feature for feature in features if timeline.shows_on(feature, day)]
    view = rendering.viewport(features, width=SVG_WIDTH, height=SVG_HEIGHT)
    return {
        "map_day": day,
        "map_notice": chosen.notice,
        "map_span": span,
        "previous_day": span.previous(day),
        "next_day": span.next(day),
        "map_svg": {
            "width": SVG_WIDTH,
            "height": SVG_HEIGHT,
            "base": rendering.base_paths(view),
            **rendering.shapes(showing, factions, view),
        },
        "map_events": _events(features, factions, stories, day),
        "map_legend": _legend(features, factions, day),
        "map_changelog": selectors.changelog(page),
        "map_data": _data(features, factions, stories, span, day, request),
    }


def map_schema(page, request) -> list[dict]:
    from dateline.syndication.schema import map_object

    return map_object(page, request)
