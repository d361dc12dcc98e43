"""Importing a GeoJSON layer: a new draft, never the live map; refused files change nothing."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dateline.maps import geojson, services
from dateline.maps.models import MapPage
from dateline.maps.tests.factories import FactionFactory, MapPageFactory, area, square
from dateline.multimedia.tests.factories import MultimediaIndexPageFactory
from dateline.news.tests.factories import home_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_map():
    north = FactionFactory(name="North", colour="#1f5aa6")
    FactionFactory(name="South", colour="#c4661f")
    index = MultimediaIndexPageFactory(parent=home_page())
    return MapPageFactory(
        parent=index,
        slug="valley",
        situation_date=date(2025, 3, 20),
        features=[area("Old Town", north, date(2025, 3, 1)), area("Hill", north, date(2025, 3, 1))],
    )


def upload(*features) -> bytes:
    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "geometry": square(*where),
                    "properties": {"name": name, "faction": faction, "valid_from": "2025-03-01"},
                }
                for name, faction, where in features
            ],
        }
    ).encode()


def live_areas(page) -> dict:
    page = MapPage.objects.get(pk=page.pk)
    return {feature.name: feature.faction.name for feature in page.features.all()}


def test_an_import_makes_a_draft_and_leaves_the_live_map_alone(live_map, admin_user, client):
    revision, text = services.map_import_layer(
        page=live_map,
        kind="area",
        raw=upload(("Old Town", "South", (10, 10)), ("Lake", "South", (12, 10))),
        user=admin_user,
        entry_date=date(2025, 3, 21),
    )

    assert text == "Areas: Old Town changed hands (North to South); new: Lake; removed: Hill."
    draft = revision.as_object()
    assert {f.name: f.faction.name for f in draft.features.all()} == {
        "Old Town": "South",
        "Lake": "South",
    }
    assert [(e.date, e.text) for e in draft.changelog.all()] == [(date(2025, 3, 21), text)]
    assert live_areas(live_map) == {"Old Town": "North", "Hill": "North"}
    html = client.get("/multimedia/valley/").content.decode()
    assert "Lake" not in html
    assert MapPage.objects.get(pk=live_map.pk).has_unpublished_changes


def test_publishing_the_draft_shows_the_imported_layer(live_map, admin_user, client):
    revision, _text = services.map_import_layer(
        page=live_map, kind="area", raw=upload(("Lake", "South", (12, 10))),
        user=admin_user, entry_date=date(2025, 3, 21),
    )  # fmt: skip

    revision.publish()

    assert live_areas(live_map) == {"Lake": "South"}
    assert "Lake" in client.get("/multimedia/valley/").content.decode()


def test_an_editor_written_changelog_entry_wins(live_map, admin_user):
    revision, text = services.map_import_layer(
        page=live_map, kind="area", raw=upload(("Lake", "South", (12, 10))),
        user=admin_user, entry_date=date(2025, 3, 21), entry_text="12 March: the lake fell.",
    )  # fmt: skip

    assert text == "12 March: the lake fell."


def test_a_refused_upload_writes_nothing(live_map, admin_user):
    revisions = live_map.revisions.count()
    broken = upload(("Old Town", "East", (10, 10)))

    with pytest.raises(geojson.GeoJSONError) as caught:
        services.map_import_layer(
            page=live_map, kind="area", raw=broken, user=admin_user, entry_date=date(2025, 3, 21)
        )

    assert caught.value.errors == ["feature 0: faction “East” is unknown (known: North, South)"]
    assert live_map.revisions.count() == revisions
    assert live_areas(live_map) == {"Old Town": "North", "Hill": "North"}
    assert not MapPage.objects.get(pk=live_map.pk).has_unpublished_changes


def map_section(client) -> str:
    """The map, legend and events as readers get them (the comment form's token varies)."""
    html = client.get("/multimedia/valley/").content.decode()
    return html.split("data-map", 1)[1].split("</section>", 1)[0]


def post_import(client, page, raw: bytes, layer="area"):
    return client.post(
        f"/admin/maps/{page.pk}/import/",
        {
            "layer": layer,
            "file": SimpleUploadedFile("layer.geojson", raw, "application/geo+json"),
            "entry_date": "2025-03-21",
        },
    )


def test_the_admin_import_view_shows_every_problem_and_saves_nothing(
    live_map, admin_client, client
):
    before = map_section(client)
    bad = json.loads(upload(("Old Town", "South", (10, 10)), ("Hill", "South", (11, 10))))
    bad["features"][1]["geometry"]["coordinates"][0][-1] = [99, 9]

    response = post_import(admin_client, live_map, json.dumps(bad).encode())

    assert response.status_code == 400
    html = response.content.decode()
    assert "feature 1: ring 0 is not closed" in html
    assert live_map.revisions.count() == 1
    assert map_section(client) == before


def test_the_admin_import_view_redirects_to_the_draft(live_map, admin_client):
    response = post_import(admin_client, live_map, upload(("Lake", "South", (12, 10))))

    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{live_map.pk}/edit/"
    assert live_map.revisions.count() == 2


def test_the_edit_page_offers_the_import_button(live_map, admin_client):
    html = admin_client.get(f"/admin/pages/{live_map.pk}/edit/").content.decode()

    assert f"/admin/maps/{live_map.pk}/import/" in html
    assert "Import GeoJSON" in html


def test_only_editors_of_the_page_may_import(live_map, client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("reader", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    assert client.get(f"/admin/maps/{live_map.pk}/import/").status_code in (302, 403)


def test_the_admin_preview_renders_the_draft_map(live_map, admin_client):
    services.map_import_layer(
        page=live_map, kind="area", raw=upload(("Lake", "South", (12, 10))),
        user=live_map.owner or None, entry_date=date(2025, 3, 21),
    )  # fmt: skip

    response = admin_client.get(f"/admin/pages/{live_map.pk}/view_draft/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg class="map-svg"' in html and "<title>Lake (South)</title>" in html
