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
from django.core.cache import cache
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.db.models.base import ModelState
from django.utils.safestring import SafeString, mark_safe
from PIL import Image as PILImage
from PIL import UnidentifiedImageError
from wagtail.images import get_image_model
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.models import AbstractImage, AbstractRendition, Filter, Picture
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
    """Fetch the presets' renditions of every image in one query (images may repeat); an
    image whose pictures in these presets are all cached (``pictures_prefetch``) needs none."""
    missing = pictures_prefetch(images, *preset_names)
    if missing:
        prefetch_related_objects(missing, renditions_prefetch(*preset_names))


# --- The picture markup's sources, cached per image and preset ---------------------------
#
# Building a <picture> from renditions asks the storage for some 36 URLs and Wagtail for as
# many filter and cache-key lookups: about half a millisecond per picture, and a listing or
# a story shows 15 to 50 of them. What the markup needs of each rendition (its spec, URL,
# width and height) is kept per image and preset, with what it was made from, and so is
# the finished markup for each set of options asked (alt text, class, sizes, loading; a
# few per image), made by Wagtail's own ``Picture`` and ``img_tag``. A changed file, focal
# point, size or list of formats makes a different stamp, so an outdated entry is never
# used; an alt text read from the image is part of the options; deleted renditions forget
# their image's entries (core/signal_handlers.py).

PICTURE_KEY = "images:picture:1:{pk}:{preset}"  # the number: the shape of an entry
PICTURE_TIMEOUT = 7 * 24 * 3600
_PICTURES = "_dateline_pictures"  # on an image: its entries read in this request
PICTURE_VARIANTS = 8  # markups kept per image and preset (alt text, class, sizes, loading)


class PictureSource:
    """A rendition as a ``<picture>`` reads it: URL, size, and the image's alt text."""

    __slots__ = ("url", "width", "height", "image")
    alt = AbstractRendition.alt
    attrs_dict = AbstractRendition.attrs_dict
    img_tag = AbstractRendition.img_tag

    def __init__(self, url: str, width: int, height: int, image: AbstractImage):
        self.url, self.width, self.height, self.image = url, width, height, image


def _image_alt(image: AbstractImage) -> str:
    """The alt text Wagtail's renditions give ``image`` (``AbstractRendition.alt``)."""
    return AbstractRendition.alt.fget(PictureSource("", 0, 0, image))


def _picture_stamp(image: AbstractImage, specs: list[str]) -> tuple:
    focal = (image.focal_point_x, image.focal_point_y)
    focal += (image.focal_point_width, image.focal_point_height)
    return (image.file.name, image.width, image.height, focal, tuple(specs))


def _picture_key(image: AbstractImage, preset_name: str) -> str:
    return PICTURE_KEY.format(pk=image.pk, preset=preset_name)


def pictures_prefetch(images: Iterable[AbstractImage], *preset_names: str) -> list:
    """Read the cached picture sources of ``images`` in the presets, in one cache read;
    return the images that lack one (their renditions are still needed)."""
    keys: dict[str, list] = {}  # images may repeat, as several objects of one image
    for image in images:
        if image is not None and image.pk is not None:
            for name in preset_names:
                keys.setdefault(_picture_key(image, name), []).append((image, name))
    found = cache.get_many(list(keys)) if keys else {}
    missing = {}
    for key, uses in keys.items():
        for image, name in uses:
            image.__dict__.setdefault(_PICTURES, {})[name] = found.get(key)
            if _picture_entry(image, name, preset_get(name).specs_for(image)) is None:
                missing[id(image)] = image  # not cached, or made from the image as it was
    return list(missing.values())


def _picture_entry(image: AbstractImage, preset_name: str, specs: list[str]) -> dict | None:
    """The cached entry of ``image`` in the preset, if it was made from the image as it is."""
    read = image.__dict__.setdefault(_PICTURES, {})
    if preset_name not in read:
        read[preset_name] = cache.get(_picture_key(image, preset_name))
    entry = read[preset_name]
    if not isinstance(entry, dict) or entry.get("stamp") != _picture_stamp(image, specs):
        return None
    return entry


def _picture_entry_make(image: AbstractImage, preset_name: str, specs: list[str]) -> dict:
    """Renditions' URLs and sizes; raises what Pillow raises for a broken original."""
    renditions = get_renditions_or_not_found(image, spec_filters(specs))
    rows = [(spec, r.url, r.width, r.height) for spec, r in renditions.items()]
    entry = {"stamp": _picture_stamp(image, specs), "rows": rows, "html": {}}
    # Wagtail's stand-in for a missing original (get_renditions_or_not_found): shown, not kept
    entry["keep"] = all(r.file.name != "not-found" for r in renditions.values())
    return entry


def pictures_forget(image_pk: int) -> None:
    """Forget an image's cached picture sources in every preset."""
    cache.delete_many([PICTURE_KEY.format(pk=image_pk, preset=name) for name in PRESETS])


def prefetch_renditions_of(
    wanted: Iterable[tuple[AbstractImage | None, Iterable[str], Iterable[str]]],
) -> None:
    """Fetch the renditions several images will need, each for its own uses, in one query.

    ``wanted`` gives each image with the presets it will be shown in and any other filter
    specs it will be asked for: a page's lead picture ``(image, ("lead",), [SHARE_SPEC])``,
    a card's ``(image, ("card", "lead"), ())``. Pictures whose markup is cached in those
    presets (``pictures_prefetch``) and other specs in Wagtail's renditions cache need
    nothing; for the rest, each image gets every found rendition of the specs asked for any
    of them, in the attribute Wagtail's ``get_rendition(s)`` reads first; a spec with no
    rendition yet is made on request, as without the prefetch."""
    Rendition = get_image_model().get_rendition_model()
    by_presets: dict[tuple[str, ...], list] = {}
    others: dict[str, tuple] = {}  # Wagtail's cache key of each other spec: (image, spec)
    for image, presets, other_specs in wanted:
        if image is None:
            continue
        by_presets.setdefault(tuple(presets), []).append(image)
        for spec in other_specs:
            focal_point_key = spec_filter(spec).get_cache_key(image)
            others[Rendition.construct_cache_key(image, focal_point_key, spec)] = (image, spec)
    needed: dict[int, tuple] = {}  # by object: (image, specs)
    for presets, images_shown in by_presets.items():
        for image in pictures_prefetch(images_shown, *presets) if presets else ():
            needed.setdefault(id(image), (image, set()))[1].update(all_specs(*presets))
    # An image given prefetched renditions must have all it will be asked for among them:
    # Wagtail then looks nowhere else (and would make a missing one again).
    unsure = {key: use for key, use in others.items() if id(use[0]) not in needed}
    cached_others = Rendition.cache_backend.get_many(list(unsure)) if unsure else {}
    for key, (image, spec) in others.items():
        if key not in cached_others:
            needed.setdefault(id(image), (image, set()))[1].add(spec)
    images = [image for image, _specs in needed.values()]
    specs = {spec for _image, image_specs_needed in needed.values() for spec in image_specs_needed}
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


_NOT_CACHED = frozenset({"_state", "prefetched_renditions", "_prefetched_objects_cache", _PICTURES})


def _detached(instance: models.Model) -> models.Model:
    """A copy of a model object without its prefetched or related objects, whose files
    are named, not shared (a ``FieldFile`` refers to the object it came from)."""
    clone = instance.__class__.__new__(instance.__class__)
    clone.__dict__ = {
        name: value
        for name, value in instance.__dict__.items()
        if name not in _NOT_CACHED and not name.startswith("_dateline_")  # per-request memos
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
    specs = preset.specs_for(image)
    attrs = {key.replace("_", "-"): value for key, value in attrs.items()}
    if alt is not None:
        attrs["alt"] = alt
    attrs["sizes"] = sizes or preset.sizes
    if preset.lazy if lazy is None else lazy:
        attrs.update(loading="lazy", decoding="async")
    else:
        attrs["fetchpriority"] = "high"
    # the markup for these options, the image's own alt text included when it shows
    variant = repr((sorted(attrs.items()), None if alt is not None else _image_alt(image)))
    try:
        entry = _picture_entry(image, preset_name, specs)
        if entry is None:
            entry = _picture_entry_make(image, preset_name, specs)
        elif variant in entry["html"]:
            return mark_safe(entry["html"][variant])  # noqa: S308 - made below, escaped
    except IMAGE_ERRORS:
        # A broken or oversized original must not break the page: leave the picture out.
        logger.exception("Could not render image %s in preset %r", image.pk, preset_name)
        return mark_safe("")
    renditions = {
        spec: PictureSource(url, width, height, image) for spec, url, width, height in entry["rows"]
    }
    html = Picture(renditions, attrs).__html__()  # Wagtail escapes the attributes
    if entry.pop("keep", True) and len(entry["html"]) < PICTURE_VARIANTS:
        entry["html"][variant] = html
        image.__dict__.setdefault(_PICTURES, {})[preset_name] = entry
        cache.set(_picture_key(image, preset_name), entry, PICTURE_TIMEOUT)
    return mark_safe(html)  # noqa: S308
