"""What an import is asked to do, and the one error it raises for a user's mistake."""

import codecs
import contextlib
import datetime
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

# How far from today an issue's date may be without --allow-far-date: a date typed wrong
# (9999-12-31) would otherwise become the home page for good.
FUTURE_DAYS = 7
EARLIEST = datetime.date(1900, 1, 1)


class ImportFailed(Exception):
    """A user's mistake: bad file, bad option. The message is one line naming the file and reason,
    in English for the command line; `zh` says it in Chinese for the admin."""

    def __init__(self, message, zh=None):
        super().__init__(message)
        self.zh = zh or message


# A page's PDF and image come beside its text under the same name: A01.txt, A01.pdf, A01.jpg.
PAGE_FILE_SUFFIXES = (".pdf", ".jpg", ".jpeg", ".png", ".webp")


@dataclass(frozen=True)
class Source:
    """One page-text file: a name for messages and a way to get its bytes when its turn comes;
    with the page's PDF and image (epaper.attach.PageFile), read when the page is written."""

    name: str
    read: callable
    files: tuple = ()  # (name, read) of the page's PDF and image

    @classmethod
    def from_path(cls, path, files=()):
        path = Path(path)

        def read():
            with contextlib.suppress(OSError):  # read_path says what is wrong with it
                check_size(path.name, path.stat().st_size)
            return read_path(path, "a page-text file")

        return cls(path.name, read, tuple((file.name, reader(file)) for file in files))

    @classmethod
    def from_paths(cls, paths):
        """Sources of the page-text files among `paths`, each with the PDF and image of the same
        name given with it or lying beside it."""
        paths = [Path(path) for path in paths]
        given = {}
        texts = []
        for path in paths:
            if path.suffix.lower() in PAGE_FILE_SUFFIXES:
                given.setdefault(path.with_suffix(""), []).append(path)
            else:
                texts.append(path)
        sources = []
        for path in texts:
            stem = path.with_suffix("")
            files = given.pop(stem, None)
            if files is None:
                files = [stem.with_suffix(s) for s in PAGE_FILE_SUFFIXES if stem.with_suffix(s).is_file()]
            sources.append(cls.from_path(path, files))
        for stem, files in given.items():
            raise ImportFailed(
                f"{files[0]}: no page text ({stem.name}.txt) was given with it",
                f"{files[0].name}：没有同名的版面文本（{stem.name}.txt）",
            )
        return sources

    @classmethod
    def from_bytes(cls, name, data, files=()):
        check_size(name, len(data))
        return cls(
            name, lambda: data, tuple((file_name, lambda d=file_data: d) for file_name, file_data in files)
        )


def read_path(path, kind):
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ImportFailed(f"{path}: no such file", f"{path.name}：文件不存在") from None
    except IsADirectoryError:
        raise ImportFailed(f"{path}: is a folder, not {kind}") from None
    except OSError as error:
        raise ImportFailed(f"{path}: cannot be read ({error.strerror})") from None


def reader(path):
    return lambda: read_path(path, "a page's PDF or image")


def check_size(name, size):
    """A page's text is tens of kilobytes: a file far larger is not one, and would be read as a
    page of thousands of articles."""
    limit = settings.IMPORT_MAX_BYTES
    if size > limit:
        raise ImportFailed(
            f"{name}: {megabytes(size)} is too large for a page's text (the limit is "
            f"{megabytes(limit)}, IMPORT_MAX_BYTES)"
        )


def megabytes(size):
    return f"{size / 1024 / 1024:.1f} MB" if size >= 100 * 1024 else f"{size / 1024:.1f} kB"


@dataclass(frozen=True)
class ImportOptions:
    date: datetime.date | None = None
    page: int | None = None
    page_name: str = ""
    encoding: str | None = None
    publish: bool = False
    # Publish although the review chain is on: pages already reviewed in print (a backfill).
    skip_review: bool = False
    allow_far_date: bool = False
    known: object = None  # parsing.Known: the newspaper's authors and columns, read by the import

    @staticmethod
    def parse_date(value):
        """'2024-03-12' -> date; anything else is refused with the value quoted."""
        try:
            return datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise ImportFailed(f"--date {value!r} is not a date in the form YYYY-MM-DD") from None

    @staticmethod
    def parse_encoding(value):
        """A text encoding's name; an unknown one, or a codec that does not decode bytes to text
        (rot13, hex), is refused."""
        try:
            b"x".decode(value, "ignore")  # an empty string would not even look the codec up
        except LookupError:
            try:
                codecs.lookup(value)
            except LookupError:
                raise ImportFailed(f"--encoding {value!r} is not an encoding Python knows") from None
            raise ImportFailed(f"--encoding {value!r} is not a text encoding") from None
        return value

    def check_date(self, name, date):
        """Refuse an issue date far from today unless asked for: a typing mistake (9999-12-31)
        would otherwise become the front page."""
        today = timezone.localdate()
        far = date > today + datetime.timedelta(days=FUTURE_DAYS) or date < EARLIEST
        if far and not self.allow_far_date:
            raise ImportFailed(
                f"{name}: the date {date} is more than {FUTURE_DAYS} days ahead or before "
                f"{EARLIEST.year}; give --allow-far-date if it is right",
                f"{name}：出版日期 {date} 晚于今天 {FUTURE_DAYS} 天以上或早于 {EARLIEST.year} 年；"
                "如确实无误，请勾选“日期确实远离今天”",
            )

    @staticmethod
    def parse_page(value):
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ImportFailed(f"--page {value!r} is not a page number (a whole number)") from None
        if not 0 < number < 1000:
            raise ImportFailed(f"--page {value!r} is out of range (1-999)")
        return number
