"""The admin's image upload form: Wagtail's checks, plus a full decode of the file.

Wagtail (``WagtailImageField``) already refuses, by content and not by name: a file that is
not an image, a file whose content does not match its extension (a PNG named .jpg), a
format outside ``WAGTAILIMAGES_EXTENSIONS`` (SVG here), a file over
``WAGTAILIMAGES_MAX_UPLOAD_SIZE`` and a picture over ``WAGTAILIMAGES_MAX_IMAGE_PIXELS``
(also when Pillow itself calls it a decompression bomb). It does not decode the pixels,
though: a damaged file could be accepted and then fail each time a rendition is made, and
a truncated JPEG makes its pixel check raise a server error. This field decodes the whole
picture once, at upload (the pixel limit bounds the memory that takes), and turns any
failure into an error in the form. The single and the multiple upload views both use it
(``WAGTAILIMAGES_IMAGE_FORM_BASE``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from dateline.core.images import IMAGE_ERRORS

DAMAGED = _(
    "This image file is damaged or incomplete, so it cannot be shown. "
    "Export it again from your photo editor, or upload another copy."
)


def image_file_decode(file) -> None:
    """Decode every pixel of ``file``; raises ``ValidationError`` when the data is broken."""
    file.seek(0)
    try:
        with PILImage.open(file) as picture:
            if picture.format == "JPEG":
                # decode at 1/8 scale: every byte is still read, in a fraction of the time
                picture.draft("RGB", (picture.width // 8, picture.height // 8))
            for frame in range(getattr(picture, "n_frames", 1)):
                picture.seek(frame)
                picture.load()
    except PILImage.DecompressionBombError:
        raise ValidationError(
            _("This picture has too many pixels to be opened safely."), code="file_too_many_pixels"
        ) from None
    except (*IMAGE_ERRORS, SyntaxError, ValueError, EOFError):
        raise ValidationError(DAMAGED, code="image_damaged") from None
    finally:
        file.seek(0)


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, with a full decode, and no 500 when Pillow fails mid-check
    (Wagtail's pixel check decodes a truncated JPEG and lets its OSError through)."""

    def to_python(self, data):
        try:
            file = super().to_python(data)
        except IMAGE_ERRORS:
            raise ValidationError(DAMAGED, code="image_damaged") from None
        if file is not None:
            image_file_decode(file)
        return file


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:  # the multiple uploader's edit form has none
            wagtail_field = self.fields["file"]
            self.fields["file"] = CheckedImageField(
                label=wagtail_field.label,
                required=wagtail_field.required,
                widget=wagtail_field.widget,
            )
