"""Write one issue's parsed pages: the issue, its pages, articles, bylines, authors, columns, images.

Work is in bulk per issue, so that a new issue costs the same dozen or so queries whatever its
length: one insert per table. New rows get their ids ahead (ids.py), so a new issue reads
nothing back. A page imported before is planned first (plan.py): each story is recognised by
what it says, updated where nobody edited it, and kept where an editor did; new stories take
the free positions around the rest.
"""

import hashlib

from django.db import connection
from django.db.models.signals import post_save
from django.utils import timezone

from ..caching import ANY_ARTICLE
from ..caching.invalidation import bump as invalidate
from ..display import empty_display, refresh_display
from ..models import Article, Byline, Image, Issue, Page, PublicationEvent, Status
from ..parsing import Warning
from ..running_order import refresh_running_order, write_running_order
from ..search import reindex_articles
from ..slugs import first_free
from .content import article_content, import_key
from .ids import ReservedIds
from .options import ImportFailed
from .people import Contributors, names_in
from .plan import Incoming, plan_page
from .report import ImportReport, PageResult
from .revise import apply_updates
from .rows import insert_rows
from .slug_bases import SlugBases
from .stored import stored_articles

FIELD_LABELS = {
    "kicker": "引题",
    "headline": "主题",
    "subtitle": "副题",
    "body": "正文",
    "summary": "摘要",
    "section": "栏目",
    "bylines": "署名",
    "images": "图片说明",
}


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


def warnings_json(warnings):
    return [{"line": w.line, "message": w.message} for w in warnings]


def incoming(item, fields):
    """A parsed article as the plan compares it."""
    return Incoming(
        values={
            **{name: fields[name] for name in ("kicker", "headline", "subtitle", "body", "summary")},
            "section": item.column,
        },
        bylines=tuple((credit.name, credit.role) for credit in item.authors),
        images=tuple((b.caption, b.credit) for b in item.blocks if b.type == "image"),
    )


class IssueLoader:
    def __init__(self, options, user=None):
        self.options = options
        self.user = user
        self.report = ImportReport()
        self.now = timezone.now()
        self.seen_pages = {}
        self.ids = ReservedIds()
        self.issue_ids = None  # {date: issue id}, read on first use
        self.contributors = Contributors(self.ids)
        self.published = []
        self.events = []  # publication events not yet written: releases, then publications
        # PostgreSQL keeps the search vector in the row: written with it, not by a second UPDATE.
        self.store_vectors = connection.vendor == "postgresql"

    def load(self, parsed_pages, prepared=None, slug_bases=None):
        """Write the pages of one issue (all of one date); return a PageResult for each.

        `prepared`: {id(article): (fields, vector)} and `slug_bases`: {text: slug base}, computed
        ahead (prepare.py) where available.
        """
        prepared = prepared or {}
        slug_bases = SlugBases(slug_bases or {})
        for parsed in parsed_pages:
            self.check_not_seen(parsed)
        issue, new_issue = self.issue_for(parsed_pages[0].date)
        pages = self.save_pages(issue, parsed_pages, new_issue)
        items = [item for parsed in parsed_pages for item in parsed.articles]
        authors = self.contributors.authors_for(names_in(items), slug_bases)
        sections = self.contributors.sections_for({item.column for item in items if item.column}, slug_bases)
        results = [
            PageResult(p.source, p.date, p.number, len(p.articles), list(p.warnings)) for p in parsed_pages
        ]
        on_pages = stored_articles([page for page, created in pages if not created])

        new_rows, children, updates = [], [], []
        for parsed, (page, _), result in zip(parsed_pages, pages, results, strict=True):
            stored = on_pages.get(page.pk, [])
            contents = [self.content_of(item, prepared) for item in parsed.articles]
            plan = plan_page(
                [incoming(item, fields) for item, (fields, _) in zip(parsed.articles, contents, strict=True)],
                stored,
                publish=self.options.publish,
            )
            result.warnings += left_behind(plan.left)
            taken_slugs = {article.slug for article in stored}
            taken_keys = {article.import_key for article in stored if article.import_key}
            for index, position in plan.creates:
                item, (content, vector) = parsed.articles[index], contents[index]
                key = import_key(parsed, item.headline, taken_keys)
                taken_keys.add(key)
                slug = first_free(slug_bases[item.headline], taken_slugs)
                taken_slugs.add(slug)
                row = {"page_id": page.pk, "position": position, "import_key": key, "slug": slug}
                row.update(content, section_id=sections.get(item.column), version=1)
                row["display"] = self.display_of(item)
                if self.store_vectors:
                    row["search_vector"] = vector
                self.publish(row)
                new_rows.append(row)
                children.append((key, item))
            self.count(plan)
            updates += plan.updates

        for row, pk in zip(new_rows, self.ids.take(Article, len(new_rows)), strict=True):
            row["id"] = pk
        changed, published = apply_updates(updates, sections, authors, self.now)
        insert_rows(Article, new_rows)
        ids = {row["import_key"]: row["id"] for row in new_rows}
        self.insert_children(children, ids, authors)
        reindex_articles(changed)
        refresh_display(changed)
        if new_issue:  # all it holds was written just now: no need to read it back
            write_running_order(issue.pk, self.running_order_rows(pages, new_rows, ids))
        else:
            refresh_running_order([issue.pk])
        self.record_publications(ids, published)
        for (page, created), result in zip(pages, results, strict=True):
            warnings = warnings_json(result.warnings)
            if not created and warnings != page.import_warnings:
                Page.objects.filter(pk=page.pk).update(import_warnings=warnings)
        touched = [u.article.pk for u in updates if u.writes]
        if ids or touched:
            # What these pages show is known here: no need to look it up again. An article,
            # author or column new in this transaction cannot be on a cached page: only the
            # lists that will show it.
            invalidate(
                ANY_ARTICLE,
                f"issue:{issue.pk}",
                *(f"article:{pk}" for pk in touched),
                *self.contributors.cached_tags(authors.values(), sections.values()),
            )
        self.report.pages.extend(results)
        self.report.authors_created = self.contributors.authors_created
        return results

    def count(self, plan):
        """Add a page's plan to the report."""
        self.report.created += len(plan.creates)
        for update in plan.updates:
            headline = update.article.values["headline"]
            if update.content_changed or update.moved:
                self.report.updated += 1
            else:
                self.report.unchanged += 1
            if update.kept:
                fields = "、".join(FIELD_LABELS[name] for name in update.kept)
                self.report.skipped.append(
                    (headline, f"edited in the admin since the last import; kept the editor's {fields}")
                )
            if update.publish:
                self.report.published += 1
            elif self.options.publish and update.article.taken_offline:
                self.report.skipped.append((headline, "unpublished by an editor; left unpublished"))

    @staticmethod
    def running_order_rows(pages, new_rows, ids):
        """The new articles as write_running_order() takes them."""
        numbers = {page.pk: page.number for page, _ in pages}
        return [
            (numbers[row["page_id"]], row["position"], ids[row["import_key"]], row["headline"], row["slug"])
            + (row.get("status"), row.get("publish_at"))  # only set where the import publishes
            for row in new_rows
        ]

    def content_of(self, item, prepared):
        """(fields, search vector): prepared ahead where it was, else computed now."""
        if id(item) in prepared:
            fields, vector = prepared[id(item)]
            return dict(fields), vector
        fields, document = article_content(item)
        return fields, document.vector() if self.store_vectors else None

    def display_of(self, item):
        """A new article's display: its bylines; tags, photo files and corrections come later."""
        display = empty_display()
        display["bylines"] = [self.contributors.byline(credit) for credit in item.authors]
        return display

    def check_not_seen(self, parsed):
        key = (parsed.date, parsed.number)
        if key in self.seen_pages:
            raise ImportFailed(
                f"{parsed.source}: page {parsed.number} of {parsed.date} is also given by "
                f"{self.seen_pages[key]}"
            )
        self.seen_pages[key] = parsed.source

    # -- issue and pages ------------------------------------------------------------------------

    def is_new_issue(self, date):
        """Whether no issue of this date is in the database, or written by this import."""
        if self.issue_ids is None:
            self.issue_ids = self.issues_in_database()
        return date not in self.issue_ids

    @staticmethod
    def issues_in_database():
        """{date: id} of every issue: a few thousand rows for ten years of a daily."""
        return dict(Issue.objects.values_list("date", "pk"))

    def issue_for(self, date):
        """(issue, created): the issue of this date, created if new, and released if the import
        publishes."""
        released_at = self.now if self.options.publish else None
        created = self.is_new_issue(date)
        if created:
            # Imports take turns (pipeline.py): no other import can have added it since.
            pk = self.issue_ids[date] = self.ids.take(Issue, 1)[0]
            insert_rows(Issue, [{"id": pk, "date": date, "released_at": released_at}])
            issue = Issue(pk=pk, date=date, released_at=released_at)
            # Saving the model would have told the page cache and the running order.
            post_save.send(
                Issue, instance=issue, created=True, update_fields=None, raw=False, using=connection.alias
            )
        else:
            issue = Issue.objects.get(pk=self.issue_ids[date])
        release = self.options.publish and (created or not issue.is_released)
        if release and not created:
            issue.released_at = self.now
            issue.save(update_fields=["released_at"])
        if release:
            self.events.append(
                {"action": PublicationEvent.Action.RELEASE, "issue_id": issue.pk, "publish_at": self.now}
            )
        return issue, created

    def save_pages(self, issue, parsed_pages, new_issue=False):
        """[(Page, created)] in the order given: new pages in one insert, changed ones updated."""
        numbers = [parsed.number for parsed in parsed_pages]
        stored = {} if new_issue else {page.number: page for page in issue.pages.filter(number__in=numbers)}
        new = []
        for parsed in parsed_pages:
            checksum = hashlib.sha256(parsed.text.encode("utf-8")).hexdigest()
            page = stored.get(parsed.number)
            if page is None:
                new.append(
                    {
                        "number": parsed.number,
                        "name": parsed.name,
                        "editor": parsed.editor,
                        "source_text": parsed.text,
                        "source_checksum": checksum,
                        "import_warnings": warnings_json(parsed.warnings),
                    }
                )
            elif page.source_checksum != checksum:
                page.source_text, page.source_checksum = parsed.text, checksum
                page.name = parsed.name or page.name
                page.editor = parsed.editor or page.editor
                page.save(update_fields=["source_text", "source_checksum", "name", "editor"])
        for row, pk in zip(new, self.ids.take(Page, len(new)), strict=True):
            row["id"] = pk
        insert_rows(Page, [dict(row, issue_id=issue.pk) for row in new])
        for row in new:
            stored[row["number"]] = Page(issue=issue, **row)
        created = {row["number"] for row in new}
        return [(stored[number], number in created) for number in numbers]

    # -- articles -------------------------------------------------------------------------------

    def publish(self, row):
        """Mark a new article's row published if the import publishes."""
        if self.options.publish:
            row.update(status=Status.PUBLISHED, publish_at=self.now)
            self.published.append(row["import_key"])

    def record_publications(self, ids, updated):
        """The issue's release and one event per article it published, by the importing user:
        new ones (ids by import key) and `updated` ones (ids)."""
        action, user_id = PublicationEvent.Action.PUBLISH, self.user.pk if self.user else None
        published = [ids[key] for key in self.published] + list(updated)
        self.events += [{"action": action, "article_id": pk, "publish_at": self.now} for pk in published]
        insert_rows(PublicationEvent, [dict(event, user_id=user_id) for event in self.events])
        self.published, self.events = [], []

    def insert_children(self, children, ids, authors):
        """The bylines and images of new articles (ids by import key)."""
        bylines, images = [], []
        for key, item in children:
            article_id = ids[key]
            for order, credit in enumerate(item.authors):
                bylines.append(
                    {
                        "article_id": article_id,
                        "author_id": authors[credit.name],
                        "role": credit.role,
                        "order": order,
                    }
                )
            for order, block in enumerate(b for b in item.blocks if b.type == "image"):
                images.append(
                    {
                        "article_id": article_id,
                        "order": order,
                        "caption": block.caption,
                        "credit": block.credit,
                        "credit_author_id": authors.get(block.credit),
                    }
                )
        insert_rows(Byline, bylines)
        insert_rows(Image, images)
