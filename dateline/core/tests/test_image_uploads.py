"""Uploading images in the admin: bad files get a clear error in the form, never a 500."""

from __future__ import annotations

import io
import json
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db


def encoded(size=(64, 36), fmt="JPEG", mode="RGB") -> bytes:
    buffer = io.BytesIO()
    PILImage.new(mode, size, "steelblue" if mode != "1" else 1).save(buffer, fmt)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny valid PNG whose header says it is ``width`` x ``height`` (a decompression bomb
    needs no more: the decoder would allocate what the header asks for)."""
    data = bytearray(encoded((8, 8), "PNG"))
    data[16:24] = struct.pack(">II", width, height)  # IHDR width and height
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))  # IHDR checksum
    return bytes(data)


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("chief", "chief@example.org", "pw")
    client.force_login(user)
    return client


def upload(admin_client, name: str, data: bytes):
    return admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Uploaded picture",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, data),
        },
    )


def file_errors(response) -> str:
    assert response.status_code == 200  # the form comes back with its errors
    return " ".join(response.context["form"].errors.get("file", []))


def test_a_good_jpeg_is_saved(admin_client):
    response = upload(admin_client, "harbour.jpg", encoded())

    assert response.status_code == 302
    assert get_image_model().objects.get().width == 64


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bomb.png", png_claiming(20_000, 20_000), "too many pixels"),
        ("large.png", encoded((7000, 7000), "PNG", mode="1"), "too many pixels"),
        ("renamed.jpg", encoded(fmt="PNG"), "extension does not match the file format (png)"),
        ("notes.jpg", b"Minutes of the editorial meeting, not a picture.", "Upload a valid image"),
        ("truncated.jpg", encoded((800, 600))[:700], "damaged or incomplete"),
        ("truncated.png", encoded((300, 300), "PNG")[:90], "damaged or incomplete"),
        (
            "drawing.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>',
            "Not a supported image format",
        ),
    ],
    ids=["bomb", "over-40-megapixels", "png-named-jpg", "text", "cut-jpeg", "cut-png", "svg"],
)
def test_a_bad_file_is_refused_with_a_clear_error(admin_client, name, data, message):
    response = upload(admin_client, name, data)

    assert message in file_errors(response)
    assert not get_image_model().objects.exists()


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=50 * 1024)
def test_a_file_over_the_size_limit_is_refused(admin_client):
    noisy = PILImage.effect_noise((400, 400), 100).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, "JPEG", quality=95)
    assert buffer.tell() > 50 * 1024

    response = upload(admin_client, "noise.jpg", buffer.getvalue())

    assert "This file is too big" in file_errors(response)
    assert "Maximum filesize 50.0\xa0KB" in file_errors(response)
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bomb.png", png_claiming(20_000, 20_000), "too many pixels"),
        ("truncated.jpg", encoded((800, 600))[:700], "damaged or incomplete"),
    ],
)
def test_the_multiple_uploader_refuses_bad_files_too(admin_client, name, data, message):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile(name, data)},
    )

    assert response.status_code == 200
    answer = json.loads(response.content)
    assert answer["success"] is False
    assert message in answer["error_message"]
    assert not get_image_model().objects.exists()
