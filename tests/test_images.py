"""Photo uploads: judged by content, bounded in size and pixels; renditions made once, on save."""

import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from articles.models import Image
from articles.uploads import PhotoField

from .admin_forms import change_url, form_data
from .factories import ArticleFactory, ImageFactory

pytestmark = pytest.mark.django_db


def png_bytes(size=(800, 600), mode="RGB", color=(200, 30, 30)):
    buffer = io.BytesIO()
    PILImage.new(mode, size, color if mode == "RGB" else 0).save(buffer, "PNG")
    return buffer.getvalue()


def upload(name, data, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


class TestValidation:
    def test_text_file_renamed_jpg_is_refused(self):
        with pytest.raises(Exception, match="无法识别为图片"):
            PhotoField().clean(upload("photo.jpg", b"this is not an image at all"))

    def test_unlisted_format_is_refused_even_if_pillow_reads_it(self):
        buffer = io.BytesIO()
        PILImage.new("RGB", (10, 10)).save(buffer, "BMP")
        with pytest.raises(Exception, match="只接受 JPEG、PNG、WebP 和 GIF"):
            PhotoField().clean(upload("photo.png", buffer.getvalue()))

    def test_decompression_bomb_is_refused_before_decoding(self):
        bomb = png_bytes(size=(9000, 9000), mode="1")  # 81 megapixels in a few kilobytes
        assert len(bomb) < 200_000
        with pytest.raises(Exception, match="图片尺寸过大（9000×9000 像素）"):
            PhotoField().clean(upload("bomb.png", bomb, "image/png"))

    def test_oversize_file_is_refused_before_it_is_read(self, settings):
        settings.PHOTO_MAX_BYTES = 1000

        class Unreadable(SimpleUploadedFile):
            def read(self, *args):
                raise AssertionError("the file was read before its size was checked")

        with pytest.raises(Exception, match="文件太大"):
            PhotoField().clean(Unreadable("big.png", png_bytes(), "image/png"))

    def test_good_upload_records_size_and_format(self, admin_client):
        article = ArticleFactory()
        image = ImageFactory(article=article, caption="车间")
        data = form_data(admin_client, change_url(article))
        data["images-0-file"] = upload("shop.png", png_bytes(), "image/png")
        response = admin_client.post(change_url(article), data)
        assert response.status_code == 302, response.content.decode()[-2000:]
        image.refresh_from_db()
        assert (image.width, image.height, image.format) == (800, 600, "PNG")

    def test_bad_upload_gets_a_form_error_in_the_admin(self, admin_client):
        article = ArticleFactory()
        ImageFactory(article=article)
        data = form_data(admin_client, change_url(article))
        data["images-0-file"] = upload("fake.jpg", b"GIF89a but not really")
        response = admin_client.post(change_url(article), data)
        assert response.status_code == 200
        assert "无法识别为图片" in response.content.decode()


def rendition_files(media_root):
    root = Path(media_root) / "CACHE"
    return {p: p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()} if root.exists() else {}


def test_renditions_are_made_once_on_save_and_reused(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    article = ArticleFactory(body="第一段。\n\n[[图1]]")
    image = Image(article=article, caption="车间", credit="陈晓明")
    # A name no other test uses: imagekit remembers in the cache which renditions it has made.
    image.file.save("rendition-check.png", ContentFile(png_bytes((1600, 1200))), save=False)
    image.save()
    made = rendition_files(tmp_path)
    assert len(made) == 6  # 320, 640, 1280 wide, each WebP and JPEG
    widths = sorted(PILImage.open(p).size[0] for p in made)
    assert widths == [320, 320, 640, 640, 1280, 1280]

    page = client.get(article.get_absolute_url()).content.decode()
    assert '<source type="image/webp" srcset="' in page and " 1280w" in page
    assert "陈晓明 摄" in page
    client.get(article.get_absolute_url())
    assert rendition_files(tmp_path) == made  # no new file, none rewritten
