"""What an article's public page shows from other tables, kept on the article's own row.

Bylines (with their authors), tags, photos and corrections live in six tables; they change far
less often than the page is read, so the page reads them from one column of the article instead.
The column holds a Display: what the tables say (names, slugs, file names, notes), never a URL,
so that changing a URL pattern needs no data refresh. rebuild.py writes it after every change.
"""

import datetime
from dataclasses import MISSING, dataclass, field, fields
from functools import lru_cache

from django.apps import apps as installed_apps
from django.core.files.storage import default_storage
from django.db import connection, models
from django.utils import timezone
from django.utils.dateformat import format as format_date

from ..epaper.geometry import css_box
from ..links import author_url, tag_url

BATCH = 500


@dataclass(frozen=True)
class Credit:
    """One byline: the author's id is what the page cache depends on."""

    author_id: int
    name: str
    slug: str
    role: str = ""

    @property
    def url(self):
        return author_url(self.slug)


@dataclass(frozen=True)
class TagEntry:
    id: int
    name: str
    slug: str

    @property
    def url(self):
        return tag_url(self.slug)


@dataclass(frozen=True)
class PhotoEntry:
    """A photo with its file: its stored name and size, which make its renditions' URLs without
    opening the file."""

    name: str
    width: int | None = None
    height: int | None = None

    @property
    def shared_url(self):
        """The rendition for search engines and sharing previews: never the original, which keeps
        the camera's metadata (renditions.py)."""
        return shared_rendition_url(self.name, self.width, self.height)


@dataclass(frozen=True)
class CorrectionEntry:
    note: str
    created_at: str  # ISO 8601 in UTC

    @property
    def moment(self):
        return datetime.datetime.fromisoformat(self.created_at)

    @property
    def iso(self):
        """In the paper's time zone, with its offset: what <time datetime> and JSON-LD carry."""
        return timezone.localtime(self.moment).isoformat()

    @property
    def date(self):
        return format_date(timezone.localtime(self.moment), "Y年n月j日")


@dataclass(frozen=True)
class Location:
    """Where the article sits on its printed page: the page's thumbnail (its stored name and the
    page image's size, for its shape) and the article's areas on it, in page-relative units."""

    thumbnail: str = ""
    width: int = 0
    height: int = 0
    areas: tuple = ()  # ((x, y, width, height), ...)

    @property
    def thumbnail_url(self):
        return default_storage.url(self.thumbnail)

    @property
    def boxes(self):
        """The areas as CSS percentages."""
        return [css_box(*area) for area in self.areas]


@dataclass(frozen=True)
class Display:
    bylines: tuple[Credit, ...] = ()
    tags: tuple[TagEntry, ...] = ()
    photos: tuple[PhotoEntry, ...] = ()
    corrections: tuple[CorrectionEntry, ...] = ()
    location: Location | None = None

    @property
    def photo_urls(self):
        return [photo.shared_url for photo in self.photos]

    def to_json(self):
        return {
            "bylines": [vars(credit) for credit in self.bylines],
            "tags": [vars(entry) for entry in self.tags],
            "photos": [vars(photo) for photo in self.photos],
            "corrections": [vars(entry) for entry in self.corrections],
            "location": {**vars(self.location), "areas": [list(a) for a in self.location.areas]}
            if self.location
            else None,
        }

    @classmethod
    def from_json(cls, data):
        data = data or {}
        return cls(
            bylines=_entries(Credit, data.get("bylines", ())),
            tags=_entries(TagEntry, data.get("tags", ())),
            photos=_entries(PhotoEntry, data.get("photos", ())),
            corrections=_entries(CorrectionEntry, data.get("corrections", ())),
            location=_location(data.get("location")),
        )


def _location(data):
    if not isinstance(data, dict) or not data.get("thumbnail"):
        return None
    areas = tuple(tuple(area) for area in data.get("areas", ()) if len(area) == 4)
    return Location(data["thumbnail"], data.get("width", 0), data.get("height", 0), areas)


def _entries(kind, items):
    """Entries of `kind` from their JSON objects. Keys it does not know are left out and missing
    ones are empty: a display stored before a change of its shape still reads (until rebuilt)."""
    names = {f.name: f.default if f.default is not MISSING else "" for f in fields(kind)}
    return tuple(
        kind(**{name: item.get(name, default) for name, default in names.items()})
        for item in items
        if isinstance(item, dict)
    )


@lru_cache(maxsize=4096)
def shared_rendition_url(name, width, height):
    """Kept per process: imagekit pickles the rendition's spec to name its file, for every URL,
    which cost an uncached article with ten photos most of its time."""
    from ..models import Image
    from ..renditions import SHARED, field_name

    rendition_width, fmt = SHARED
    image = Image(file=name, width=width, height=height)
    return getattr(image, field_name(rendition_width, fmt)).url


class DisplayField(models.JSONField):
    """A JSON column read and written as a Display."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", Display)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return Display.from_json(super().from_db_value(value, expression, connection))

    def to_python(self, value):
        return value if isinstance(value, Display) else Display.from_json(value)

    def value_to_string(self, obj):
        """For the serializers (dumpdata, fixtures): the JSON object."""
        value = self.value_from_object(obj)
        return value.to_json() if isinstance(value, Display) else value

    def get_prep_value(self, value):
        return super().get_prep_value(value.to_json() if isinstance(value, Display) else value)


@dataclass
class _Draft:
    """A Display being gathered from the tables."""

    bylines: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    photos: list = field(default_factory=list)
    corrections: list = field(default_factory=list)
    location: Location | None = None

    def done(self):
        parts = (self.bylines, self.tags, self.photos, self.corrections)
        return Display(*(tuple(part) for part in parts), location=self.location)


def displays_for(article_ids, apps=installed_apps):
    """{article id: Display} built from the tables, in five queries whatever the number."""
    model = apps.get_model
    drafts = {pk: _Draft() for pk in article_ids}
    if not drafts:
        return {}
    bylines = (
        model("articles", "Byline")
        .objects.filter(article_id__in=drafts)
        .order_by("article_id", "order", "pk")
        .values_list("article_id", "author_id", "author__name", "author__slug", "role")
    )
    for article_id, *credit in bylines:
        drafts[article_id].bylines.append(Credit(*credit))
    tagged = (
        model("taggit", "TaggedItem")
        .objects.filter(
            content_type__app_label="articles", content_type__model="article", object_id__in=drafts
        )
        .order_by("object_id", "tag__name")
        .values_list("object_id", "tag_id", "tag__name", "tag__slug")
    )
    for article_id, *entry in tagged:
        drafts[article_id].tags.append(TagEntry(*entry))
    photos = (
        model("articles", "Image")
        .objects.filter(article_id__in=drafts)
        .exclude(file="")
        .order_by("article_id", "order", "pk")
        .values_list("article_id", "file", "width", "height")
    )
    for article_id, *photo in photos:
        drafts[article_id].photos.append(PhotoEntry(*photo))
    correction = model("articles", "Correction")
    corrections = correction.objects.filter(article_id__in=drafts)
    # Readers see corrections of fact only; migration 0012's model predates that distinction.
    if any(f.name == "public" for f in correction._meta.fields):
        corrections = corrections.filter(public=True)
    corrections = corrections.order_by("article_id", "created_at", "pk").values_list(
        "article_id", "note", "created_at"
    )
    for article_id, note, created_at in corrections:
        moment = created_at.astimezone(datetime.UTC).isoformat()
        drafts[article_id].corrections.append(CorrectionEntry(note, moment))
    add_locations(drafts, apps)
    return {pk: draft.done() for pk, draft in drafts.items()}


def add_locations(drafts, apps):
    """Each article's areas on its own page, where the page has an image."""
    try:
        area = apps.get_model("articles", "Area")
    except LookupError:  # a migration before the e-paper's
        return
    areas = (
        area.objects.filter(article_id__in=drafts, page_id=models.F("article__page_id"))
        .exclude(page__thumbnail="")
        .order_by("article_id", "y", "x")
        .values_list(
            "article_id",
            "page__thumbnail",
            "page__image_width",
            "page__image_height",
            "x",
            "y",
            "width",
            "height",
        )
    )
    found = {}
    for article_id, thumbnail, width, height, *box in areas:
        found.setdefault(article_id, (thumbnail, width or 0, height or 0, []))[3].append(tuple(box))
    for article_id, (thumbnail, width, height, boxes) in found.items():
        drafts[article_id].location = Location(thumbnail, width, height, tuple(boxes))


def refresh_display(article_ids, apps=installed_apps):
    """Rebuild the stored display of these articles (any number: the work is batched). One
    statement is sent with every row's value (bulk_update would build a CASE that grows with them)."""
    column = apps.get_model("articles", "Article")._meta.get_field("display")
    ids = sorted(set(article_ids))
    with connection.cursor() as cursor:
        for start in range(0, len(ids), BATCH):
            displays = displays_for(ids[start : start + BATCH], apps)
            rows = [(column.get_db_prep_save(display, connection), pk) for pk, display in displays.items()]
            cursor.executemany("UPDATE articles_article SET display = %s WHERE id = %s", rows)
