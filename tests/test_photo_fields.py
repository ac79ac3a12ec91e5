"""Every image field takes the same checks; renditions are upright and carry no metadata; public
pages link renditions, never the uploaded original."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from articles.models import Author, Image, Page

from .factories import ArticleFactory, ImageFactory, PageFactory

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def encoded(fmt, size=(64, 48), exif=None):
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    PILImage.new("RGB", size, (120, 60, 30)).save(buffer, fmt, **options)
    return buffer.getvalue()


def sideways_jpeg_with_gps():
    """A 60×40 JPEG whose EXIF says: turn it 90° (orientation 6), taken at a GPS position."""
    exif = PILImage.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "ExampleCam"  # camera make
    exif.get_ifd(GPS_IFD)[2] = (31.0, 47.0, 0.0)
    return encoded("JPEG", (60, 40), exif=exif.tobytes())


def bomb_png():
    buffer = io.BytesIO()
    PILImage.new("1", (13000, 13000)).save(buffer, "PNG")
    return buffer.getvalue()


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


# (admin add or change URL, the image field's name, other fields the form needs)
def targets():
    article = ArticleFactory()
    page = PageFactory()
    author = Author.objects.create(name="陈晓明")
    return [
        ("/admin/articles/image/add/", "file", {"article": article.pk, "order": 0, "caption": "说明"}),
        (
            reverse("admin:articles_author_change", args=[author.pk]),
            "photo",
            {"name": "陈晓明", "slug": "chen"},
        ),
        (
            reverse("admin:articles_page_change", args=[page.pk]),
            "image_upload",
            {"issue": page.issue_id, "number": page.number, "name": "要闻", "editor": "周文"},
        ),
    ]


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("bomb.png", bomb_png(), "图片尺寸过大（13000×13000 像素）"),
        ("scan.tiff", encoded("TIFF"), "只接受 JPEG、PNG、WebP 和 GIF"),
        ("scan.bmp", encoded("BMP"), "只接受 JPEG、PNG、WebP 和 GIF"),
        ("cut.jpg", encoded("JPEG", (400, 300))[:-200], "图片文件不完整或已损坏"),
    ],
    ids=["bomb", "tiff", "bmp", "truncated"],
)
def test_every_image_field_refuses_what_the_article_form_refuses(admin_client, name, data, message):
    for url, field, fields in targets():
        response = admin_client.post(url, {**fields, field: upload(name, data)})
        assert response.status_code == 200, url
        assert message in response.content.decode(), url
    assert not Image.objects.exclude(file="").exists()
    assert not Author.objects.exclude(photo="").exists() and not Page.objects.exclude(scan="").exists()


def test_every_image_field_refuses_a_file_over_the_size_limit(admin_client, settings):
    settings.PHOTO_MAX_BYTES = 2000
    for url, field, fields in targets():
        response = admin_client.post(url, {**fields, field: upload("big.png", encoded("PNG", (900, 900)))})
        assert "文件太大" in response.content.decode(), url


def test_a_gif_named_pdf_is_stored_as_a_gif(admin_client):
    article = ArticleFactory()
    response = admin_client.post(
        "/admin/articles/image/add/",
        {"article": article.pk, "order": 0, "caption": "动图", "file": upload("notes.pdf", encoded("GIF"))},
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.file.name.endswith(".gif") and image.format == "GIF"


def test_renditions_are_upright_and_carry_no_metadata():
    image = ImageFactory(caption="横拍的照片")
    image.file.save("sideways.jpg", SimpleUploadedFile("sideways.jpg", sideways_jpeg_with_gps()))
    rendition = image.rendition_320_jpeg
    rendition.generate()
    with PILImage.open(rendition.storage.open(rendition.name)) as made:
        assert made.size == (40, 60)  # turned upright: portrait
        exif = made.getexif()
        assert ORIENTATION not in exif and 0x010F not in exif and not exif.get_ifd(GPS_IFD)


def test_public_pages_link_renditions_not_the_original(client):
    article = ArticleFactory(body="正文。\n\n![1]")
    image = ImageFactory(article=article, caption="带定位的原图")
    image.file.save("original.jpg", SimpleUploadedFile("original.jpg", sideways_jpeg_with_gps()))
    html = client.get(article.get_absolute_url()).content.decode()
    assert image.file.url not in html
    assert 'property="og:image"' in html and "CACHE/images" in html
