"""Authors and columns named by the pages of an import: found, or created with pinyin slugs.

Names recur from page to page (a paper's reporters write every day). The authors and columns the
database holds are read once, when an import first needs them, with their slugs; an issue's
new names are then given ids (ids.py) and free slugs here, and written without a look-up, so
that nothing in an issue waits for the server's answer.
"""

from ..display import byline_entry
from ..links import author_url
from ..models import Author, Section
from ..slugs import first_free
from .ids import ReservedIds
from .rows import insert_rows


def names_in(parsed_articles):
    """Everyone credited: bylines, and photographers named in captions (several joined by 、)."""
    names = {c.name for a in parsed_articles for c in a.authors}
    names |= {
        name
        for a in parsed_articles
        for b in a.blocks
        if b.type == "image" and b.credit
        for name in b.credit.split("、")
    }
    return names


class Known:
    """The rows of a model with a name and a unique slug: {name: id}, and every slug taken.

    All of them, read at once: a daily's few thousand authors took milliseconds, where asking
    for each issue's names made every issue wait for the server."""

    def __init__(self, model):
        self.model = model
        self.ids, self.slugs, self.taken = {}, {}, set()
        # Names are not unique for authors: the oldest one of a name is the one credited.
        for name, pk, slug in model.objects.order_by("-pk").values_list("name", "pk", "slug"):
            self.ids[name], self.slugs[name] = pk, slug
            self.taken.add(slug)
        # Rows made by this import are in no cached page: the transaction has not committed.
        self.existing = set(self.ids.values())

    def ids_for(self, names, slug_bases, ids):
        """{name: id} for every name; new ones are written with free slugs after their bases.

        `slug_bases`: a SlugBases; `ids`: a ReservedIds. Returns (found, the new names)."""
        new = sorted(name for name in names if name not in self.ids)
        rows = []
        for name, pk in zip(new, ids.take(self.model, len(new)), strict=True):
            slug = first_free(slug_bases[name], self.taken)
            self.taken.add(slug)
            self.ids[name], self.slugs[name] = pk, slug
            rows.append({"id": pk, "name": name, "slug": slug})
        insert_rows(self.model, rows)
        return {name: self.ids[name] for name in names}, new


class Contributors:
    """The authors and columns of an import, read from the database on first use."""

    def __init__(self, ids=None):
        self.ids = ids or ReservedIds()
        self._authors = self._sections = None
        self.urls = {}
        self.authors_created = 0

    def authors_for(self, names, slug_bases):
        """{name: author id} for every name, creating those the database does not have."""
        if self._authors is None:
            self._authors = Known(Author)
        found, new = self._authors.ids_for(names, slug_bases, self.ids)
        self.authors_created += len(new)
        return found

    def byline(self, credit):
        """A credit as an article's display shows it (articles/display.py)."""
        name = credit.name
        if name not in self.urls:
            self.urls[name] = author_url(self._authors.slugs[name])
        return byline_entry(self._authors.ids[name], name, credit.role, self.urls[name])

    def cached_tags(self, author_ids, section_ids):
        """The page-cache tags of those authors and columns that existed before this import."""
        return [
            *(f"author:{pk}" for pk in author_ids if pk in self._authors.existing),
            *(f"section:{pk}" for pk in section_ids if pk in self._sections.existing),
        ]

    def sections_for(self, names, slug_bases):
        """{name: section id} for every column label, creating those the database does not have."""
        if self._sections is None:
            self._sections = Known(Section)
        return self._sections.ids_for(names, slug_bases, self.ids)[0]
