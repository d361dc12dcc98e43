"""Reads of a map's features, factions and changelog: a fixed number of queries."""

from __future__ import annotations

from django.apps import apps
from wagtail.models import Page


def _model(name: str):
    return apps.get_model("maps", name)


def map_features(page) -> list:
    """The map's features in editor order. On a live page: one query. In a preview they
    come from the revision, in memory."""
    return sorted(
        page.features.all(), key=lambda feature: (feature.sort_order or 0, feature.pk or 0)
    )


def factions_of(features) -> dict:
    """The factions the features use, by id (one query, none when there are none)."""
    ids = {feature.faction_id for feature in features if feature.faction_id}
    return _model("Faction").objects.in_bulk(ids) if ids else {}


def stories_of(features) -> dict:
    """The live stories the events link to, by id (one query, none when there are none)."""
    ids = {feature.story_id for feature in features if feature.story_id}
    if not ids:
        return {}
    return Page.objects.live().only("title", "url_path", "path", "depth").in_bulk(ids)


def changelog(page) -> list:
    """Newest first."""
    return sorted(
        page.changelog.all(), key=lambda entry: (entry.date, entry.sort_order or 0), reverse=True
    )


def faction_names() -> list[str]:
    return list(_model("Faction").objects.values_list("name", flat=True))
