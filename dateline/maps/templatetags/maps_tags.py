"""The map block of article bodies: one map drawn for one day, with a link to explore it."""

from __future__ import annotations

from django import template

from dateline.maps import presentation, rendering, selectors, timeline

register = template.Library()


@register.simple_tag(takes_context=True)
def map_figure(context, page, day=None) -> dict | None:
    """The SVG shapes of ``page`` (a MapPage) on ``day`` (default: its latest day)."""
    page = getattr(page, "specific", page)
    if page is None or not page.live or not hasattr(page, "loaded_features"):
        return None
    span = page.span
    day = min(max(day, span.first), span.last) if day else span.last
    features = page.loaded_features
    showing = [feature for feature in features if timeline.shows_on(feature, day)]
    view = rendering.viewport(
        features, width=presentation.SVG_WIDTH, height=presentation.SVG_HEIGHT
    )
    svg = {
        "width": presentation.SVG_WIDTH,
        "height": presentation.SVG_HEIGHT,
        "base": rendering.base_paths(view),
        **rendering.shapes(showing, selectors.factions_of(features), view),
    }
    url = page.get_url(context.get("request"))
    return {
        "page": page,
        "day": day,
        "svg": svg,
        "url": f"{url}?date={day.isoformat()}",
        "id": f"map-block-{page.pk}-{day:%Y%m%d}",
    }
