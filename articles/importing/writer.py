"""Apply an IssuePlan (issue_plan.py) to the database: one bulk insert per table for what is new,
an UPDATE per article for what changed, and the publication events. Derived data (search text,
display, running order) and the page cache follow the commit (derived/)."""

from dataclasses import dataclass

from django.utils import timezone

from ..database import database
from ..derived import record
from ..models import Article, Author, Byline, Image, Issue, Page, PublicationEvent, Section, Status
from .revise import apply_updates


@dataclass
class Written:
    """What a plan's writing did, for the report: ids of the new articles, and of the articles
    imported before that it published."""

    created: list
    published: list


class IssueWriter:
    def __init__(self, authors, sections, publish=False, user=None):
        """`authors`, `sections`: the Directory the plans were made against; new names' ids are
        added to them."""
        self.authors, self.sections = authors, sections
        self.publish, self.user = publish, user
        self.now = timezone.now().replace(microsecond=0)  # times are shown and edited to the second

    def write(self, plan):
        issue_id = self.issue(plan)
        pages = self.pages(issue_id, plan)
        self.names(Author, plan.authors, self.authors)
        self.names(Section, plan.sections, self.sections)
        # Stories already on the page move first, so that new ones find their positions free.
        changed, published = apply_updates(plan.updates, self.sections.ids, self.authors.ids, self.now)
        created = self.articles(pages, plan.articles)
        moved = [u.article.pk for u in plan.updates if u.moved]
        self.events(issue_id if plan.release else None, [*created, *published] if self.publish else published)
        record(created=created, bodies=changed, articles=[*moved, *published], issues=[issue_id])
        return Written(created, published)

    def issue(self, plan):
        """The issue's id: created if new; released now if the import publishes and it is not yet."""
        released_at = self.now if plan.release else None
        if plan.issue_id is None:
            return Issue.objects.create(date=plan.date, released_at=released_at).pk
        if plan.release:
            Issue.objects.filter(pk=plan.issue_id).update(released_at=released_at)
        return plan.issue_id

    def pages(self, issue_id, plan):
        """{number: page id} of the plan's pages: new ones created, changed ones updated."""
        new = [
            Page(
                issue_id=issue_id,
                number=p.number,
                name=p.name,
                editor=p.editor,
                source_text=p.text,
                source_checksum=p.checksum,
                import_warnings=p.warnings,
            )
            for p in plan.pages
            if p.pk is None
        ]
        ids = {page.number: page.pk for page in database().insert(new)}
        for p in plan.pages:
            if p.pk is not None:
                fields = {"source_text": p.text, "source_checksum": p.checksum}
                fields.update(
                    {name: value for name, value in (("name", p.name), ("editor", p.editor)) if value}
                )
                Page.objects.filter(pk=p.pk).update(**fields)
        for number, warnings in plan.warnings.items():
            if number not in ids:
                Page.objects.filter(issue_id=issue_id, number=number).update(import_warnings=warnings)
        stored = Page.objects.filter(issue_id=issue_id, number__in=[r.number for r in plan.results])
        return {**dict(stored.values_list("number", "pk")), **ids}

    @staticmethod
    def names(model, new, directory):
        rows = database().insert(model(name=name, slug=slug) for name, slug in new)
        directory.ids.update((row.name, row.pk) for row in rows)

    def articles(self, pages, new):
        """Create the new articles with their bylines and photos; return their ids."""
        status = {"status": Status.PUBLISHED, "publish_at": self.now} if self.publish else {}
        rows = database().insert(
            Article(
                page_id=pages[a.page],
                position=a.position,
                import_key=a.key,
                slug=a.slug,
                section_id=self.sections.ids.get(a.column),
                **a.fields,
                **status,
            )
            for a in new
        )
        authors = self.authors.ids
        database().insert(
            Byline(article_id=row.pk, author_id=authors[name], role=role, order=order)
            for row, a in zip(rows, new, strict=True)
            for order, (name, role) in enumerate(a.bylines)
        )
        database().insert(
            Image(
                article_id=row.pk,
                order=order,
                caption=caption,
                credit=credit,
                credit_author_id=authors.get(credit),
            )
            for row, a in zip(rows, new, strict=True)
            for order, (caption, credit) in enumerate(a.images)
        )
        return [row.pk for row in rows]

    def events(self, released_issue, published):
        """The issue's release and one event per article published, by the importing user."""
        user_id = self.user.pk if self.user else None
        events = [
            PublicationEvent(
                action=PublicationEvent.Action.PUBLISH, article_id=pk, publish_at=self.now, user_id=user_id
            )
            for pk in published
        ]
        if released_issue:
            events.insert(
                0,
                PublicationEvent(
                    action=PublicationEvent.Action.RELEASE,
                    issue_id=released_issue,
                    publish_at=self.now,
                    user_id=user_id,
                ),
            )
        database().insert(events)
