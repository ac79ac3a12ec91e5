"""What another editor changed since this editor opened the article.

The change form carries a signed snapshot of the article as it was when opened. When the save is
refused for a stale version, that snapshot compared with the article as stored now lists the
other editor's changes, field by field.
"""

from django.core import signing
from django.utils.html import format_html, format_html_join
from reversion.models import Version

from ..models import Article

COMPARED = ("kicker", "headline", "subtitle", "section", "body", "summary", "status", "publish_at")
SNAPSHOT_SALT = "articles.edit-snapshot"
SHORT = 60


def snapshot(article):
    """The compared fields of `article`, signed, for a hidden form field."""
    values = {name: _plain(getattr(article, Article._meta.get_field(name).attname)) for name in COMPARED}
    return signing.dumps(values, salt=SNAPSHOT_SALT, compress=True)


def read_snapshot(token):
    try:
        return signing.loads(token, salt=SNAPSHOT_SALT)
    except (signing.BadSignature, TypeError):
        return None


def describe_conflict(article, loaded_version, opened_as):
    """An HTML message for a save based on `loaded_version`, or None if it is current.

    The stored row is locked until the save's transaction ends (the admin saves in one): two
    editors saving at once are checked one after the other, so the second is refused here
    instead of passing the check and losing the race at the write.
    """
    current = Article.objects.select_for_update().filter(pk=article.pk).first()
    if current is None or current.version == loaded_version:
        return None
    changes = changes_since(current, opened_as) if opened_as else []
    lines = format_html_join("", "<li><b>{}</b>：{} → {}</li>", changes)
    return format_html(
        "保存失败：{} 在您打开之后修改并保存了这篇稿件。您的修改仍保留在下面的表单中，"
        "请对照以下改动合并后再保存（重新打开页面会载入对方的版本）。<ul>{}</ul>",
        latest_editor(current) or "另一位编辑",
        lines or format_html("<li>{}</li>", "状态或署名等发生了变化"),
    )


def changes_since(current, opened_as):
    changes = []
    for name in COMPARED:
        field = Article._meta.get_field(name)
        before, after = opened_as.get(name), _plain(getattr(current, field.attname))
        if before != after:
            changes.append((field.verbose_name, _short(before), _short(after)))
    return changes


def latest_editor(article):
    version = Version.objects.get_for_object(article).select_related("revision__user").first()
    return version.revision.user if version and version.revision.user else None


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _short(value):
    text = "（空）" if value in (None, "") else str(value)
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"
