"""Photo renditions: three widths, WebP with a JPEG fallback, made once when a photo is saved.

django-imagekit's Optimistic strategy generates them on save and never checks for them when a
page asks for a URL, so no request ever resizes a photo. Renditions are turned upright by the
photo's EXIF orientation and carry none of its metadata (GPS position, camera): public pages
link renditions only, never the uploaded original.
"""

from imagekit import ImageSpec, register
from imagekit.processors import ResizeToFit, Transpose

WIDTHS = (320, 640, 1280)
FORMATS = (("webp", "WEBP", "image/webp"), ("jpeg", "JPEG", "image/jpeg"))


def spec_id(width, fmt):
    return f"articles:photo_{width}_{fmt}"


def field_name(width, fmt):
    return f"rendition_{width}_{fmt}"


def _make_spec(width, image_format):
    class PhotoRendition(ImageSpec):
        processors = [Transpose(), ResizeToFit(width, upscale=False)]
        format = image_format
        options = {"quality": 82}

    return PhotoRendition


# The rendition search engines and sharing previews get (og:image, JSON-LD).
SHARED = (1280, "jpeg")


for _width in WIDTHS:
    for _fmt, _format, _mime in FORMATS:
        register.generator(spec_id(_width, _fmt), _make_spec(_width, _format))
