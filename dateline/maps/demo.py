"""Demo map: the invented Serrin Isles, placed in the open South Pacific far from any land.

Every place, faction and event here is fiction written for the demo; the page says so.
Three factions, areas that change hands, front lines that move, a dozen events over 60
days and a changelog.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction

from dateline.maps.models import ChangelogEntry, Faction, MapFeature, MapPage
from dateline.multimedia.models import MultimediaIndexPage
from dateline.news.models import HomePage, SectionPage

FACTIONS = {
    "council": ("Serrin Council (fictional)", "#1f5aa6"),
    "compact": ("Highland Compact (fictional)", "#c4661f"),
    "league": ("Harbour League (fictional)", "#2e7d4f"),
}
AREAS = {
    "West Serrin": [
        [-126.0, -44.6], [-125.6, -44.45], [-125.3, -44.4], [-125.3, -45.5],
        [-125.8, -45.6], [-126.1, -45.2], [-126.0, -44.6],
    ],
    "Central Serrin": [
        [-125.3, -44.4], [-124.7, -44.45], [-124.7, -45.55], [-125.3, -45.5], [-125.3, -44.4],
    ],
    "Orsen Ridge": [
        [-124.7, -44.45], [-124.1, -44.6], [-123.9, -45.0], [-124.7, -45.0], [-124.7, -44.45],
    ],
    "Port Vell": [
        [-124.7, -45.0], [-123.9, -45.0], [-124.2, -45.5], [-124.7, -45.55], [-124.7, -45.0],
    ],
    "Little Orra": [
        [-123.6, -44.55], [-123.15, -44.5], [-123.1, -44.85], [-123.5, -44.95], [-123.6, -44.55],
    ],
}  # fmt: skip
# (area, faction, first day, last day) in days from the start; None: still holds
CONTROL = [
    ("West Serrin", "council", 0, None),
    ("Central Serrin", "compact", 0, 24),
    ("Central Serrin", "council", 25, None),
    ("Orsen Ridge", "compact", 0, None),
    ("Port Vell", "league", 0, 39),
    ("Port Vell", "compact", 40, None),
    ("Little Orra", "league", 0, None),
]
FRONTS = [
    ("Ridge road front", "compact", 0, 24, [[-125.3, -44.4], [-125.28, -44.9], [-125.3, -45.5]]),
    ("Orsen Ridge front", "compact", 25, None, [[-124.7, -44.45], [-124.72, -45.0]]),
    ("Causeway front", "compact", 40, None, [[-124.72, -45.0], [-124.7, -45.55]]),
]
EVENTS = [
    (3, "clash", "Skirmish at Tallow Ford", [-125.35, -44.8],
     "Patrols exchanged fire at the ford on the ridge road; no one was reported hurt."),
    (8, "strike", "Strike on the Amber Bridge", [-125.25, -45.2],
     "A drone strike damaged the bridge that carries the ridge road over the Amber river."),
    (12, "clash", "Fighting near Cale Mill", [-125.2, -44.65],
     "Two days of fighting around the old mill on the northern road."),
    (17, "agreement", "Harvest truce in the valleys", [-125.6, -45.0],
     "Both sides agreed to let farmers bring in the barley for ten days."),
    (21, "strike", "Shelling of Cale Mill depot", [-125.15, -44.7],
     "The depot that supplied the central villages burned for a night."),
    (24, "clash", "Push across the ridge road", [-125.0, -44.9],
     "Council units crossed the ridge road at three points before dawn."),
    (30, "other", "Ferry service resumes to Little Orra", [-123.4, -44.7],
     "The weekly ferry sailed again after a month, carrying food and fuel."),
    (35, "clash", "Raid on the Port Vell road", [-124.4, -45.2],
     "A night raid cut the coast road for two days."),
    (39, "clash", "Battle for the Port Vell quays", [-124.3, -45.3],
     "League crews withdrew from the harbour after a day of fighting."),
    (44, "agreement", "Exchange of detainees at Orra Sound", [-123.7, -44.8],
     "Forty detainees went home under a deal brokered by island elders."),
    (52, "strike", "Strike on the Orsen radio mast", [-124.4, -44.7],
     "The island's only radio mast was hit; broadcasts stopped for a week."),
    (57, "agreement", "Talks open on Little Orra", [-123.35, -44.7],
     "The three factions sat at one table for the first time."),
]  # fmt: skip
CHANGELOG = [
    (0, "Map first published, with areas of control on all five districts."),
    (25, "Central Serrin changed hands: Highland Compact to Serrin Council."),
    (25, "The front moved east from the ridge road to Orsen Ridge."),
    (40, "Port Vell changed hands: Harbour League to Highland Compact."),
    (57, "Added the opening of talks on Little Orra."),
]


@transaction.atomic
def demo_maps(*, home: HomePage, seed: int, now: datetime) -> dict:
    """One illustrative map under the edition's /multimedia/ page, the same for each seed."""
    index = MultimediaIndexPage.objects.child_of(home).first()
    if index is None:
        return {"maps": 0}
    start = now.date() - timedelta(days=60)

    def day(offset: int | None):
        return None if offset is None else start + timedelta(days=offset)

    factions = {}
    for key, (name, colour) in FACTIONS.items():
        factions[key], _created = Faction.objects.get_or_create(
            name=name, defaults={"colour": colour}
        )
    page = MapPage(
        title="The Serrin Isles, day by day (illustrative map)",
        slug="serrin-isles-map",
        summary="An illustrative map of an invented island group: the places, factions "
        "and events are fiction, made for this demo. Move through 60 days of changes.",
        section=SectionPage.objects.child_of(home).filter(slug="politics").first(),
        date=now - timedelta(hours=3),
        situation_date=now.date(),
        legend_note="Illustrative demo data: the Serrin Isles and everything on this map "
        "are invented. Areas show which fictional faction holds each district.",
    )
    features = [
        MapFeature(
            kind="area",
            name=name,
            faction=factions[faction],
            valid_from=day(first),
            valid_to=day(last),
            geometry={"type": "Polygon", "coordinates": [AREAS[name]]},
        )
        for name, faction, first, last in CONTROL
    ]
    features += [
        MapFeature(
            kind="line",
            name=name,
            faction=factions[faction],
            valid_from=day(first),
            valid_to=day(last),
            geometry={"type": "LineString", "coordinates": points},
        )
        for name, faction, first, last, points in FRONTS
    ]
    features += [
        MapFeature(
            kind="event",
            name=name,
            event_type=event_type,
            valid_from=day(offset),
            description=description,
            geometry={"type": "Point", "coordinates": point},
        )
        for offset, event_type, name, point, description in EVENTS
    ]
    for order, feature in enumerate(features):
        feature.sort_order = order
    page.features = features
    page.changelog = [
        ChangelogEntry(date=day(offset), text=text, sort_order=order)
        for order, (offset, text) in enumerate(CHANGELOG)
    ]
    page.tags.add("islands", "illustrative map")
    index.add_child(instance=page)
    page.save_revision().publish(log_action=False)
    return {"maps": 1}
