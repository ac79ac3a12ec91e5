"""Who may see and change which article: the one rule that every admin page, inline, action and
URL asks, through `user.has_perm(permission, obj)` (django-rules' object permission backend).

- The desk (编辑, or a superuser): sees and changes everything, and alone publishes, unpublishes
  and releases.
- A reporter (记者): sees the articles on which they hold a byline (through Author.user), changes
  those of them that are drafts, and nothing else: not another's article, nor the issue overview,
  the pages' imported text or anyone's bylines and photos but through their own drafts.

A byline, photo or correction is judged by its article. Model permissions (the groups') still
apply: the rule narrows them, never widens them.
"""

import rules
from django.contrib.auth.backends import ModelBackend

from .models import Article, Status

PUBLISH_PERMISSION = "articles.publish_article"
# The groups a migration creates (0004_roles, narrowed by 0009_reporters_see_own_work).
EDITOR_GROUP = "编辑"
REPORTER_GROUP = "记者"

_model_backend = ModelBackend()


def has_model_permission(user, permission):
    """The groups' answer alone: asking user.has_perm() here would ask these rules again."""
    return user.is_active and _model_backend.has_perm(user, permission)


def model_permission(permission):
    @rules.predicate(name=f"has {permission}")
    def predicate(user):
        return has_model_permission(user, permission)

    return predicate


@rules.predicate
def is_desk(user):
    """Editors and superusers: whoever may publish."""
    return user.is_active and (user.is_superuser or has_model_permission(user, PUBLISH_PERMISSION))


def article_of(obj):
    """The article an object belongs to: itself, or the article of a byline, photo or correction."""
    if obj is None or isinstance(obj, Article):
        return obj
    return getattr(obj, "article", None)


@rules.predicate
def holds_byline(user, obj):
    article = article_of(obj)
    if article is None or article.pk is None:
        return False
    return article.bylines.filter(author__user=user).exists()


@rules.predicate
def is_draft(user, obj):
    article = article_of(obj)
    # The admin asks with the article as loaded, before any form has changed it.
    return article is not None and article.pk is not None and article.status == Status.DRAFT


may_see = is_desk | holds_byline
may_change = is_desk | (holds_byline & is_draft)


def _rule(app_model, action, predicate):
    permission = f"articles.{action}_{app_model}"
    rules.add_perm(permission, model_permission(permission) & predicate)


for _model in ("article", "byline", "image", "correction"):
    _rule(_model, "view", may_see)
    _rule(_model, "change", may_change)
    _rule(_model, "delete", is_desk if _model == "article" else may_change)
    _rule(_model, "add", may_change)
# The issue overview, pages with their imported text, and the import: the desk's.
for _model in ("issue", "page"):
    for _action in ("view", "change", "delete", "add"):
        _rule(_model, _action, is_desk)


def can_publish(user):
    return is_desk(user)


def visible_articles(user, queryset):
    """The articles of `queryset` that `user` may see, as one filter for lists and look-ups."""
    if is_desk(user):
        return queryset
    return queryset.filter(pk__in=Article.objects.filter(bylines__author__user=user).values("pk"))


def may(user, action, obj):
    """Whether `user` may `action` ("view", "change", "delete", "add") `obj`, by its model's rule."""
    return user.has_perm(f"{obj._meta.app_label}.{action}_{obj._meta.model_name}", obj)
