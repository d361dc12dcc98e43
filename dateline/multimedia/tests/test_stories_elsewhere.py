"""Galleries and videos are stories like articles: comments, Editor's Choice, Most Viewed,
In Focus topics."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from dateline.comments.models import Comment
from dateline.comments.tests.conftest import form_data
from dateline.comments.tests.factories import CommentFactory
from dateline.curation.models import Pick
from dateline.curation.selectors import picks_for
from dateline.curation.tests.factories import pick_list, shown_titles
from dateline.multimedia.models import MultimediaTopic
from dateline.multimedia.tests.factories import (
    GalleryPageFactory,
    MultimediaIndexPageFactory,
    VideoPageFactory,
)
from dateline.news.tests.factories import ArticlePageFactory, SectionPageFactory, home_page
from dateline.popularity import windows
from dateline.popularity.backends import get_backend
from dateline.topics.tests.factories import TopicIndexPageFactory, TopicPageFactory

pytestmark = pytest.mark.django_db
ORIGIN = "http://testserver"  # browsers name the page's origin on every POST
NOW = datetime(2026, 11, 28, 10, 30, tzinfo=UTC)


@pytest.fixture
def tree():
    home = home_page()
    section = SectionPageFactory(parent=home, title="Culture")
    index = MultimediaIndexPageFactory(parent=home)
    gallery = GalleryPageFactory(parent=index, title="Lantern night", section=section)
    video = VideoPageFactory(parent=index, title="Ferry control room", section=section)
    return home, section, index, gallery, video


def test_a_reader_comments_on_a_gallery_and_approved_comments_show(client, tree):
    gallery = tree[3]
    response = client.post(f"/comments/{gallery.pk}/", form_data(gallery.pk), HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 303
    assert Comment.objects.get().page_id == gallery.pk
    CommentFactory(page=gallery, text="Beautiful photos of the quay.")

    html = client.get(gallery.url).content.decode()

    assert 'id="comments"' in html
    assert "Beautiful photos of the quay." in html
    assert "1 comment" in client.get("/multimedia/").content.decode()


def test_comments_on_a_page_that_is_not_a_story_are_refused(client, tree):
    index = tree[2]
    assert (
        client.post(f"/comments/{index.pk}/", form_data(index.pk), HTTP_ORIGIN=ORIGIN).status_code
        == 404
    )


def test_closed_comments_on_a_video_are_refused(client, tree):
    video = tree[4]
    video.comments_closed = True
    video.save()
    assert (
        client.post(f"/comments/{video.pk}/", form_data(video.pk), HTTP_ORIGIN=ORIGIN).status_code
        == 403
    )


def test_editors_pick_a_gallery_and_a_video_with_the_section_as_kicker(tree):
    home, section, _index, gallery, video = tree
    article = ArticlePageFactory(parent=section, title="An article")
    pick_list(gallery, article, video)

    picks = picks_for(home)

    assert shown_titles(picks) == ["Lantern night", "An article", "Ferry control room"]
    assert picks.shown[0].kicker == "Culture"
    Pick(page=video).clean()  # pickable: no error


def test_a_picked_gallery_shows_in_the_front_page_block(client, tree):
    pick_list(tree[3])
    html = client.get("/").content.decode()
    assert 'class="editors-choice"' in html and "Lantern night" in html


def test_picking_a_gallery_costs_no_more_queries_than_picking_an_article(
    tree, django_assert_max_num_queries
):
    home, section, _index, gallery, _video = tree
    pick_list(gallery)
    picks_for(home)  # content types cached
    with django_assert_max_num_queries(3):
        assert shown_titles(picks_for(home)) == ["Lantern night"]


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_viewed_gallery_and_video_rank_in_most_viewed(frozen, tree, settings):
    settings.DATELINE_VIEWS_FLUSH_INTERVAL = 0
    home, section, _index, gallery, video = tree
    article = ArticlePageFactory(parent=section, title="An article")
    backend = get_backend()
    backend.clear()
    backend.record(gallery.pk, NOW, 9)
    backend.record(video.pk, NOW, 5)
    backend.record(article.pk, NOW, 7)
    backend.flush()

    day = windows.windows_compute(home.path)["day"]

    assert [row["title"] for row in day] == ["Lantern night", "An article", "Ferry control room"]
    assert day[0]["url"] == gallery.url
    backend.clear()


def test_gallery_and_video_pages_carry_the_view_beacon(client, tree):
    for page in tree[3:]:
        html = client.get(page.url).content.decode()
        assert f'data-page="{page.pk}"' in html and "data-views-beacon" in html


def test_topics_list_their_galleries_and_a_gallery_lists_its_topics(client, tree):
    home, _section, index, gallery, _video = tree
    topic = TopicPageFactory(parent=TopicIndexPageFactory(parent=home), title="Port Abelle")
    gallery.multimedia_topics = [MultimediaTopic(topic=topic, sort_order=0)]
    gallery.save()

    topic_html = client.get(topic.url).content.decode()
    gallery_html = client.get(gallery.url).content.decode()

    assert "Galleries and videos" in topic_html and "Lantern night" in topic_html
    assert f'href="{topic.url}"' in gallery_html
