"""What importing a page again will do to the articles it already holds: a plan, made of plain
values and tested without a database; issue_plan.py builds on it and writer.py writes it.

For each parsed story, in print order:
- the same story already on the page (matching.py) is updated field by field: what nobody
  edited takes the page's new value, what an editor changed is kept (edits.py). Its slug, and so
  its published URL, stays; so do its tags, corrections, photo files and alt text;
- a new story is created, as a draft unless the import publishes.

Stories the page no longer prints are left as they are and reported; so are articles written in
the admin, which keep their positions: the imported stories take the free positions around
them, in print order.

An import that publishes publishes new stories and drafts nobody has unpublished; an article an
editor took offline stays offline.
"""

from dataclasses import dataclass, field

from .edits import TEXT_FIELDS, bylines_value, field_hash, image_value, normalized, untouched
from .matching import Identity, match


@dataclass(frozen=True)
class StoredImage:
    pk: int
    caption: str
    credit: str
    has_file: bool


@dataclass(frozen=True)
class StoredArticle:
    """An article the page holds, as the plan needs it."""

    pk: int
    position: int
    slug: str
    import_key: str | None  # None: written in the admin
    values: dict  # TEXT_FIELDS as they are now; "section" is the column's name
    bylines: tuple = ()  # ((name, role), ...)
    images: tuple = ()  # (StoredImage, ...) in order
    base: dict = field(default_factory=dict)  # edits.import_base() of the last import
    status: str = "draft"
    taken_offline: bool = False  # an editor unpublished it

    @property
    def identity(self):
        v = self.values
        return Identity.of(v["kicker"], v["headline"], v["subtitle"], v["body"])


@dataclass(frozen=True)
class Incoming:
    """A parsed story as the import would write it."""

    values: dict  # TEXT_FIELDS
    bylines: tuple = ()  # ((name, role), ...)
    images: tuple = ()  # ((caption, credit), ...)

    @property
    def identity(self):
        v = self.values
        return Identity.of(v["kicker"], v["headline"], v["subtitle"], v["body"])


@dataclass
class ImageChanges:
    update: dict = field(default_factory=dict)  # {image pk: (caption, credit)}
    add: list = field(default_factory=list)  # [(order, caption, credit)]
    delete: list = field(default_factory=list)  # [image pk]

    def __bool__(self):
        return bool(self.update or self.add or self.delete)


@dataclass
class Update:
    """What changes on a stored article; `incoming` is the index of its story in the page."""

    article: StoredArticle
    incoming: int
    position: int
    values: dict = field(default_factory=dict)
    bylines: tuple | None = None  # replace the bylines with these, or keep them
    images: ImageChanges = field(default_factory=ImageChanges)
    base: dict = field(default_factory=dict)
    kept: list = field(default_factory=list)  # fields an editor changed that the page changed too
    publish: bool = False

    @property
    def moved(self):
        return self.position != self.article.position

    @property
    def content_changed(self):
        return bool(self.values or self.bylines is not None or self.images)

    @property
    def writes(self):
        return self.content_changed or self.moved or self.publish or self.base != self.article.base


@dataclass
class PagePlan:
    creates: list = field(default_factory=list)  # [(incoming index, position)]
    updates: list = field(default_factory=list)  # [Update], one per story already on the page
    left: list = field(default_factory=list)  # [StoredArticle] imported before, not printed now


def plan_page(incoming, stored, publish=False):
    """The PagePlan of importing `incoming` ([Incoming] in print order) onto a page that holds
    `stored` ([StoredArticle])."""
    imported = [article for article in stored if article.import_key is not None]
    pairs = match([story.identity for story in incoming], [article.identity for article in imported])
    matched = set(pairs.values())
    fixed = {a.position for a in stored if a.import_key is None}
    fixed |= {a.position for j, a in enumerate(imported) if j not in matched}
    positions = free_positions(fixed, len(incoming))
    plan = PagePlan(left=[a for j, a in enumerate(imported) if j not in matched])
    for i, (story, position) in enumerate(zip(incoming, positions, strict=True)):
        if i in pairs:
            plan.updates.append(merge(story, imported[pairs[i]], i, position, publish))
        else:
            plan.creates.append((i, position))
    return plan


def free_positions(taken, count):
    """The first `count` positions from 1 up that are not `taken`."""
    positions, candidate = [], 1
    while len(positions) < count:
        if candidate not in taken:
            positions.append(candidate)
        candidate += 1
    return positions


def merge(story, article, index, position, publish):
    """The Update that brings `article` to `story`, keeping whatever an editor changed."""
    update = Update(article=article, incoming=index, position=position, base=dict(article.base))
    for name in TEXT_FIELDS:
        current, new = article.values[name], story.values[name]
        if untouched(current, article.base.get(name)):
            if normalized(current) != normalized(new):
                update.values[name] = new
        elif normalized(current) != normalized(new) and field_hash(new) != article.base.get(name):
            update.kept.append(name)
        update.base[name] = field_hash(new)

    current, new = bylines_value(article.bylines), bylines_value(story.bylines)
    if untouched(current, article.base.get("bylines")):
        if current != new:
            update.bylines = tuple(story.bylines)
    elif current != new and field_hash(new) != article.base.get("bylines"):
        update.kept.append("bylines")
    update.base["bylines"] = field_hash(new)

    update.images, kept_photo = merge_images(story.images, article.images, article.base.get("images", []))
    if kept_photo:
        update.kept.append("images")
    update.base["images"] = [field_hash(image_value(caption, credit)) for caption, credit in story.images]
    update.publish = publish and article.status == "draft" and not article.taken_offline
    return update


def merge_images(new, stored, bases):
    """(ImageChanges, whether an editor's caption was kept). Photos pair up in print order; a
    photo's file and alt text are never the page's to change."""
    changes, kept = ImageChanges(), False
    for order, (caption, credit) in enumerate(new):
        if order >= len(stored):
            changes.add.append((order, caption, credit))
            continue
        image = stored[order]
        current = image_value(image.caption, image.credit)
        if current == image_value(caption, credit):
            continue
        if untouched(current, bases[order] if order < len(bases) else None):
            changes.update[image.pk] = (caption, credit)
        else:
            kept = True
    for order, image in enumerate(stored[len(new) :], start=len(new)):
        base = bases[order] if order < len(bases) else None
        if not image.has_file and untouched(image_value(image.caption, image.credit), base):
            changes.delete.append(image.pk)
        else:
            kept = True
    return changes, kept
