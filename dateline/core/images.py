"""Responsive images: the named presets every template uses, and their markup.

ARCHITECTURE.md gives "responsive image helpers" to ``multimedia``; they live in ``core``
instead because news, curation, topics and multimedia all show pictures, and an app may
import ``core`` but not another app.

In a template::

    {% load dateline_images %}
    {% responsive_image page.image "lead" %}                    {# eager, fetchpriority=high #}
    {% responsive_image article.image "card" alt="" %}          {# lazy, decorative #}
    {% responsive_image photo.image "gallery" class="gallery__photo" sizes="100vw" %}

The tag renders Wagtail's ``<picture>`` markup (``wagtail.images.models.Picture``): an AVIF
and a WebP ``<source>`` with a ``srcset`` of the preset's widths and its ``sizes``, then an
``<img>`` in JPEG (PNG for PNG and GIF originals, which may be transparent) with ``width``
and ``height``, so the browser reserves the space before the file arrives. Options:
``alt`` (default: the image's own alt text; ``alt=""`` for a decorative picture),
``lazy`` (default: the preset's; ``lazy=False`` for a picture at the top of the page),
``sizes`` (default: the preset's), and any other HTML attribute (``class``, ``id``, ...).
A lazy picture gets ``loading="lazy" decoding="async"``; an eager one ``fetchpriority="high"``.

Listings fetch every picture's renditions in one query: on a queryset,
``.prefetch_related(renditions_prefetch("card", lookup="image__renditions"))``; on a list of
images, ``prefetch_renditions(images, "card")``. The background task in
``core/renditions.py`` makes every preset's renditions when an image is uploaded or a page
is published, so readers never wait for image processing (30 to 36 files per picture: up
to 12 sizes, each in AVIF, WebP and the fallback format).

Fill crops keep Wagtail's default closeness (no ``-c``): each width is the same crop,
centred on the image's focal point, only scaled, so the ``srcset`` candidates agree.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.db.models.base import ModelState
from django.utils.safestring import SafeString, mark_safe
from PIL import Image as PILImage
from PIL import UnidentifiedImageError
from wagtail.images import get_image_model
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.models import AbstractImage, Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

logger = logging.getLogger(__name__)

SOURCE_FORMATS = ("avif", "webp")  # every modern format offered, in order of preference


def source_formats() -> tuple[str, ...]:
    """The modern formats offered before the fallback (setting ``DATELINE_IMAGE_FORMATS``).

    AVIF is the smallest but about ten times slower to encode than WebP; a small server
    may leave it out."""
    return tuple(settings.DATELINE_IMAGE_SOURCE_FORMATS)


FALLBACK_FORMATS = ("jpeg", "png")
TRANSPARENT_SUFFIXES = {".png", ".gif"}  # originals that may have an alpha channel
# What may go wrong when Pillow decodes a stored original that upload validation never saw
# (an image stored before the limits, or a file damaged on disk).
IMAGE_ERRORS = (PILImage.DecompressionBombError, UnidentifiedImageError, OSError)


@dataclass(frozen=True)
class ImagePreset:
    """One way of showing a picture: how it is resized, at which widths, at what size."""

    name: str
    resize: str  # "fill" (crop to ``ratio``), "width" (keep the shape), "max" (fit a square)
    widths: tuple[int, ...]  # ascending
    sizes: str
    ratio: tuple[int, int] | None = None
    lazy: bool = True

    def operation(self, width: int) -> str:
        if self.resize == "fill":
            across, down = self.ratio
            return f"fill-{width}x{round(width * down / across)}"
        if self.resize == "max":
            return f"max-{width}x{width}"
        return f"width-{width}"

    def widths_for(self, image: AbstractImage) -> tuple[int, ...]:
        """The widths this image really has: Wagtail never enlarges, so a candidate
        wider than the original would repeat the largest one in the ``srcset``."""
        largest = image.width or 0
        if self.resize == "fill":
            across, down = self.ratio
            largest = min(largest, (image.height or 0) * across // down)
        elif self.resize == "max":  # the box is square: its side limits the longer edge
            largest = max(largest, image.height or 0)
        fitting = tuple(width for width in self.widths if width <= largest)
        return fitting or self.widths[:1]

    def specs_for(self, image: AbstractImage) -> list[str]:
        """The filter specs of this image's renditions: sources first, the fallback last."""
        formats = (*source_formats(), fallback_format(image))
        widths = self.widths_for(image)
        return [f"{self.operation(width)}|format-{fmt}" for fmt in formats for width in widths]

    def all_specs(self) -> list[str]:
        """Every spec any image may need for this preset (for prefetching)."""
        formats = (*source_formats(), *FALLBACK_FORMATS)
        return [f"{self.operation(width)}|format-{fmt}" for fmt in formats for width in self.widths]


PRESETS: dict[str, ImagePreset] = {
    preset.name: preset
    for preset in (
        # The picture at the top of an article, and the front page's lead story.
        ImagePreset(
            "lead",
            "fill",
            (480, 800, 1200, 1600),
            "(min-width: 64rem) 50rem, 100vw",
            ratio=(16, 9),
            lazy=False,
        ),
        # Story cards and Editor's Choice (shares 480 and 800 with "lead").
        ImagePreset(
            "card",
            "fill",
            (320, 480, 800),
            "(min-width: 64rem) 17rem, (min-width: 40rem) 50vw, 100vw",
            ratio=(16, 9),
        ),
        # Small squares: author photos, list thumbnails.
        ImagePreset("thumb", "fill", (160, 320), "10rem", ratio=(1, 1)),
        # Pictures inside the body, at their own shape.
        ImagePreset("body", "width", (480, 800, 1200), "(min-width: 48rem) 42rem, 100vw"),
        # Gallery photos: the whole picture, portrait or landscape, within a square.
        ImagePreset("gallery", "max", (800, 1600), "(min-width: 72rem) 72rem, 100vw"),
    )
}


def preset_get(name: str) -> ImagePreset:
    try:
        return PRESETS[name]
    except KeyError:
        known = ", ".join(sorted(PRESETS))
        raise InvalidFilterSpecError(
            f"Unknown image preset {name!r}; use one of {known}."
        ) from None


def fallback_format(image: AbstractImage) -> str:
    """PNG for originals that may be transparent (the only format that keeps it), else JPEG."""
    suffix = PurePath(image.file.name or "").suffix.lower()
    return "png" if suffix in TRANSPARENT_SUFFIXES else "jpeg"


@functools.lru_cache(maxsize=1024)
def spec_filter(spec: str) -> Filter:
    """One parsed ``Filter`` per spec, shared by every request.

    Wagtail parses a spec's operations once per ``Filter`` object (each operation through
    ``inspect.getcallargs``), and ``get_renditions`` makes a new one for every spec string
    it is given: a story page asks for about 200 specs (a ``srcset`` of up to 12 widths in
    three formats per picture), which cost a cold render more than its SQL. A ``Filter``
    keeps nothing per image or request once its operations are parsed."""
    return Filter(spec=spec)


def spec_filters(specs: Iterable[str]) -> list[Filter]:
    return [spec_filter(spec) for spec in specs]


def all_specs(*preset_names: str) -> list[str]:
    names = preset_names or tuple(PRESETS)
    return list(dict.fromkeys(spec for name in names for spec in preset_get(name).all_specs()))


def image_specs(image: AbstractImage, *preset_names: str) -> list[str]:
    """Every rendition spec ``image`` needs for the named presets (all presets by default)."""
    names = preset_names or tuple(PRESETS)
    return list(dict.fromkeys(spec for name in names for spec in preset_get(name).specs_for(image)))


def renditions_prefetch(*preset_names: str, lookup: str = "renditions") -> Prefetch:
    """A ``Prefetch`` of the presets' renditions into the attribute Wagtail reads first;
    e.g. ``queryset.prefetch_related(renditions_prefetch("card", lookup="image__renditions"))``."""
    return Prefetch(
        lookup,
        queryset=get_image_model()
        .get_rendition_model()
        .objects.filter(filter_spec__in=all_specs(*preset_names)),
        to_attr="prefetched_renditions",
    )


def prefetch_renditions(images: Iterable[AbstractImage], *preset_names: str) -> None:
    """Fetch the presets' renditions of every image in one query (images may repeat)."""
    prefetch_related_objects(list(images), renditions_prefetch(*preset_names))


def prefetch_renditions_of(wanted: Iterable[tuple[AbstractImage, Iterable[str]]]) -> None:
    """Fetch the renditions of several images, each with its own specs, in one query.

    ``wanted`` pairs an image with the filter specs it will be asked for (e.g. a page's
    lead picture with ``all_specs("lead")`` and its share image, a card's with
    ``all_specs("card")``). Each image gets every found rendition of the specs asked for
    any of them, in the attribute Wagtail's ``get_rendition(s)`` reads first; a spec with
    no rendition yet is made on request, as without the prefetch."""
    images: list[AbstractImage] = []
    specs: set[str] = set()
    for image, image_specs_wanted in wanted:
        if image is not None:
            images.append(image)
            specs.update(image_specs_wanted)
    if not images or not specs:
        return
    found: dict[int, list] = {image.pk: [] for image in images}
    renditions = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(image_id__in=found, filter_spec__in=specs)
    )
    for rendition in renditions:
        found[rendition.image_id].append(rendition)
    Rendition = get_image_model().get_rendition_model()
    cached = {}
    for image in images:
        light_image = None
        for rendition in found[image.pk]:
            rendition.image = image  # its alt text and focal point: no query
            focal_point_key = spec_filter(rendition.filter_spec).get_cache_key(image)
            if rendition.focal_point_key == focal_point_key:
                key = Rendition.construct_cache_key(image, focal_point_key, rendition.filter_spec)
                light_image = light_image or _detached(image)
                cached[key] = _detached(rendition)
                cached[key].image = light_image
        image.prefetched_renditions = list(found[image.pk])
    # Kept where Wagtail looks when nothing is prefetched (it caches what it reads from the
    # database): the next render, its fragments cached, finds the lead picture there. Each
    # copy holds its own image and no other: the image a page's renditions share holds them
    # all (``prefetched_renditions``), and a file field's value points back at its object;
    # pickled as they were, each of a story's 50-odd renditions carried every other, and
    # caching them cost a cold render more than its queries.
    Rendition.cache_backend.set_many(cached)


_NOT_CACHED = frozenset({"_state", "prefetched_renditions", "_prefetched_objects_cache"})


def _detached(instance: models.Model) -> models.Model:
    """A copy of a model object without its prefetched or related objects, whose files
    are named, not shared (a ``FieldFile`` refers to the object it came from)."""
    clone = instance.__class__.__new__(instance.__class__)
    clone.__dict__ = {
        name: value for name, value in instance.__dict__.items() if name not in _NOT_CACHED
    }
    clone._state = ModelState()
    clone._state.db, clone._state.adding = instance._state.db, False
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.FileField):
            clone.__dict__[field.attname] = getattr(instance, field.attname).name
    return clone


def single_rendition(image: AbstractImage | None, preset_name: str, *, max_width: int = 1200):
    """One rendition of ``image`` from the preset, in its fallback format, at the preset's
    largest width up to ``max_width``: for places that take a single URL, such as a
    video's ``poster``. It is one of the files the background task prepares."""
    if not image:
        return None
    preset = preset_get(preset_name)
    widths = [width for width in preset.widths_for(image) if width <= max_width]
    width = widths[-1] if widths else preset.widths_for(image)[0]
    try:
        return image.get_rendition(f"{preset.operation(width)}|format-{fallback_format(image)}")
    except IMAGE_ERRORS:
        logger.exception("Could not render image %s in preset %r", image.pk, preset_name)
        return None


def picture_html(
    image: AbstractImage | None,
    preset_name: str,
    *,
    alt: str | None = None,
    lazy: bool | None = None,
    sizes: str | None = None,
    **attrs,
) -> SafeString:
    """The ``<picture>`` for ``image`` in the named preset (empty without an image)."""
    preset = preset_get(preset_name)
    if not image:
        return mark_safe("")
    try:
        renditions = get_renditions_or_not_found(
            image, spec_filters(image_specs(image, preset_name))
        )
    except IMAGE_ERRORS:
        # A broken or oversized original must not break the page: leave the picture out.
        logger.exception("Could not render image %s in preset %r", image.pk, preset_name)
        return mark_safe("")
    attrs = {key.replace("_", "-"): value for key, value in attrs.items()}
    if alt is not None:
        attrs["alt"] = alt
    attrs["sizes"] = sizes or preset.sizes
    if preset.lazy if lazy is None else lazy:
        attrs.update(loading="lazy", decoding="async")
    else:
        attrs["fetchpriority"] = "high"
    return mark_safe(Picture(renditions, attrs).__html__())  # noqa: S308 - Wagtail escapes attrs
