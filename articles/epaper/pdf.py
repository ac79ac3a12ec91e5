"""A page's PDF as newsroom needs it: its first page's text lines and pictures, with positions in
page-relative units (0..1 from the top left), and a rendering for the page images. Pure: bytes in,
dataclasses out. PDFium reads and renders (pypdfium2, BSD/Apache licensed)."""

import ctypes
import threading
from dataclasses import dataclass, field

from .geometry import Rect

# PDFium is not thread-safe: an admin upload and an import in one process take turns.
_LOCK = threading.Lock()


def pdfium():
    """pypdfium2 and its raw API, imported on first use: PDFium is megabytes of library that the
    processes which load the admin but never see a PDF (an import of text, a reader's page)
    would otherwise all carry."""
    import pypdfium2
    import pypdfium2.raw

    return pypdfium2, pypdfium2.raw


# A picture smaller than this share of the page (a rule, a bullet, a logo dot) is not a photo.
MIN_PICTURE_AREA = 0.002


class PageFileError(ValueError):
    """The file cannot be used as a page's PDF or image; `zh` says why for the admin."""

    def __init__(self, message, zh):
        super().__init__(message)
        self.zh = zh


@dataclass(frozen=True)
class TextLine:
    text: str
    box: Rect


@dataclass
class PdfPage:
    width: float  # points
    height: float
    lines: list = field(default_factory=list)  # [TextLine] as PDFium groups the characters
    pictures: list = field(default_factory=list)  # [Rect] of images and filled boxes
    pages_in_file: int = 1

    @property
    def has_text(self):
        return any(line.text.strip() for line in self.lines)


def open_document(data, name):
    library, _ = pdfium()
    try:
        document = library.PdfDocument(data)
    except library.PdfiumError as error:
        message = str(error)
        if "password" in message.lower():
            raise PageFileError(
                f"{name}: the PDF is password-protected", f"{name}：PDF 有密码保护，无法读取"
            ) from None
        raise PageFileError(
            f"{name}: not a readable PDF ({message})", f"{name}：不是可读取的 PDF 文件"
        ) from None
    if len(document) == 0:
        document.close()
        raise PageFileError(f"{name}: the PDF has no pages", f"{name}：PDF 中没有页面")
    return document


def read_pdf(data, name="PDF"):
    """The first page of the PDF `data` (one printed page per file, as layout systems export)."""
    if not data.startswith(b"%PDF"):
        # PDFium would try to repair it; a JPEG given as .pdf deserves a plain answer.
        raise PageFileError(f"{name}: not a PDF file", f"{name}：不是 PDF 文件")
    with _LOCK:
        document = open_document(data, name)
        try:
            page = document[0]
            width, height = page.get_size()
            result = PdfPage(width, height, pages_in_file=len(document))
            textpage = page.get_textpage()
            for index in range(textpage.count_rects()):
                left, bottom, right, top = textpage.get_rect(index)
                text = textpage.get_text_bounded(left, bottom, right, top)
                if text.strip():
                    result.lines.append(TextLine(text, to_page(left, bottom, right, top, width, height)))
            _, raw = pdfium()
            for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_PATH]):
                if obj.type == raw.FPDF_PAGEOBJ_PATH and not is_filled(obj):
                    continue
                box = to_page(*obj.get_bounds(), width, height)
                if MIN_PICTURE_AREA <= box.area < 0.5:  # a page-sized box is a background
                    result.pictures.append(box)
            textpage.close()
            page.close()
        finally:
            document.close()
    return result


def is_filled(obj):
    """Whether a path is filled: a photo's placeholder box is, a rule or a frame is not."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium()[1].FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke))
    return fill.value != 0


def to_page(left, bottom, right, top, width, height):
    """PDF points (origin bottom left) to page-relative units (origin top left)."""
    return Rect(
        x=max(0.0, left / width),
        y=max(0.0, (height - top) / height),
        width=(min(right, width) - max(left, 0)) / width,
        height=(min(top, height) - max(bottom, 0)) / height,
    )


def render_pdf(data, width_px, name="PDF"):
    """The first page as a PIL image `width_px` wide, on white."""
    with _LOCK:
        document = open_document(data, name)
        try:
            page = document[0]
            page_width, _ = page.get_size()
            bitmap = page.render(scale=width_px / page_width, fill_color=(255, 255, 255, 255))
            image = bitmap.to_pil().convert("RGB")
            page.close()
        finally:
            document.close()
    return image
