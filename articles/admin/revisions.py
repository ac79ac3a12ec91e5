"""Revision history of an article: which fields each save changed, and a diff between any two.

django-reversion keeps a revision at every admin save (and a restore is saved as a new one);
this module compares their stored fields.
"""

import contextvars
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from reversion.models import Version

from ..models import Article
from ..textdiff import word_diff

# A restore in the admin brings text back, never whether or when the article is public: that
# changes only through the recorded workflow, for those who may publish.
WORKFLOW_FIELDS = ["status", "publish_at"]

_kept_workflow = contextvars.ContextVar("kept_workflow", default=None)


@contextmanager
def workflow_kept(article_id):
    """While a revision of this article is restored, every save of it keeps its stored status and
    publish time: the restore's own and the form's after it."""
    stored = (
        Article.objects.filter(pk=article_id).values(*WORKFLOW_FIELDS).first()
        if str(article_id).isdigit()
        else None
    )
    token = _kept_workflow.set((int(article_id), stored) if stored else None)
    try:
        yield
    finally:
        _kept_workflow.reset(token)


@receiver(pre_save, sender=Article)
def keep_workflow_while_restoring(sender, instance, **kwargs):
    keep_workflow(instance)


def keep_workflow(article):
    """Put back the stored status and publish time on an article being restored. Also for the
    form's object: viewing a revision reverts it with signals muted, and the form (and the
    permission to change it) must see the article as public or not as it really is."""
    kept = _kept_workflow.get()
    if article is not None and kept and kept[0] == article.pk:
        for name, value in kept[1].items():
            setattr(article, name, value)
    return article


COMPARED = (
    "kicker",
    "headline",
    "subtitle",
    "section",
    "body",
    "summary",
    "status",
    "publish_at",
    "page",
    "position",
)


def field_label(name):
    return Article._meta.get_field(name).verbose_name


def changed_fields(older, newer):
    """Names of the compared fields that differ between two versions' field dicts."""
    return [name for name in COMPARED if _value(older, name) != _value(newer, name)]


def _value(field_dict, name):
    return field_dict.get(Article._meta.get_field(name).attname)


def history_rows(model_admin, article):
    """Newest first: each version with its author, time, changed fields and restore link."""
    versions = list(Version.objects.get_for_object(article).select_related("revision__user"))
    rows = []
    for index, version in enumerate(versions):
        older = versions[index + 1].field_dict if index + 1 < len(versions) else {}
        changes = changed_fields(older, version.field_dict) if older else ["（首个版本）"]
        rows.append(
            {
                "version": version,
                "changes": [field_label(c) if c in COMPARED else c for c in changes],
                "restore_url": reverse(
                    f"{model_admin.admin_site.name}:articles_article_revision", args=[article.pk, version.pk]
                ),
            }
        )
    return rows


def compare_view(model_admin, request, object_id):
    article = get_object_or_404(Article, pk=object_id)
    if not model_admin.has_view_or_change_permission(request, article):
        raise PermissionDenied
    versions = Version.objects.get_for_object(article)
    older = get_object_or_404(versions, pk=request.GET.get("a"))
    newer = get_object_or_404(versions, pk=request.GET.get("b"))
    if older.revision.date_created > newer.revision.date_created:
        older, newer = newer, older
    diffs = [
        {
            "label": field_label(name),
            "html": word_diff(_value(older.field_dict, name), _value(newer.field_dict, name)),
        }
        for name in changed_fields(older.field_dict, newer.field_dict)
    ]
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"比较修订：{article}",
        "opts": Article._meta,
        "original": article,
        "older": older,
        "newer": newer,
        "diffs": diffs,
    }
    return TemplateResponse(request, "admin/articles/article/compare.html", context)
