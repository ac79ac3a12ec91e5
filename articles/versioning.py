"""What django-reversion keeps of an article at each save: what editors write, with its bylines
and photos. Derived data is rebuilt on save, and the version number must not travel back with a
restore (it would make the restore look like a stale save)."""

import reversion

from .models import Article, Byline, Image

UNVERSIONED = {
    Article: ("version", "body_html", "search_text", "search_vector", "import_base", "display"),
    Image: ("width", "height", "format"),
    Byline: (),
}
reversion.register(Byline)
reversion.register(Image, exclude=UNVERSIONED[Image])
reversion.register(Article, exclude=UNVERSIONED[Article], follow=("bylines", "images"))
