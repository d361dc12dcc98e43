"""Renditions are made ahead of time, in a background task, never during a reader's request."""

from __future__ import annotations

import threading
from unittest import mock

import pytest
from django.test import override_settings
from django_tasks import task
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from dateline.core import tasks as thread_tasks
from dateline.core.images import image_specs
from dateline.core.renditions import page_image_ids
from dateline.curation.tests.factories import pick_list
from dateline.news.tests.factories import (
    ArticlePageFactory,
    ImageFactory,
    SectionPageFactory,
    home_page,
    paragraph,
)

pytestmark = pytest.mark.django_db

Rendition = get_image_model().get_rendition_model()


def picture(**kwargs):
    return ImageFactory(file__width=kwargs.pop("width", 960), file__height=540, **kwargs)


def image_block(image) -> dict:
    return {"type": "image", "value": {"image": image.pk, "caption": "", "credit": ""}}


def test_an_uploaded_image_gets_every_preset_rendition(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = picture()

    made = set(Rendition.objects.filter(image=image).values_list("filter_spec", flat=True))
    assert made == set(image_specs(image))
    # a 960x540 picture: every preset's widths up to 960, in AVIF, WebP and JPEG
    assert len(made) == 24


def test_an_image_saved_without_a_visible_change_queues_nothing(django_capture_on_commit_callbacks):
    image = picture()

    with django_capture_on_commit_callbacks() as callbacks:
        image.save(update_fields=["title"])
    assert callbacks == []

    with django_capture_on_commit_callbacks() as callbacks:
        image.focal_point_x = 10
        image.save(update_fields=["focal_point_x"])
    assert len(callbacks) == 1


def test_the_page_walk_finds_foreign_keys_streamfield_images_and_orderables():
    home = home_page()
    section = SectionPageFactory(parent=home)
    lead, inline, unused = picture(), picture(), picture()
    article = ArticlePageFactory(
        parent=section, image=lead, body=[paragraph("Text."), image_block(inline)]
    )
    assert page_image_ids(article) == {lead.pk, inline.pk}

    # any cluster with orderables (InlinePanel children), e.g. gallery photos; here picks
    pick_image = picture()
    picks = pick_list(article, image={article: pick_image})
    assert page_image_ids(picks) == {pick_image.pk}
    assert unused.pk not in page_image_ids(article)


@pytest.fixture
def published(django_capture_on_commit_callbacks):
    """A section with a published story that has a lead image, a body image and a card
    neighbour; everything the publish queued has run."""
    with django_capture_on_commit_callbacks(execute=False):  # images: no upload task
        lead, inline, other = picture(width=1600), picture(width=1200), picture()
    section = SectionPageFactory(parent=home_page(), title="Harbours")
    ArticlePageFactory(parent=section, title="Neighbour", image=other, tags=["Ships"])
    article = ArticlePageFactory(
        parent=section,
        title="Main story",
        image=lead,
        tags=["Ships"],
        body=[paragraph("The first paragraph."), image_block(inline)],
    )
    assert not Rendition.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        for page in (section, *section.get_children().specific()):
            page.save_revision().publish()
    return article


def test_publishing_a_page_makes_the_renditions_of_its_images(published):
    for image in get_image_model().objects.all():
        made = set(Rendition.objects.filter(image=image).values_list("filter_spec", flat=True))
        assert set(image_specs(image)) <= made, image.title  # other apps may add their own


def test_no_rendition_is_made_during_a_request_for_a_published_page(client, published):
    before = Rendition.objects.count()

    def refuse(*args, **kwargs):
        raise AssertionError("an image was processed during a reader's request")

    # Filter.run is where Wagtail draws every rendition, whichever path asked for it
    with mock.patch.object(Filter, "run", refuse):
        for url in ("/", published.get_parent().url, published.url):
            response = client.get(url)
            assert response.status_code == 200, url
            assert b"<picture>" in response.content, url

    assert Rendition.objects.count() == before


GATE = threading.Event()
MARKS: list[str] = []  # tasks get JSON copies of their arguments, so they report here


@task()
def wait_for_gate() -> None:
    GATE.wait(5)


@task()
def record_thread() -> str:
    MARKS.append(threading.current_thread().name)
    return "done"


def test_the_thread_backend_runs_tasks_after_enqueue_returns():
    MARKS.clear()
    GATE.clear()
    threads = {"BACKEND": "dateline.core.tasks.ThreadBackend"}
    with override_settings(TASKS={"default": threads}):
        wait_for_gate.using(backend="default").enqueue()
        result = record_thread.using(backend="default").enqueue()
        assert MARKS == []  # queued behind the blocked task: enqueue did not wait for it
        GATE.set()
        assert thread_tasks.tasks_drain(timeout=5)

    assert MARKS == ["dateline-tasks"]
    assert result.status == "SUCCESSFUL"
