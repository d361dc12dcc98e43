"""Responsive image markup: <picture> with AVIF and WebP, sized, cropped, lazy or eager."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.images import ImageFile
from django.template import Context, Template
from PIL import Image as PILImage
from wagtail.images.exceptions import InvalidFilterSpecError

from dateline.core.images import (
    PRESETS,
    all_specs,
    image_specs,
    picture_html,
    prefetch_renditions_of,
    spec_filter,
)
from dateline.news.tests.factories import (
    ArticlePageFactory,
    ImageFactory,
    SectionPageFactory,
    home_page,
    paragraph,
)

pytestmark = pytest.mark.django_db


def picture(width=960, height=540, **kwargs):
    return ImageFactory(file__width=width, file__height=height, **kwargs)


def img_tag(html: str) -> str:
    return re.search(r"<img [^>]*>", html).group(0)


def attribute(tag: str, name: str) -> str | None:
    found = re.search(rf'\s{name}="([^"]*)"', tag)
    return found.group(1) if found else None


def render(source: str, **context) -> str:
    return Template("{% load dateline_images %}" + source).render(Context(context))


def test_a_card_is_a_lazy_picture_with_avif_and_webp_sources():
    html = render('{% responsive_image image "card" %}', image=picture())

    assert html.startswith("<picture>")
    assert re.search(r'<source [^>]*type="image/avif"', html)
    assert re.search(r'<source [^>]*type="image/webp"', html)
    assert html.index("image/avif") < html.index("image/webp") < html.index("<img")
    img = img_tag(html)
    assert (attribute(img, "width"), attribute(img, "height")) == ("320", "180")
    assert attribute(img, "loading") == "lazy"
    assert attribute(img, "decoding") == "async"
    assert attribute(img, "fetchpriority") is None
    assert attribute(img, "src").endswith(".jpg")
    assert re.search(r"\.jpg 320w, .*\.jpg 480w, .*\.jpg 800w", attribute(img, "srcset"))
    assert attribute(img, "sizes") == PRESETS["card"].sizes


def test_a_server_that_leaves_out_avif_offers_webp_only(settings):
    settings.DATELINE_IMAGE_SOURCE_FORMATS = ["webp"]
    image = picture()

    html = render('{% responsive_image image "card" %}', image=image)

    assert "image/avif" not in html
    assert re.search(r'<source [^>]*type="image/webp"', html)
    assert not any("avif" in spec for spec in image_specs(image))


def test_the_lead_picture_is_eager_with_high_priority_and_cropped_to_16_by_9():
    html = render('{% responsive_image image "lead" %}', image=picture(width=1000, height=1000))

    img = img_tag(html)
    assert attribute(img, "fetchpriority") == "high"
    assert attribute(img, "loading") is None
    assert (attribute(img, "width"), attribute(img, "height")) == ("480", "270")
    # a square original gives 16:9 crops up to its width, never enlarged
    assert "800w" in attribute(img, "srcset")
    assert "1200w" not in html


def test_options_override_the_preset():
    html = render(
        '{% responsive_image image "lead" lazy=True alt="" sizes="50vw" class="hero" %}',
        image=picture(),
    )

    img = img_tag(html)
    assert attribute(img, "loading") == "lazy"
    assert attribute(img, "fetchpriority") is None
    assert attribute(img, "alt") == ""
    assert attribute(img, "class") == "hero"
    assert html.count('sizes="50vw"') == 3  # both sources and the img


def test_the_alt_text_is_the_image_description_by_default():
    html = render('{% responsive_image image "body" %}', image=picture(description="Boats & nets"))

    assert attribute(img_tag(html), "alt") == "Boats &amp; nets"


def test_a_body_picture_keeps_its_shape():
    html = render('{% responsive_image image "body" %}', image=picture(width=900, height=1200))

    img = img_tag(html)
    assert (attribute(img, "width"), attribute(img, "height")) == ("480", "640")


def test_a_png_original_falls_back_to_png_so_transparency_survives():
    buffer = io.BytesIO()
    PILImage.new("RGBA", (640, 360), (0, 0, 0, 0)).save(buffer, "PNG")
    image = ImageFactory(file=ImageFile(buffer, name="logo.png"))

    html = render('{% responsive_image image "card" %}', image=image)

    assert attribute(img_tag(html), "src").endswith(".png")
    assert "image/avif" in html and "image/webp" in html


def test_no_image_renders_nothing():
    assert render('{% responsive_image None "card" %}') == ""


def test_an_unknown_preset_names_the_known_ones():
    with pytest.raises(InvalidFilterSpecError, match="use one of body, card, gallery"):
        picture_html(picture(), "banner")


def test_a_damaged_original_leaves_the_picture_out_instead_of_failing(caplog):
    image = picture()
    with image.file.storage.open(image.file.name, "wb") as handle:
        handle.write(b"\xff\xd8\xff\xe0 this is no longer a picture")

    assert picture_html(image, "card") == ""
    assert "Could not render image" in caplog.text


BOTH = '{% responsive_image a "lead" %}{% responsive_image b "card" %}'


SHARE = "fill-1200x630"


def test_the_renditions_of_several_pictures_come_in_one_query(django_assert_num_queries):
    from django.core.cache import cache
    from wagtail.images.models import Image

    lead, card = picture(), picture()
    render(BOTH, a=lead, b=card)
    lead.get_rendition(SHARE)
    cache.clear()  # the renditions exist; the pictures' and Wagtail's caches are empty
    lead, card = Image.objects.get(pk=lead.pk), Image.objects.get(pk=card.pk)

    with django_assert_num_queries(1):
        prefetch_renditions_of([(lead, ("lead",), [SHARE]), (card, ("card",), ())])
        html = render(
            '{% responsive_image a "lead" %}{% responsive_image b "card" %}', a=lead, b=card
        )
        lead.get_rendition(SHARE)
    assert html.count("<picture>") == 2
    fresh = Image.objects.get(pk=lead.pk)
    with django_assert_num_queries(0):  # kept where Wagtail looks when nothing is prefetched
        assert fresh.get_rendition(SHARE).filter_spec == SHARE


def test_pictures_and_renditions_in_the_caches_need_no_query(django_assert_num_queries):
    from wagtail.images.models import Image

    lead, card = picture(), picture()
    render(BOTH, a=lead, b=card)
    lead.get_rendition(SHARE)
    lead, card = Image.objects.get(pk=lead.pk), Image.objects.get(pk=card.pk)

    with django_assert_num_queries(0):
        prefetch_renditions_of([(lead, ("lead",), [SHARE]), (card, ("card",), ())])
        html = render(BOTH, a=lead, b=card)
        lead.get_rendition(SHARE)
    assert html.count("<picture>") == 2


def test_a_cached_rendition_carries_its_own_image_and_no_other_rendition():
    import pickle

    from django.core.cache import cache
    from wagtail.images.models import Image

    lead = picture(width=2400, height=1350)
    render('{% responsive_image a "lead" %}', a=lead)
    cache.clear()
    lead = Image.objects.get(pk=lead.pk)
    prefetch_renditions_of([(lead, ("lead",), ())])
    assert len(lead.prefetched_renditions) >= 10
    whole = len(pickle.dumps(lead.prefetched_renditions[0]))  # as Wagtail's objects stand

    rendition = lead.prefetched_renditions[0]
    Rendition = type(rendition)
    key = Rendition.construct_cache_key(lead, rendition.focal_point_key, rendition.filter_spec)
    kept = Rendition.cache_backend.get(key)  # unpickled from the cache (local memory, Redis)
    assert kept.image.pk == lead.pk and kept.image.title == lead.title
    assert not hasattr(kept.image, "prefetched_renditions")
    assert kept.file.name and kept.file.instance is kept
    stored = len(pickle.dumps(kept))
    assert stored * 3 < whole  # one rendition and its image, not the image's 10-odd others
    # the page's own objects are untouched
    assert lead.prefetched_renditions[0].image is lead


def test_each_filter_spec_is_parsed_once():
    spec = all_specs("card")[0]
    assert spec_filter(spec) is spec_filter(spec)
    assert spec_filter(spec).spec == spec


def test_renditions_per_image_stay_few():
    large = picture(width=2400, height=1600)
    demo = picture(width=1200, height=675)

    # 12 distinct sizes for a large picture, each in AVIF, WebP and JPEG
    assert len(image_specs(large)) == 36
    assert len(image_specs(demo)) == 30


@pytest.fixture
def story():
    section = SectionPageFactory(parent=home_page(), title="Harbours")
    return ArticlePageFactory(
        parent=section,
        image=picture(),
        body=[
            paragraph("The first paragraph."),
            {"type": "image", "value": {"image": picture().pk, "caption": "Nets", "credit": ""}},
        ],
    )


def test_section_cards_use_lazy_pictures(client, story):
    html = client.get(story.get_parent().url).content.decode()

    card = html[html.index('class="card__image"') :]
    card = card[: card.index("</picture>")]
    assert 'type="image/avif"' in card and 'type="image/webp"' in card
    img = img_tag(card)
    assert attribute(img, "width") and attribute(img, "height")
    assert attribute(img, "loading") == "lazy"


def test_the_article_lead_image_is_sized_eager_and_first_in_line(client, story):
    html = client.get(story.url).content.decode()

    lead = html[html.index('class="article__image"') :]
    lead_img = img_tag(lead)
    assert (attribute(lead_img, "width"), attribute(lead_img, "height")) == ("480", "270")
    assert attribute(lead_img, "fetchpriority") == "high"
    assert attribute(lead_img, "loading") is None
    body = html[html.index('class="body-image"') :]
    assert attribute(img_tag(body), "loading") == "lazy"
    assert html.count('fetchpriority="high"') == 1


# --- the picture markup's cache (core/images.py) ----------------------------------------


def fresh(image):
    from wagtail.images.models import Image

    return Image.objects.get(pk=image.pk)


def test_a_picture_shown_again_needs_no_rendition_and_reads_the_same(django_assert_num_queries):
    image = picture(description="Harbour cranes")
    first = render('{% responsive_image image "card" class="card__img" %}', image=image)
    again = fresh(image)

    with django_assert_num_queries(0):
        second = render('{% responsive_image image "card" class="card__img" %}', image=again)

    assert second == first
    assert "<picture>" in first and 'class="card__img"' in first


def test_each_set_of_options_gets_its_own_markup():
    image = picture(description="Harbour cranes")
    render('{% responsive_image image "card" %}', image=image)

    decorative = render('{% responsive_image image "card" alt="" %}', image=fresh(image))
    eager = render('{% responsive_image image "card" lazy=False %}', image=fresh(image))

    assert attribute(img_tag(decorative), "alt") == ""
    assert attribute(img_tag(eager), "fetchpriority") == "high"
    assert attribute(img_tag(eager), "alt") == "Harbour cranes"


def test_a_changed_alt_text_shows_at_once():
    image = picture(description="Harbour cranes")
    render('{% responsive_image image "card" %}', image=image)
    image.description = "Harbour cranes at dusk"
    image.save()

    html = render('{% responsive_image image "card" %}', image=fresh(image))

    assert attribute(img_tag(html), "alt") == "Harbour cranes at dusk"


def test_a_moved_focal_point_gives_new_renditions_not_the_cached_ones():
    image = picture(width=1600, height=900)
    before = render('{% responsive_image image "thumb" %}', image=image)
    image.focal_point_x, image.focal_point_y = 1500, 450
    image.focal_point_width = image.focal_point_height = 100
    image.save()

    after = render('{% responsive_image image "thumb" %}', image=fresh(image))

    assert attribute(img_tag(after), "src") != attribute(img_tag(before), "src")


def test_deleted_renditions_are_not_shown_from_the_cache():
    image = picture()
    before = render('{% responsive_image image "card" %}', image=image)
    image.renditions.all().delete()  # e.g. an operator clearing them to make them again

    after = render('{% responsive_image image "card" %}', image=fresh(image))

    assert attribute(img_tag(after), "src") != attribute(img_tag(before), "src")
    assert image.renditions.filter(file=attribute(img_tag(after), "src").split("/media/")[-1])


def test_an_image_given_renditions_gets_all_it_will_be_asked_for():
    from unittest import mock

    from wagtail.images.models import Filter, Image

    from dateline.core.images import pictures_forget

    lead = picture()
    render('{% responsive_image a "lead" %}', a=lead)
    lead.get_rendition(SHARE)  # in Wagtail's cache of renditions
    pictures_forget(lead.pk)  # the picture's markup is not: its renditions are read
    lead = Image.objects.get(pk=lead.pk)

    prefetch_renditions_of([(lead, ("lead",), [SHARE])])

    def refuse(*args, **kwargs):
        raise AssertionError("a rendition was made again")

    # Wagtail reads only the prefetched renditions of an image that has them
    with mock.patch.object(Filter, "run", refuse):
        assert lead.get_rendition(SHARE).filter_spec == SHARE
        assert "<picture>" in render('{% responsive_image a "lead" %}', a=lead)


def test_a_listing_fetches_the_renditions_of_a_picture_cached_before_its_change(
    django_assert_num_queries,
):
    from wagtail.images.models import Image

    from dateline.core.images import prefetch_renditions

    first, second = picture(), picture(width=1600, height=900)
    render(BOTH, a=first, b=second)
    render('{% responsive_image b "card" %}', b=first)
    second.focal_point_x, second.focal_point_y = 1500, 450
    second.focal_point_width = second.focal_point_height = 100
    second.save()  # its cached card markup was made with the old crop
    images = [Image.objects.get(pk=first.pk), Image.objects.get(pk=second.pk)]

    with django_assert_num_queries(1):  # the changed picture's renditions, with the others
        prefetch_renditions(images, "card")
    assert not hasattr(images[0], "prefetched_renditions")
    assert images[1].prefetched_renditions
