"""Small templates' HTML is kept by its inputs: the same inputs are drawn once."""

from __future__ import annotations

from unittest import mock

from django.utils import translation

from dateline.core import html_cache
from dateline.core.html_cache import rendered

NAV = "includes/main_nav.html"


def _values(current: str | None = None, tagline: str = "") -> dict:
    sections = [
        {"title": "Politics", "url": "/politics/", "path": "000100010001"},
        {"title": "<World>", "url": "/world/", "path": "000100010002"},
    ]
    if current:
        sections[0]["current"] = current
    return {
        "WAGTAIL_SITE_NAME": "Dateline",
        "home_url": "/",
        "sections": sections,
        "tagline": tagline,
    }


def test_the_same_inputs_are_drawn_once_and_new_inputs_anew():
    with mock.patch.object(
        html_cache, "render_to_string", wraps=html_cache.render_to_string
    ) as drawn:
        first = rendered(NAV, _values())
        again = rendered(NAV, _values())
        current = rendered(NAV, _values(current="page"))
        tagged = rendered(NAV, _values(tagline="Independent"))

    assert first == again and drawn.call_count == 3
    assert 'aria-current="page"' in current and "aria-current" not in first
    assert "Independent" in tagged and "&lt;World&gt;" in first  # escaped, as in a template


def test_each_language_has_its_own_markup():
    english = rendered(NAV, _values())
    with translation.override("ar"):
        arabic = rendered(NAV, _values())

    assert 'aria-label="Sections"' in english
    assert english != arabic and 'aria-label="Sections"' not in arabic


def test_holes_are_filled_escaped_on_every_render_of_the_kept_markup():
    marker = "tagline-hole-marker"
    with mock.patch.object(
        html_cache, "render_to_string", wraps=html_cache.render_to_string
    ) as drawn:
        first = rendered(
            NAV,
            {"kind": "holes"},
            context=lambda: _values(tagline=marker),
            holes={marker: "Fair & <free>"},
        )
        second = rendered(
            NAV,
            {"kind": "holes"},
            context=lambda: _values(tagline=marker),
            holes={marker: "Second"},
        )

    assert drawn.call_count == 1
    assert "Fair &amp; &lt;free&gt;" in first and marker not in first
    assert "Second" in second and "Fair" not in second


def test_a_changed_template_is_drawn_anew(monkeypatch):
    before = rendered(NAV, _values())
    monkeypatch.setattr(html_cache, "_source_digest", lambda name: "another-source")
    with mock.patch.object(
        html_cache, "render_to_string", wraps=html_cache.render_to_string
    ) as drawn:
        after = rendered(NAV, _values())

    assert drawn.call_count == 1 and after == before
