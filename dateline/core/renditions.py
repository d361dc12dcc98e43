"""Image renditions made ahead of time, so the first reader never waits for them.

When an image is uploaded or changed (its focal point, its file) and when a page is
published, a background task (django-tasks, the ``"background"`` backend) makes every
preset's renditions (``core/images.py``) for the images concerned. Renditions that exist
are found in one query and left alone, so publishing again costs little.

A page's images are found generically by ``page_images``: its image foreign keys, the
images chosen in its StreamFields (``ImageChooserBlock``, also inside StructBlocks), and
the same in its child objects (InlinePanel orderables such as gallery photos). A page type
whose pictures live elsewhere (e.g. behind another model) overrides
``BasePage.images_to_prepare()`` and adds them.
"""

from __future__ import annotations

import logging

from django.db import models, transaction
from django_tasks import task
from modelcluster.models import get_all_child_relations
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page

from dateline.core.images import IMAGE_ERRORS, image_specs, spec_filters

logger = logging.getLogger(__name__)


def _image_ids_of(obj: models.Model) -> set[int]:
    image_model = get_image_model()
    ids: set[int] = set()
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and issubclass(field.related_model, image_model):
            if value := getattr(obj, field.attname):
                ids.add(value)
        elif isinstance(field, StreamField):
            for model, pk, _path, _content_path in field.extract_references(
                getattr(obj, field.attname)
            ):
                if issubclass(model, image_model) and pk:
                    ids.add(int(pk))
    return ids


def page_image_ids(page: models.Model) -> set[int]:
    """The ids of every image ``page`` and its child objects (orderables) point to."""
    ids = _image_ids_of(page)
    for relation in get_all_child_relations(page):
        for child in getattr(page, relation.get_accessor_name()).all():
            ids |= _image_ids_of(child)
    return ids


def page_images(page: models.Model) -> list:
    ids = page_image_ids(page)
    return list(get_image_model().objects.filter(pk__in=ids)) if ids else []


def image_renditions_prepare(image) -> int:
    """Make every preset's missing renditions of ``image``; the number of specs it has."""
    filters = spec_filters(image_specs(image))
    try:
        existing = image.find_existing_renditions(*filters)  # one query
        for missing in (f for f in filters if f not in existing):
            # One at a time, not Image.create_renditions(): that one draws on a thread pool,
            # which refuses work once the interpreter is exiting, when the queue is drained
            # (tasks_drain); and one core stays free for the web server.
            image.create_rendition(missing)
    except IMAGE_ERRORS:
        logger.exception("Could not make the renditions of image %s", image.pk)
        return 0
    return len(filters)


@task(backend="background")
def renditions_prepare_task(image_ids: list[int]) -> int:
    """Background task: prepare these images' renditions; returns how many images."""
    images = get_image_model().objects.filter(pk__in=image_ids)
    return sum(1 for image in images if image_renditions_prepare(image))


@task(backend="background")
def page_renditions_prepare_task(page_id: int) -> int:
    """Background task: prepare the renditions of every image the live page shows."""
    page = Page.objects.live().filter(pk=page_id).first()
    if page is None:  # unpublished or deleted since
        return 0
    page = page.specific
    prepare = getattr(page, "images_to_prepare", None)
    images = prepare() if prepare else page_images(page)
    return sum(1 for image in images if image_renditions_prepare(image))


def image_renditions_prepare_later(image_id: int) -> None:
    """Queue the image's renditions once the current transaction commits."""
    transaction.on_commit(lambda: renditions_prepare_task.enqueue([image_id]))


def page_renditions_prepare_later(page_id: int) -> None:
    """Queue the renditions of the page's images once the current transaction commits.

    The request only queues the page id: finding the images and drawing them both happen
    on the worker."""
    transaction.on_commit(lambda: page_renditions_prepare_task.enqueue(page_id))
