"""Who may do what in the admin.

编辑 (editors) edit everything and publish. 记者 (reporters) edit only drafts on which they hold
a byline (through Author.user), and can neither publish nor delete.
"""

from ..models import Status

EDITOR_GROUP = "编辑"
REPORTER_GROUP = "记者"
PUBLISH_PERMISSION = "articles.publish_article"


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def is_reporter_only(user):
    """A user whose article rights are a reporter's: no publishing, own drafts only."""
    return not user.is_superuser and not can_publish(user)


def holds_byline(user, article):
    return article.bylines.filter(author__user=user).exists()


def may_edit(user, article):
    if not is_reporter_only(user):
        return True
    return article.status == Status.DRAFT and holds_byline(user, article)
