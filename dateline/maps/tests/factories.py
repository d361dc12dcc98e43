"""Factories for maps: factions, and live map pages with their features and changelog."""

from __future__ import annotations

from datetime import date, timedelta

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from dateline.maps.models import ChangelogEntry, Faction, MapFeature, MapPage
from dateline.news.tests.factories import BASE_DATE

MARCH = date(2025, 3, 1)


def square(west: float, south: float, size: float = 0.5) -> dict:
    ring = [
        [west, south],
        [west + size, south],
        [west + size, south + size],
        [west, south + size],
        [west, south],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def point(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


class FactionFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Faction {n}")
    colour = "#1f5aa6"

    class Meta:
        model = Faction
        django_get_or_create = ("name",)


def area(name: str, faction: Faction, first: date, last: date | None = None, **kwargs):
    return MapFeature(
        kind="area",
        name=name,
        faction=faction,
        valid_from=first,
        valid_to=last,
        geometry=kwargs.pop("geometry", square(10, 10)),
        **kwargs,
    )


def event(name: str, day: date, event_type: str = "clash", **kwargs):
    return MapFeature(
        kind="event",
        name=name,
        event_type=event_type,
        valid_from=day,
        geometry=kwargs.pop("geometry", point(10.2, 10.2)),
        **kwargs,
    )


class MapPageFactory(wagtail_factories.PageFactory):
    """A live map; ``features=[MapFeature, ...]`` and ``changelog=[(date, text), ...]``."""

    title = factory.Sequence(lambda n: f"Map number {n}")
    summary = "Who holds what."
    date = factory.Sequence(lambda n: BASE_DATE - timedelta(hours=n))

    class Meta:
        model = MapPage

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        features = kwargs.pop("features", [])
        changelog = kwargs.pop("changelog", [])
        instance = model_class(**kwargs)
        for order, feature in enumerate(features):
            feature.sort_order = order
        instance.features = features
        instance.changelog = [
            ChangelogEntry(date=day, text=text, sort_order=n)
            for n, (day, text) in enumerate(changelog)
        ]
        parent.add_child(instance=instance)
        instance.save_revision().publish()
        return instance
