"""The page images the reader's page view shows, made once when a page's PDF or image arrives:
a screen image, a zoom image for reading small print, and a thumbnail for the page strip.
Pure: a rendering or an image file's bytes in, JPEG bytes out."""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from PIL import Image as PILImage

from .pdf import PageFileError, render_pdf

SCREEN_WIDTH = 1200  # sharp at 600 CSS pixels on a phone's or a laptop's 2x screen
ZOOM_WIDTH = 2400  # body type of a broadsheet legible at full width
THUMBNAIL_WIDTH = 300  # the page strip and an article's "where it is on the page"
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")


@dataclass(frozen=True)
class PageImages:
    screen: bytes
    zoom: bytes
    thumbnail: bytes
    width: int  # the screen image's
    height: int


def from_pdf(data, name="PDF"):
    return from_picture(render_pdf(data, ZOOM_WIDTH, name))


def from_image_file(data, name="image"):
    """From a page image the layout system exported (JPEG, PNG or WebP)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            picture = PILImage.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
            if picture.width * picture.height > settings.PHOTO_MAX_PIXELS:
                raise PageFileError(
                    f"{name}: {picture.width}x{picture.height} pixels is too large",
                    f"{name}：图片尺寸过大（{picture.width}×{picture.height} 像素）",
                )
            picture.load()
    except PageFileError:
        raise
    except Exception as error:  # Pillow raises many kinds for a file that is not an image
        raise PageFileError(
            f"{name}: not a JPEG, PNG or WebP image ({error})",
            f"{name}：无法识别为图片，只接受 JPEG、PNG 和 WebP",
        ) from None
    return from_picture(picture.convert("RGB"))


def from_picture(picture):
    zoom = scaled(picture, ZOOM_WIDTH)
    screen = scaled(zoom, SCREEN_WIDTH)
    return PageImages(
        screen=jpeg(screen),
        zoom=jpeg(zoom),
        thumbnail=jpeg(scaled(screen, THUMBNAIL_WIDTH)),
        width=screen.width,
        height=screen.height,
    )


def scaled(picture, width):
    """No wider than `width`; never enlarged."""
    if picture.width <= width:
        return picture
    return picture.resize((width, round(picture.height * width / picture.width)), PILImage.Resampling.LANCZOS)


def jpeg(picture):
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=82, progressive=True)
    return out.getvalue()
