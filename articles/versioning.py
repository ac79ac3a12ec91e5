"""What django-reversion keeps of an article at each save: what editors write, with its bylines
and photos. Derived data is rebuilt on save, and the version number must not travel back with a
restore (it would make the restore look like a stale save).

An imported article's first revision is its imported text, so that the history shows what the
desk changed from the print text and can bring it back. It is written just before the first
edit, not at import: an import writes thousands of articles that nobody will edit."""

import reversion
from reversion.models import Version

from .models import Article, Byline, Image

UNVERSIONED = {
    Article: ("version", "body_html", "search_text", "search_vector", "import_base", "display"),
    Image: ("width", "height", "format"),
    Byline: (),
}
reversion.register(Byline)
reversion.register(Image, exclude=UNVERSIONED[Image])
reversion.register(Article, exclude=UNVERSIONED[Article], follow=("bylines", "images"))

IMPORTED = "导入版面原文"


def keep_imported_text(article):
    """Make the stored state of an imported article, never edited yet, its first revision."""
    if article.import_key is None or Version.objects.get_for_object(article).exists():
        return
    with reversion.create_revision():
        reversion.set_comment(IMPORTED)
        reversion.set_date_created(article.created_at)
        reversion.add_to_revision(article)
