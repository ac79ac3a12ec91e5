"""What an import is asked to do, and the one error it raises for a user's mistake."""

import datetime
from dataclasses import dataclass
from pathlib import Path


class ImportFailed(Exception):
    """A user's mistake: bad file, bad option. The message is one line naming the file and reason."""


@dataclass(frozen=True)
class Source:
    """One page-text file: a name for messages and a way to get its bytes when its turn comes."""

    name: str
    read: callable

    @classmethod
    def from_path(cls, path):
        path = Path(path)

        def read():
            try:
                return path.read_bytes()
            except FileNotFoundError:
                raise ImportFailed(f"{path}: no such file") from None
            except IsADirectoryError:
                raise ImportFailed(f"{path}: is a folder, not a page-text file") from None
            except OSError as error:
                raise ImportFailed(f"{path}: cannot be read ({error.strerror})") from None

        return cls(path.name, read)

    @classmethod
    def from_bytes(cls, name, data):
        return cls(name, lambda: data)


@dataclass(frozen=True)
class ImportOptions:
    date: datetime.date | None = None
    page: int | None = None
    page_name: str = ""
    encoding: str | None = None
    publish: bool = False

    @staticmethod
    def parse_date(value):
        """'2024-03-12' -> date; anything else is refused with the value quoted."""
        try:
            return datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise ImportFailed(f"--date {value!r} is not a date in the form YYYY-MM-DD") from None

    @staticmethod
    def parse_page(value):
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ImportFailed(f"--page {value!r} is not a page number (a whole number)") from None
        if not 0 < number < 1000:
            raise ImportFailed(f"--page {value!r} is out of range (1-999)")
        return number
