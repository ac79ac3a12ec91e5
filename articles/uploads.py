"""Photo upload validation: judge a file by opening it, never by its name.

- the size limit is checked on the upload's declared size, before anything is read;
- Pillow opens the file with a whitelist of formats (JPEG, PNG, WebP, GIF);
- the pixel count is checked from the header, before the image is decoded, far below Pillow's
  decompression-bomb threshold.
"""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from PIL import Image as PILImage

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")


class PhotoField(forms.ImageField):
    default_error_messages = {
        "too_big": "文件太大（%(size)s），上限为 %(limit)s。",
        "not_image": "无法识别为图片：只接受 JPEG、PNG、WebP 和 GIF 格式的图片文件。",
        "too_many_pixels": "图片尺寸过大（%(width)s×%(height)s 像素），上限为 %(limit)s 百万像素。",
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
            with PILImage.open(source, formats=ALLOWED_FORMATS) as image:
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
                image.verify()
                data.image = image
                data.content_type = PILImage.MIME.get(image.format)
                data.photo_format = image.format
        except forms.ValidationError:
            raise
        except Exception as error:  # Pillow raises many kinds for a file that is not an image
            raise forms.ValidationError(self.error_messages["not_image"], code="not_image") from error
        finally:
            if hasattr(data, "seek") and callable(data.seek):
                data.seek(0)
        return data
