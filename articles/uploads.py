"""Photo upload validation: judge a file by opening it, never by its name. Every image field of the
project (article photos, author photos, page scans) is a PhotoModelField, so every admin form
that takes an image applies the same checks:

- the size limit is checked on the upload's declared size, before anything is read;
- Pillow opens the file with a whitelist of formats (JPEG, PNG, WebP, GIF);
- the pixel count is checked from the header, before the image is decoded, far below Pillow's
  decompression-bomb threshold;
- the image is then decoded (JPEG at an eighth of its size, which reads all of its data), so a
  truncated or corrupt file is refused here instead of failing later, when renditions are made;
- the stored name takes the extension of the format found: a GIF named .pdf is stored as .gif.
"""

import warnings
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.db import models
from django.template.defaultfilters import filesizeformat
from PIL import Image as PILImage

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


class PhotoField(forms.ImageField):
    default_error_messages = {
        "too_big": "文件太大（%(size)s），上限为 %(limit)s。",
        "not_image": "无法识别为图片：只接受 JPEG、PNG、WebP 和 GIF 格式的图片文件。",
        "too_many_pixels": "图片尺寸过大（%(width)s×%(height)s 像素），上限为 %(limit)s 百万像素。",
        "broken": "图片文件不完整或已损坏，无法读取，请重新导出后上传。",
    }

    def to_python(self, data):
        if data in self.empty_values:
            return None
        limit = settings.PHOTO_MAX_BYTES
        if data.size is not None and data.size > limit:
            raise forms.ValidationError(
                self.error_messages["too_big"],
                code="too_big",
                params={"size": filesizeformat(data.size), "limit": filesizeformat(limit)},
            )
        source = data.temporary_file_path() if hasattr(data, "temporary_file_path") else data
        try:
            photo_format = self.check(source)
        finally:
            if hasattr(data, "seek") and callable(data.seek):
                data.seek(0)
        data.content_type = PILImage.MIME.get(photo_format)
        data.photo_format = photo_format
        data.name = f"{PurePath(data.name or 'photo').stem or 'photo'}.{EXTENSIONS[photo_format]}"
        return data

    def check(self, source):
        """The image's format, or a ValidationError saying what is wrong with it."""
        try:
            with warnings.catch_warnings():
                # Pillow warns of a large image when it opens it; the pixel check below refuses
                # it with a clearer message, far below Pillow's own limit.
                warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
                image = PILImage.open(source, formats=ALLOWED_FORMATS)
        except Exception as error:  # Pillow raises many kinds for a file that is not an image
            raise forms.ValidationError(self.error_messages["not_image"], code="not_image") from error
        with image:
            width, height = image.size
            if width * height > settings.PHOTO_MAX_PIXELS:
                raise forms.ValidationError(
                    self.error_messages["too_many_pixels"],
                    code="too_many_pixels",
                    params={
                        "width": width,
                        "height": height,
                        "limit": settings.PHOTO_MAX_PIXELS // 1_000_000,
                    },
                )
            try:
                if image.format == "JPEG":
                    image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                image.load()
            except Exception as error:  # truncated data, a broken stream
                raise forms.ValidationError(self.error_messages["broken"], code="broken") from error
            return image.format


class PhotoModelField(models.ImageField):
    """An ImageField whose forms check uploads as PhotoField does."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhotoField, **kwargs})
