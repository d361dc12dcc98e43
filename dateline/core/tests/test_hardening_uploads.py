"""Uploads: pictures are checked by content, and served files never run as pages of the site."""

from __future__ import annotations

import io
import struct

import pytest
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import resolve, reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from dateline.core.media import media_serve

SVG_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.domain)</script></svg>"
)


def gif_claiming(width: int, height: int) -> bytes:
    """A tiny GIF whose logical screen and image descriptor claim ``width`` x ``height``."""
    buffer = io.BytesIO()
    PILImage.new("P", (4, 4)).save(buffer, "GIF")
    data = bytearray(buffer.getvalue())
    data[6:10] = struct.pack("<HH", width, height)  # logical screen
    descriptor = data.index(b"\x2c")  # image separator
    data[descriptor + 5 : descriptor + 9] = struct.pack("<HH", width, height)
    return bytes(data)


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("chief", "chief@example.org", "pw")
    client.force_login(user)
    return client


def test_svg_is_not_an_accepted_picture_format():
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS <= 40_000_000
    assert settings.WAGTAILIMAGES_IMAGE_FORM_BASE == "dateline.core.image_forms.ImageForm"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("logo.png", SVG_SCRIPT, "does not match the file format (svg)"),
        ("logo.svg", SVG_SCRIPT, "Not a supported image format"),
        ("page.jpg", b"<html><script>alert(1)</script></html>", "Not a valid .jpeg image"),
        ("polyglot.gif", b"GIF89a/*\x00\x00*/=1;alert(1)//", "damaged or incomplete"),
        ("bomb.gif", gif_claiming(65_535, 65_535), "too many pixels"),
    ],
    ids=["svg-as-png", "svg", "html-as-jpg", "gif-js-polyglot", "gif-bomb"],
)
def test_disguised_and_hostile_pictures_are_refused(admin_client, name, data, message):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Hostile",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, data),
        },
    )

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert not get_image_model().objects.exists()


def served(tmp_path, name: str, data: bytes):
    (tmp_path / name).write_bytes(data)
    request = RequestFactory().get(f"/media/{name}")
    return media_serve(request, name, document_root=str(tmp_path))


@pytest.mark.parametrize(
    "name",
    ["page.html", "drawing.svg", "notes.txt", "layer.geojson", "data.json", "noext", "x.xhtml"],
)
def test_media_other_than_pictures_is_sent_as_a_download_that_runs_nothing(tmp_path, name):
    response = served(tmp_path, name, b"<script>alert(1)</script>")

    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


@pytest.mark.parametrize(
    ("name", "kind"), [("a.jpg", "JPEG"), ("a.png", "PNG"), ("a.webp", "WEBP")]
)
def test_pictures_in_media_are_shown_inline(tmp_path, name, kind):
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4)).save(buffer, kind)

    response = served(tmp_path, name, buffer.getvalue())

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'inline; filename="{name}"'


def test_media_outside_the_root_is_not_served(tmp_path):
    request = RequestFactory().get("/media/../../etc/passwd")
    with pytest.raises(SuspiciousFileOperation):  # Django answers 400
        media_serve(request, "../../etc/passwd", document_root=str(tmp_path))


def test_the_embedded_media_route_uses_the_safe_view():
    if not settings.DATELINE_SERVE_MEDIA:
        pytest.skip("DATELINE_SERVE_MEDIA is off: nginx serves media (deploy/)")
    assert resolve("/media/original_images/x.svg").func is media_serve


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["report.html", "chart.svg", "notes.txt"])
def test_documents_are_downloads_with_nosniff(client, name):
    document = get_document_model().objects.create(
        title="Hostile", file=ContentFile(b"<script>alert(1)</script>", name=name)
    )

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    b"".join(response.streaming_content)
