"""The one step that brings derived data up to date after a commit: search text, display, rendered
bodies and running orders, then the page cache's tags of everything that shows them.

It runs after the commit (changes.py), in a transaction of its own, and reads the committed rows,
so what it writes matches them however the change was made. Two rebuilds take turns
(database.take_turns): one that read before another's commit cannot write last.
The page cache is told last, once the derived data is in place; a request that built a page
from the old rows meanwhile is not kept (caching/store.py).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from taggit.models import TaggedItem

from ..caching.schedule import forget_schedule
from ..caching.store import bump_tags
from ..database import REBUILDS, database
from ..models import Article, Byline, Page
from ..search import backend, documents_for
from . import tags
from .display import displays_for
from .running_order import refresh_running_order

BATCH = 500


def rebuild(changes):
    with transaction.atomic():
        database().take_turns(REBUILDS)
        rerender_bodies(changes.bodies)
        article_ids = changes.articles | changes.created | changes.bodies
        article_ids |= articles_naming(changes.authors, changes.tags)
        if len(article_ids) > BATCH:
            database().before_bulk_index()
        cache_tags = set(changes.cache_tags)
        issue_ids = set(changes.issues)
        issue_ids |= set(Page.objects.filter(pk__in=changes.pages).values_list("issue_id", flat=True))
        rewrite(article_ids)
        for batch in batches(article_ids):
            cache_tags |= tags_of_articles(batch, issue_ids)
        # A new article is on no cached page yet: a tag kept for each would only fill the cache.
        cache_tags -= {tags.article(pk) for pk in changes.created - changes.articles}
        refresh_running_order(issue_ids)
    cache_tags |= {tags.issue(pk) for pk in issue_ids}
    cache_tags |= {tags.author(pk) for pk in changes.authors} | {tags.tag(pk) for pk in changes.tags}
    if article_ids or issue_ids:
        cache_tags.add(tags.ANY_ARTICLE)
        forget_schedule()
    if changes.issues:  # an issue itself changed: the list of released issues may have
        cache_tags.add(tags.ISSUES)
    bump_tags(cache_tags)


def batches(ids):
    ids = sorted(ids)
    return [ids[start : start + BATCH] for start in range(0, len(ids), BATCH)]


def rewrite(article_ids):
    """Write the display and search text of these articles, together (search/backends.py), a batch
    at a time. Each batch is read before the one before it is written: on PostgreSQL the write is
    then sent without waiting (database.overlapped), and the server writes one batch while this
    process prepares the next."""
    search, todo = backend(), batches(article_ids)
    if not todo:
        return
    with database().overlapped():
        read = read_batch(todo[0])
        for following in [*todo[1:], None]:
            prepared = search.prepare(read)
            read = read_batch(following) if following else None
            search.write(prepared)


def read_batch(article_ids):
    """[(article id, display as stored, SearchDocument)] of these articles."""
    documents, displays = documents_for(article_ids), displays_for(article_ids)
    column = Article._meta.get_field("display")
    return [(pk, column.get_db_prep_save(displays[pk], connection), doc) for pk, doc in documents.items()]


def rerender_bodies(article_ids):
    """Bodies show their images: render them again, with the images as they now are."""
    articles = list(Article.objects.filter(pk__in=article_ids).prefetch_related("images"))
    for article in articles:
        article.refresh_derived_fields(list(article.images.all()))
    Article.objects.bulk_update(articles, ["body_html", "summary"])


def articles_naming(author_ids, tag_ids):
    """The articles whose display or search text names these authors or taggit tags."""
    named = set(Byline.objects.filter(author_id__in=author_ids).values_list("article_id", flat=True))
    tagged = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Article), tag_id__in=tag_ids
    )
    return named | set(tagged.values_list("object_id", flat=True))


def tags_of_articles(article_ids, issue_ids):
    """The cache tags of everything that shows these articles: their own pages, and the lists of
    their issues, sections, authors and tags. Adds their issues to `issue_ids`."""
    found = {tags.article(pk) for pk in article_ids}
    rows = Article.objects.filter(pk__in=article_ids).values_list("page__issue_id", "section_id")
    for issue_id, section_id in rows:
        issue_ids.add(issue_id)
        if section_id:
            found.add(tags.section(section_id))
    authors = Byline.objects.filter(article_id__in=article_ids).values_list("author_id", flat=True)
    found |= {tags.author(pk) for pk in authors}
    tagged = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Article), object_id__in=article_ids
    ).values_list("tag_id", flat=True)
    return found | {tags.tag(pk) for pk in tagged}
