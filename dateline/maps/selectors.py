"""Reads of a map's features, factions and changelog: a fixed number of queries."""

from __future__ import annotations

from django.apps import apps
from wagtail.models import Page


def _model(name: str):
    return apps.get_model("maps", name)


def _editor_order(feature) -> tuple:
    return (feature.sort_order or 0, feature.pk or 0)


def map_features(page) -> list:
    """The map's features in editor order, with their factions. On a live page: one
    query. In a preview they come from the revision, in memory."""
    return sorted(page.features.select_related("faction"), key=_editor_order)


def features_prefetch(pages) -> None:
    """The features (with their factions) of several saved map pages in one query, kept
    as each page's ``loaded_features``: an article's map blocks cost one query in all."""
    pages = [page for page in pages if page is not None and "loaded_features" not in vars(page)]
    if not pages:
        return
    by_page: dict[int, list] = {page.pk: [] for page in pages}
    found = _model("MapFeature").objects.filter(page__in=list(by_page)).select_related("faction")
    for feature in found:
        by_page[feature.page_id].append(feature)
    for page in pages:
        vars(page)["loaded_features"] = sorted(by_page[page.pk], key=_editor_order)


def factions_of(features) -> dict:
    """The factions the features use, by id: those loaded with the features, else one
    query (none when there are none)."""
    ids = {feature.faction_id for feature in features if feature.faction_id}
    field = _model("MapFeature").faction.field
    loaded = {
        feature.faction_id: field.get_cached_value(feature)
        for feature in features
        if feature.faction_id and field.is_cached(feature)
    }
    if ids <= set(loaded):
        return loaded
    return _model("Faction").objects.in_bulk(ids)


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
