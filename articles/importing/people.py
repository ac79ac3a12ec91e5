"""Authors and columns named by the pages of an import: found, or created with pinyin slugs.

Names recur from page to page (a paper's reporters write every day), so those seen in this run
are remembered, and an issue's new names cost at most three queries together.
"""

from collections import Counter

from ..display import byline_entry
from ..links import author_url
from ..models import Author, Section
from ..slugs import first_free, unique_slug_for
from .rows import insert_rows

SLUG_CANDIDATES = 30


def slug_candidates(base):
    """base, base-2 ... base-30: the slugs first_free() may pick for a new author."""
    return [base] + [f"{base}-{n}" for n in range(2, SLUG_CANDIDATES + 1)]


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


class Contributors:
    def __init__(self):
        self.authors = {}
        self.urls = {}
        self.sections = {}
        self.authors_created = 0

    def authors_for(self, names, slug_bases):
        """{name: author id} for every name, creating those the database does not have.

        `slug_bases`: a SlugBases, where new authors' slugs start from."""
        found = {name: self.authors[name] for name in names if name in self.authors}
        unknown = names - set(found)
        if unknown:
            rows = Author.objects.filter(name__in=unknown).order_by("pk").values_list("name", "pk", "slug")
            for name, pk, slug in rows:
                if name not in found:
                    found[name] = pk
                    self.urls[name] = author_url(slug)
        missing = sorted(names - set(found))
        if missing:
            slugs = self._new_slugs(missing, slug_bases)
            ids = insert_rows(
                Author, [{"name": name, "slug": slugs[name]} for name in missing], returning="slug"
            )
            found.update((name, ids[slugs[name]]) for name in missing)
            self.urls.update((name, author_url(slug)) for name, slug in slugs.items())
            self.authors_created += len(missing)
        self.authors.update(found)
        return found

    def byline(self, credit):
        """A credit as an article's display shows it (articles/display.py)."""
        return byline_entry(self.authors[credit.name], credit.name, credit.role, self.urls[credit.name])

    @staticmethod
    def _new_slugs(names, slug_bases):
        """{name: a free slug}: pinyin, with a number after it where the pinyin is taken."""
        bases = {name: slug_bases[name] for name in names}
        # Exact slugs, not prefixes, so that the look-ups use the unique index however many
        # authors there are. Suffixes are looked up only for bases already in use.
        taken = set(Author.objects.filter(slug__in=set(bases.values())).values_list("slug", flat=True))
        crowded = taken | {base for base, n in Counter(bases.values()).items() if n > 1}
        if crowded:
            candidates = [slug for base in crowded for slug in slug_candidates(base)]
            taken |= set(Author.objects.filter(slug__in=candidates).values_list("slug", flat=True))
        slugs = {}
        for name in names:
            slug = first_free(bases[name], taken)
            if slug not in slug_candidates(bases[name]):
                # A very common name: ask the database.
                slug = unique_slug_for(Author(name=name), name, base=bases[name])
            taken.add(slug)
            slugs[name] = slug
        return slugs

    def sections_for(self, names, slug_bases):
        """{name: section id} for every column label, creating those the database does not have.

        `slug_bases`: a SlugBases, where new columns' slugs start from."""
        found = {name: self.sections[name] for name in names if name in self.sections}
        if names - set(found):
            found.update(Section.objects.filter(name__in=names - set(found)).values_list("name", "pk"))
        for name in sorted(names - set(found)):
            slug = unique_slug_for(Section(name=name), name, base=slug_bases[name])
            found[name] = Section.objects.create(name=name, slug=slug).pk
        self.sections.update(found)
        return found
