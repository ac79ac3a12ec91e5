"""The plan of importing one issue's parsed pages: what to create, update and leave, worked out
from what the database holds (stored.py reads it) without touching the database. writer.py
applies it.

A page imported before is planned story by story (plan.py); everything else is new: pages,
articles with their slugs and import keys, the authors and columns the pages name for the first
time.
"""

import hashlib
from dataclasses import dataclass, field

from ..parsing import Warning
from ..slugs import first_free
from .content import article_content, import_key
from .people import names_in
from .plan import Incoming, plan_page
from .report import PageResult
from .slug_bases import slug_base


@dataclass
class Directory:
    """Authors or columns: {name: id} of those that exist, and every slug taken."""

    ids: dict = field(default_factory=dict)
    taken: set = field(default_factory=set)

    def new_names(self, names):
        """[(name, slug)] for the names not known yet, with free slugs (now taken)."""
        new = []
        for name in sorted(set(names) - set(self.ids)):
            slug = first_free(slug_base(name), self.taken)
            self.taken.add(slug)
            new.append((name, slug))
        return new


@dataclass(frozen=True)
class StoredPage:
    pk: int
    checksum: str
    warnings: list


@dataclass(frozen=True)
class Holdings:
    """What the database holds of one issue: the issue (None if new), its pages by number, and the
    articles on them ({page number: [StoredArticle]})."""

    issue_id: int | None = None
    released: bool = False
    pages: dict = field(default_factory=dict)
    articles: dict = field(default_factory=dict)


@dataclass(frozen=True)
class PageWrite:
    """A page to create (pk None) or whose text changed."""

    number: int
    name: str
    editor: str
    text: str
    checksum: str
    warnings: list
    pk: int | None = None


@dataclass(frozen=True)
class NewArticle:
    page: int  # the page's number
    position: int
    key: str
    slug: str
    fields: dict  # content.article_content()
    column: str
    bylines: tuple  # ((name, role), ...)
    images: tuple  # ((caption, credit), ...)


@dataclass
class IssuePlan:
    date: object
    issue_id: int | None
    release: bool
    pages: list = field(default_factory=list)  # [PageWrite]
    warnings: dict = field(default_factory=dict)  # {page number: [{"line", "message"}]} as stored
    authors: list = field(default_factory=list)  # [(name, slug)] to create
    sections: list = field(default_factory=list)  # [(name, slug)] to create
    articles: list = field(default_factory=list)  # [NewArticle]
    updates: list = field(default_factory=list)  # [plan.Update]
    results: list = field(default_factory=list)  # [PageResult] in the order given


def plan_issue(parsed_pages, holdings, authors, sections, publish=False):
    """The IssuePlan of `parsed_pages` (one issue, continuations stitched) onto `holdings`;
    `authors` and `sections`: Directory, to which the new names' slugs are added."""
    date = parsed_pages[0].date
    plan = IssuePlan(date, holdings.issue_id, release=publish and not holdings.released)
    items = [item for parsed in parsed_pages for item in parsed.articles]
    plan.authors = authors.new_names(names_in(items))
    plan.sections = sections.new_names({item.column for item in items if item.column})
    for parsed in parsed_pages:
        result = PageResult(
            parsed.source, parsed.date, parsed.number, len(parsed.articles), list(parsed.warnings)
        )
        plan.results.append(result)
        stored = holdings.articles.get(parsed.number, [])
        plan_articles(plan, parsed, stored, result, publish)
        plan_page_row(plan, parsed, holdings.pages.get(parsed.number), result)
    return plan


def text_checksum(text):
    """What a page's text is known by: the same text imported again has the same checksum."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def plan_page_row(plan, parsed, stored, result):
    checksum = text_checksum(parsed.text)
    warnings = [{"line": w.line, "message": w.message} for w in result.warnings]
    if stored is None or stored.checksum != checksum:
        pk = stored.pk if stored else None
        plan.pages.append(
            PageWrite(parsed.number, parsed.name, parsed.editor, parsed.text, checksum, warnings, pk)
        )
    if stored is None or warnings != stored.warnings:
        plan.warnings[parsed.number] = warnings


def plan_articles(plan, parsed, stored, result, publish):
    contents = [article_content(item) for item in parsed.articles]
    stories = [incoming(item, fields) for item, fields in zip(parsed.articles, contents, strict=True)]
    page_plan = plan_page(stories, stored, publish)
    result.warnings += left_behind(page_plan.left)
    taken_slugs = {article.slug for article in stored}
    taken_keys = {article.import_key for article in stored if article.import_key}
    for index, position in page_plan.creates:
        item = parsed.articles[index]
        key = import_key(parsed, item.headline, taken_keys)
        slug = first_free(slug_base(item.headline), taken_slugs)
        taken_keys.add(key)
        taken_slugs.add(slug)
        plan.articles.append(
            NewArticle(
                page=parsed.number,
                position=position,
                key=key,
                slug=slug,
                fields=contents[index],
                column=item.column,
                bylines=stories[index].bylines,
                images=stories[index].images,
            )
        )
    plan.updates += page_plan.updates


def incoming(item, fields):
    """A parsed article as the page plan compares it."""
    return Incoming(
        values={
            **{name: fields[name] for name in ("kicker", "headline", "subtitle", "body", "summary")},
            "section": item.column,
        },
        bylines=tuple((credit.name, credit.role) for credit in item.authors),
        images=tuple((b.caption, b.credit) for b in item.blocks if b.type == "image"),
    )


def left_behind(articles):
    """Warnings for articles an earlier import of a page made that its text no longer has."""
    return [
        Warning(
            0,
            f"“{article.values['headline']}” came from an earlier import of this page and is no "
            "longer in its text; it was left as it is",
        )
        for article in articles
    ]
