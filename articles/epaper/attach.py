"""A page's PDF and image, stored with the images made from them, and its articles' areas found
from the PDF's text layer: the ORM side of the e-paper. Runs inside the caller's transaction
(an import, an editor's upload); the files it wrote are removed if that transaction fails.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from ..body import plain_text
from ..derived.changes import record
from ..models import Area, Article, Byline, Image
from . import pictures
from .hotzones import ArticleText, find_areas
from .pdf import PageFileError, read_pdf

PDF_SUFFIXES = (".pdf",)
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


@dataclass(frozen=True)
class PageFile:
    """A file that came with a page: its name (for messages and its suffix) and its bytes."""

    name: str
    data: bytes

    @property
    def is_pdf(self):
        return PurePath(self.name).suffix.lower() in PDF_SUFFIXES

    @property
    def digest(self):
        return hashlib.sha256(self.data).hexdigest()[:12]


@dataclass
class Attached:
    """What attaching a page's files did, for the import's report."""

    page: str
    areas: int = 0
    unplaced: list = field(default_factory=list)  # headlines of the page's articles not found
    warnings: list = field(default_factory=list)  # Chinese, for the editor
    unchanged: bool = False


def check_size(file):
    if len(file.data) > settings.PAGE_FILE_MAX_BYTES:
        size, limit = len(file.data) // 2**20, settings.PAGE_FILE_MAX_BYTES // 2**20
        raise PageFileError(
            f"{file.name}: {size} MB is more than the {limit} MB a page's file may be (PAGE_FILE_MAX_BYTES)",
            f"{file.name}：文件 {size} MB，超过上限 {limit} MB",
        )


def attach(page, pdf=None, image=None, written=None):
    """Store `pdf` and/or `image` (PageFile) as `page`'s, make its images (from the image if
    given, else from the PDF) and, with a PDF that has text, find its articles' areas. Names of
    the files written are added to `written` (a list) for the caller to remove on failure."""
    result = Attached(str(page))
    written = written if written is not None else []
    for file in (pdf, image):
        if file is not None:
            check_size(file)
    if same_files(page, pdf, image):
        result.unchanged = True
        return result
    text_layer = read_pdf(pdf.data, pdf.name) if pdf else None
    made = (
        pictures.from_image_file(image.data, image.name) if image else pictures.from_pdf(pdf.data, pdf.name)
    )
    folder = f"pages/{page.issue.date:%Y/%m/%d}/{page.number:02d}"
    if pdf:
        page.pdf.name = store(f"{folder}-{pdf.digest}.pdf", pdf.data, written)
    if image:
        suffix = PurePath(image.name).suffix.lower()
        page.scan.name = store(f"{folder}-{image.digest}{suffix}", image.data, written)
    tag = (image or pdf).digest
    page.image.name = store(f"{folder}-{tag}-screen.jpg", made.screen, written)
    page.zoom_image.name = store(f"{folder}-{tag}-zoom.jpg", made.zoom, written)
    page.thumbnail.name = store(f"{folder}-{tag}-thumb.jpg", made.thumbnail, written)
    page.image_width, page.image_height = made.width, made.height
    page.save(
        update_fields=["pdf", "scan", "image", "zoom_image", "thumbnail", "image_width", "image_height"]
    )
    if text_layer is None:
        result.warnings.append("没有 PDF：热区需要在“热区”页面手工绘制")
    elif not text_layer.has_text:
        result.warnings.append("PDF 没有文字层（可能是扫描件）：热区需要手工绘制")
    else:
        if text_layer.pages_in_file > 1:
            result.warnings.append(f"PDF 有 {text_layer.pages_in_file} 页，只用了第一页")
        place_articles(page, text_layer, result)
    record(articles=page.articles.values_list("pk", flat=True), pages=[page.pk])
    return result


def same_files(page, pdf, image):
    """Whether the page already has these very files (a page imported again as it was)."""

    def has(field_file, file):
        return file is None or (bool(field_file) and file.digest in PurePath(field_file.name).name)

    return bool(page.image) and has(page.pdf, pdf) and has(page.scan, image)


def store(name, data, written):
    saved = default_storage.save(name, ContentFile(data))
    written.append(saved)
    return saved


def remove(names):
    """Files written for a transaction that then failed."""
    for name in names:
        default_storage.delete(name)


def place_articles(page, text_layer, result):
    """Replace the page's found areas; the ones an editor drew stay, and their articles keep them."""
    articles = texts_of_issue(page)
    Area.objects.filter(page=page, drawn=False).delete()
    drawn = set(Area.objects.filter(page=page, drawn=True).values_list("article_id", flat=True))
    placement = find_areas(text_layer, [text for text in articles.values() if text.key not in drawn])
    areas = [
        Area(page=page, article_id=key, x=rect.x, y=rect.y, width=rect.width, height=rect.height)
        for key, rects in placement.areas.items()
        for rect in (r.rounded() for r in rects)
    ]
    Area.objects.bulk_create(areas)
    result.areas = len(areas)
    headlines = dict(Article.objects.filter(pk__in=placement.unplaced).values_list("pk", "headline"))
    result.unplaced = [headlines[key] for key in placement.unplaced]
    for headline in result.unplaced:
        result.warnings.append(f"“{headline}”没有在 PDF 中找到，请手工绘制热区")


def texts_of_issue(page):
    """{article id: ArticleText} of every article of the page's issue: the page's own, and the
    others, whose jumps may continue here."""
    texts = {}
    rows = Article.objects.filter(page__issue_id=page.issue_id).values_list(
        "pk", "page_id", "kicker", "headline", "subtitle", "body"
    )
    extra = {}
    for article_id, role, name in Byline.objects.filter(article__page__issue_id=page.issue_id).values_list(
        "article_id", "role", "author__name"
    ):
        extra.setdefault(article_id, []).extend((name, role + name))
    for article_id, caption, credit in Image.objects.filter(
        article__page__issue_id=page.issue_id
    ).values_list("article_id", "caption", "credit"):
        extra.setdefault(article_id, []).extend((caption, credit))
    for pk, page_id, kicker, headline, subtitle, body in rows:
        pieces = [kicker, headline, subtitle, *plain_text(body).split("\n"), *extra.get(pk, ())]
        texts[pk] = ArticleText(
            pk, tuple(piece for piece in pieces if piece), on_this_page=page_id == page.pk
        )
    return texts


def removing_on_failure(function):
    """Run `function(written)` in a transaction; remove the files it wrote if it fails."""
    written = []
    try:
        with transaction.atomic():
            return function(written)
    except BaseException:
        remove(written)
        raise
