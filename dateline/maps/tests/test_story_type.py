"""A map is a multimedia story: listed, filtered, picked, counted, searched, mapped, shared."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from PIL import Image as PILImage

from dateline.comments.models import Comment
from dateline.comments.tests.conftest import form_data
from dateline.curation.models import Pick
from dateline.curation.selectors import picks_for
from dateline.curation.tests.factories import pick_list, shown_titles
from dateline.maps.models import MapPage
from dateline.maps.tests.factories import FactionFactory, MapPageFactory, area, event
from dateline.multimedia.tests.factories import GalleryPageFactory, MultimediaIndexPageFactory
from dateline.news.tests.factories import (
    ArticlePageFactory,
    ImageFactory,
    SectionPageFactory,
    home_page,
)
from dateline.popularity import windows
from dateline.popularity.backends import get_backend

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 28, 10, 30, tzinfo=UTC)


@pytest.fixture
def tree():
    home = home_page()
    section = SectionPageFactory(parent=home, title="World")
    index = MultimediaIndexPageFactory(parent=home)
    faction = FactionFactory(name="North", colour="#1f5aa6")
    the_map = MapPageFactory(
        parent=index,
        title="Valley map",
        slug="valley",
        section=section,
        situation_date=date(2025, 3, 20),
        features=[area("Old Town", faction, date(2025, 3, 1)), event("Clash", date(2025, 3, 4))],
    )
    return home, section, index, the_map


def test_maps_are_listed_with_galleries_and_filtered_by_kind(client, tree):
    index = tree[2]
    GalleryPageFactory(parent=index, title="A gallery")

    everything = client.get("/multimedia/")
    maps = client.get("/multimedia/?kind=map")

    assert {s.title for s in everything.context["page_obj"].object_list} == {
        "Valley map",
        "A gallery",
    }
    assert [s.title for s in maps.context["page_obj"].object_list] == ["Valley map"]
    assert maps.context["page_obj"].object_list[0].kind == "map"
    html = maps.content.decode()
    assert 'href="/multimedia/?kind=map" aria-current="page">Maps</a>' in html
    assert '<p class="multimedia-card__label">\n      \n        Map\n      \n    </p>' in html or (
        "card--map" in html and ">\n        Map\n" in html
    )


def test_publishing_draws_the_map_picture_used_on_cards_and_link_previews(client, tree):
    the_map = MapPage.objects.get(pk=tree[3].pk)

    assert the_map.snapshot is not None and the_map.image_id == the_map.snapshot_id
    with the_map.snapshot.open_file() as handle:
        picture = PILImage.open(handle)
        assert (picture.format, picture.size) == ("PNG", (1200, 630))
    html = client.get("/multimedia/valley/").content.decode()
    assert '<meta property="og:image" content="http://localhost/media/images/' in html
    assert "summary_large_image" in html


def test_republishing_redraws_the_same_picture_and_keeps_an_editors_own(tree):
    the_map = MapPage.objects.get(pk=tree[3].pk)
    snapshot = the_map.snapshot_id
    the_map.save_revision().publish()
    assert MapPage.objects.get(pk=the_map.pk).snapshot_id == snapshot

    own = ImageFactory()
    the_map = MapPage.objects.get(pk=the_map.pk)
    the_map.image = own
    the_map.save_revision().publish()

    the_map = MapPage.objects.get(pk=the_map.pk)
    assert (the_map.image_id, the_map.snapshot_id) == (own.pk, snapshot)


def test_editors_pick_a_map(tree):
    home, _section, _index, the_map = tree
    pick_list(the_map)

    assert shown_titles(picks_for(home)) == ["Valley map"]
    Pick(page=the_map).clean()  # pickable: no error


def test_readers_comment_on_a_map(client, tree):
    the_map = tree[3]
    response = client.post(
        f"/comments/{the_map.pk}/", form_data(the_map.pk), HTTP_ORIGIN="http://testserver"
    )

    assert response.status_code == 303
    assert Comment.objects.get().page_id == the_map.pk


def test_a_viewed_map_ranks_in_most_viewed(tree, settings):
    settings.DATELINE_VIEWS_FLUSH_INTERVAL = 0
    home, section, _index, the_map = tree
    ArticlePageFactory(parent=section, title="An article")
    with time_machine.travel(NOW, tick=False):
        backend = get_backend()
        backend.clear()
        backend.record(the_map.pk, NOW, 9)
        backend.flush()
        day = windows.windows_compute(home.path)["day"]
        backend.clear()

    assert [row["title"] for row in day] == ["Valley map"]


def test_maps_are_in_the_multimedia_sitemap_only(client, tree):
    the_map = tree[3]
    url = f"http://localhost{the_map.url}"

    assert url in client.get("/sitemap-multimedia.xml").content.decode()
    assert url not in client.get("/sitemap-pages.xml").content.decode()


def test_search_finds_a_map_by_headline_and_feature_name(client, tree):
    from wagtail.search import index as search_index

    search_index.insert_or_update_object(tree[3])

    for query in ("Valley", "Old Town"):
        response = client.get("/search/", {"q": query})
        assert [r.page.pk for r in response.context["results"]] == [tree[3].pk], query


def test_an_article_body_shows_a_map_for_a_day_with_a_link(client, tree):
    _home, section, _index, the_map = tree
    article = ArticlePageFactory(
        parent=section,
        body=[
            {"type": "paragraph", "value": "<p>Text.</p>"},
            {
                "type": "map",
                "value": {"page": the_map.pk, "date": "2025-03-02", "caption": "The valley."},
            },
        ],
    )

    html = client.get(article.url).content.decode()

    assert '<figure class="map-block">' in html
    assert 'data-feature="area"' in html and 'data-feature="event"' not in html  # 2 March
    assert 'href="/multimedia/valley/?date=2025-03-02"' in html
    assert "The valley." in html
