"""Write one parsed page: its issue, page, articles, bylines, authors, section and images.

Work is in bulk, so that a page costs the same few queries whatever its length: one look-up of
the page's existing articles, one of their authors and sections, and one insert per table.
Articles are upserted by an import key (date/page/position); one an editor has changed since the
last import is skipped and reported, never overwritten.
"""

import hashlib
from types import SimpleNamespace

from django.db.models import Prefetch
from django.utils import timezone

from ..body import BodyBlock, join_body, render_body
from ..caching import ANY_ARTICLE
from ..caching.invalidation import bump as invalidate
from ..models import Article, Author, Byline, Image, Issue, Page, PublicationEvent, Section, Status
from ..models.article import summarize
from ..parsing import Warning
from ..search.backends import search_text_for, store_search_vectors
from ..slugs import first_free, pinyin_slug, unique_slug_for
from .fingerprint import fingerprint, stored_fingerprint
from .options import ImportFailed
from .report import ImportReport, PageResult


class PageLoader:
    def __init__(self, options, user=None):
        self.options = options
        self.user = user
        self.report = ImportReport()
        self.now = timezone.now()
        self.issues = {}
        self.seen_pages = {}
        self.published = []
        self.authors = {}
        self.sections = {}

    def load(self, parsed):
        key = (parsed.date, parsed.number)
        if key in self.seen_pages:
            raise ImportFailed(
                f"{parsed.source}: page {parsed.number} of {parsed.date} is also given by "
                f"{self.seen_pages[key]}"
            )
        self.seen_pages[key] = parsed.source
        page, created = self.save_page(parsed)
        result = PageResult(parsed.source, parsed.date, parsed.number, len(parsed.articles))
        result.warnings = list(parsed.warnings)
        self.save_articles(page, parsed, result, new_page=created)
        warnings = [{"line": w.line, "message": w.message} for w in result.warnings]
        if warnings != page.import_warnings:
            page.import_warnings = warnings
            Page.objects.filter(pk=page.pk).update(import_warnings=warnings)
        self.report.pages.append(result)
        return result

    # -- issue and page -------------------------------------------------------------------------

    def issue_for(self, date):
        issue = self.issues.get(date)
        if issue is None:
            issue, _ = Issue.objects.get_or_create(date=date)
            self.issues = {date: issue}  # one issue at a time: memory stays flat over a year
        if self.options.publish and not issue.is_released:
            issue.released_at = self.now
            issue.save(update_fields=["released_at"])
            PublicationEvent.objects.create(
                action=PublicationEvent.Action.RELEASE, user=self.user, issue=issue, publish_at=self.now
            )
        return issue

    def save_page(self, parsed):
        issue = self.issue_for(parsed.date)
        checksum = hashlib.sha256(parsed.text.encode("utf-8")).hexdigest()
        page, created = Page.objects.get_or_create(
            issue=issue,
            number=parsed.number,
            defaults={
                "name": parsed.name,
                "editor": parsed.editor,
                "source_text": parsed.text,
                "source_checksum": checksum,
                "import_warnings": [{"line": w.line, "message": w.message} for w in parsed.warnings],
            },
        )
        if not created and page.source_checksum != checksum:
            page.source_text, page.source_checksum = parsed.text, checksum
            page.name = parsed.name or page.name
            page.editor = parsed.editor or page.editor
            page.save(update_fields=["source_text", "source_checksum", "name", "editor"])
        return page, created

    # -- articles -------------------------------------------------------------------------------

    def save_articles(self, page, parsed, result, new_page):
        keys = [import_key(parsed, position) for position in range(1, len(parsed.articles) + 1)]
        # A page created just now has no articles yet: its first import skips the look-ups.
        existing = (
            {}
            if new_page
            else {
                article.import_key: article
                for article in Article.objects.filter(import_key__in=keys)
                .select_related("section")
                .prefetch_related(
                    Prefetch("bylines", queryset=Byline.objects.select_related("author")), "images"
                )
            }
        )
        authors = self.authors_for(parsed)
        sections = self.sections_for(parsed)
        on_page = (
            []
            if new_page
            else list(Article.objects.filter(page=page).values_list("slug", "import_key", "headline"))
        )
        taken_slugs = {slug for slug, _, _ in on_page}
        for _, key, headline in on_page:
            if key and key not in keys:
                result.warnings.append(
                    Warning(
                        0,
                        f"“{headline}” came from an earlier import of this page and is no "
                        "longer in its text; it was left as it is",
                    )
                )

        to_create, to_update, children = [], [], []
        for position, (key, item) in enumerate(zip(keys, parsed.articles, strict=True), start=1):
            content = article_content(item)
            article = existing.get(key)
            if article is not None:
                if stored_fingerprint(article) != article.import_hash:
                    self.report.skipped.append(
                        (article.headline, "edited in the admin since the last import")
                    )
                    continue
                if content["import_hash"] == article.import_hash:
                    self.report.unchanged += 1
                    self.publish(article, to_update)
                    continue
                self.report.updated += 1
                to_update.append(article)
            else:
                article = Article(page=page, position=position, import_key=key, version=1)
                slug = first_free(pinyin_slug(item.headline, 76), taken_slugs)
                taken_slugs.add(slug)
                article.slug = slug
                self.report.created += 1
                to_create.append(article)
            for field, value in content.items():
                setattr(article, field, value)
            article.section = sections.get(item.column)
            self.publish(article, None)
            children.append((article, item))

        Article.objects.bulk_create(to_create)
        if to_update:
            for article in to_update:
                article.updated_at = self.now
                article.version += 1  # an editor with the old version open gets a conflict
            Article.objects.bulk_update(
                to_update,
                [
                    "kicker",
                    "headline",
                    "subtitle",
                    "section",
                    "body",
                    "body_html",
                    "summary",
                    "search_text",
                    "status",
                    "publish_at",
                    "import_hash",
                    "updated_at",
                    "version",
                ],
            )
        self.replace_children(children, authors)
        self.record_publications()
        touched = {article.pk for article, _ in children} | {a.pk for a in to_update}
        if touched:
            # What these pages show is known here: no need to look it up again.
            invalidate(
                ANY_ARTICLE,
                f"issue:{page.issue_id}",
                *(f"article:{pk}" for pk in touched),
                *(f"author:{author.pk}" for author in authors.values()),
                *(f"section:{section.pk}" for section in sections.values()),
            )

    def publish(self, article, dirty):
        if not self.options.publish or article.status == Status.PUBLISHED:
            return
        article.status = Status.PUBLISHED
        article.publish_at = article.publish_at or self.now
        self.published.append(article)
        if dirty is not None:
            dirty.append(article)

    def record_publications(self):
        """One publication event per article this page published, by the importing user."""
        PublicationEvent.objects.bulk_create(
            PublicationEvent(
                action=PublicationEvent.Action.PUBLISH, user=self.user, article=a, publish_at=a.publish_at
            )
            for a in self.published
        )
        self.published = []

    def replace_children(self, children, authors):
        """New bylines and images for created and updated articles, and their rendered bodies."""
        rewritten = [article.pk for article, _ in children if article.pk]
        Byline.objects.filter(article_id__in=rewritten).delete()
        Image.objects.filter(article_id__in=rewritten).delete()
        bylines, images = [], []
        for article, item in children:
            for order, credit in enumerate(item.authors):
                bylines.append(
                    Byline(article=article, author=authors[credit.name], role=credit.role, order=order)
                )
            article_images = [
                Image(
                    article=article,
                    order=order,
                    caption=block.caption,
                    credit=block.credit,
                    credit_author=authors.get(block.credit),
                )
                for order, block in enumerate(b for b in item.blocks if b.type == "image")
            ]
            images.extend(article_images)
        Byline.objects.bulk_create(bylines)
        Image.objects.bulk_create(images)
        store_search_vectors([(article, [c.name for c in item.authors]) for article, item in children])

    # -- people and columns ---------------------------------------------------------------------

    def authors_for(self, parsed):
        names = {c.name for a in parsed.articles for c in a.authors}
        names |= {
            name
            for a in parsed.articles
            for b in a.blocks
            if b.type == "image" and b.credit
            for name in b.credit.split("、")
        }
        # Authors recur from page to page: those seen in this run are remembered by name.
        found = {name: self.authors[name] for name in names if name in self.authors}
        unknown = names - set(found)
        if unknown:
            for author in Author.objects.filter(name__in=unknown).order_by("pk"):
                found.setdefault(author.name, author)
        missing = sorted(names - set(found))
        if missing:
            bases = {name: pinyin_slug(name, 76) for name in missing}
            # Exact slugs, not prefixes, so that the look-up uses the unique index however many
            # authors there are.
            candidates = [slug for base in set(bases.values()) for slug in slug_candidates(base)]
            taken = set(Author.objects.filter(slug__in=candidates).values_list("slug", flat=True))
            new = []
            for name in missing:
                slug = first_free(bases[name], taken)
                if slug not in slug_candidates(bases[name]):
                    slug = unique_slug_for(Author(name=name), name)  # a very common name: ask the database
                taken.add(slug)
                new.append(Author(name=name, slug=slug))
            for author in Author.objects.bulk_create(new):
                found[author.name] = author
            self.report.authors_created += len(new)
        self.authors.update(found)
        return found

    def sections_for(self, parsed):
        names = {a.column for a in parsed.articles if a.column}
        if not names:
            return {}
        found = {name: self.sections[name] for name in names if name in self.sections}
        if names - set(found):
            found.update({s.name: s for s in Section.objects.filter(name__in=names - set(found))})
        for name in names - set(found):
            found[name] = Section.objects.create(name=name)
        self.sections.update(found)
        return found


SLUG_CANDIDATES = 30


def slug_candidates(base):
    """base, base-2 ... base-30: the slugs first_free() may pick for a new author."""
    return [base] + [f"{base}-{n}" for n in range(2, SLUG_CANDIDATES + 1)]


def import_key(parsed, position):
    return f"{parsed.date.isoformat()}/{parsed.number}/{position}"


def article_content(item):
    """The model fields an article gets from its parsed form, with the hash of that content."""
    body_blocks, image_number = [], 0
    images = []
    for block in item.blocks:
        if block.type == "image":
            image_number += 1
            images.append(Image(caption=block.caption, credit=block.credit))
            body_blocks.append(BodyBlock("image", str(image_number)))
        else:
            body_blocks.append(BodyBlock(block.type, block.text))
    body = join_body(body_blocks)
    return {
        "kicker": item.kicker,
        "headline": item.headline,
        "subtitle": item.subtitle,
        "body": body,
        "body_html": render_body(body, images),
        "summary": summarize(body),
        "search_text": search_text_for(
            SimpleNamespace(headline=item.headline, kicker=item.kicker, subtitle=item.subtitle, body=body),
            [c.name for c in item.authors],
        ),
        "import_hash": fingerprint(
            kicker=item.kicker,
            headline=item.headline,
            subtitle=item.subtitle,
            section=item.column,
            body=body,
            bylines=[(c.name, c.role) for c in item.authors],
            images=[(i.caption, i.credit, False) for i in images],
        ),
    }
