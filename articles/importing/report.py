"""What an import did, counted for the summary line and listed for the editor."""

from dataclasses import dataclass, field

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


@dataclass
class PageResult:
    source: str
    date: object
    number: int
    articles: int = 0
    warnings: list = field(default_factory=list)


@dataclass
class ImportReport:
    pages: list[PageResult] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (headline, what was kept and why)
    skipped_zh: list[tuple[str, str]] = field(default_factory=list)  # the same, for the admin
    published: int = 0  # articles imported before, published by this import
    authors_created: int = 0
    attached: list = field(default_factory=list)  # [epaper.attach.Attached] of pages with files

    def add(self, plan, publish):
        """Count an IssuePlan (issue_plan.py) once it is written."""
        self.pages.extend(plan.results)
        self.created += len(plan.articles)
        self.authors_created += len(plan.authors)
        for update in plan.updates:
            headline = update.article.values["headline"]
            if update.content_changed or update.moved:
                self.updated += 1
            else:
                self.unchanged += 1
            if update.kept:
                fields = "、".join(FIELD_LABELS[name] for name in update.kept)
                self.skipped.append(
                    (headline, f"edited in the admin since the last import; kept the editor's {fields}")
                )
                self.skipped_zh.append((headline, f"上次导入后在后台改过，保留编辑改过的{fields}"))
            if update.publish:
                self.published += 1
            elif publish and update.article.taken_offline:
                self.skipped.append((headline, "unpublished by an editor; left unpublished"))
                self.skipped_zh.append((headline, "编辑已撤回，保持撤回"))

    @property
    def warnings(self):
        return [(page.source, w.line, w.message) for page in self.pages for w in page.warnings]

    def summary(self):
        return (
            f"{len(self.pages)} pages; articles: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {len(self.skipped)} kept; "
            f"{self.authors_created} authors created; {len(self.warnings)} warnings"
            + (f"; {len(self.attached)} pages with PDF or image, {self.areas} areas" if self.attached else "")
        )

    @property
    def areas(self):
        return sum(attached.areas for attached in self.attached)

    @property
    def unplaced(self):
        return [(attached.page, headline) for attached in self.attached for headline in attached.unplaced]

    def summary_zh(self):
        return (
            f"共 {len(self.pages)} 版；稿件：新建 {self.created} 篇，更新 {self.updated} 篇，"
            f"未变 {self.unchanged} 篇，保留编辑修改 {len(self.skipped)} 篇；"
            f"新建作者 {self.authors_created} 位；警告 {len(self.warnings)} 条"
            + (f"；带版面文件 {len(self.attached)} 版，热区 {self.areas} 个" if self.attached else "")
        )

    def as_dict(self):
        return {
            "pages": [
                {"source": p.source, "date": p.date.isoformat(), "number": p.number, "articles": p.articles}
                for p in self.pages
            ],
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": [{"headline": h, "reason": r} for h, r in self.skipped],
            "published": self.published,
            "authors_created": self.authors_created,
            "warnings": [{"source": s, "line": n, "message": m} for s, n, m in self.warnings],
            "page_files": [
                {"page": a.page, "areas": a.areas, "unplaced": a.unplaced, "unchanged": a.unchanged}
                for a in self.attached
            ],
        }
