"""The proofreading findings in the admin: on the article form, each at its place in the text,
and counted per article in the issue overview."""

from ..models import Article, TermRule
from ..proofreading import Terms, check_article
from ..review import FACT_FIELDS


def terms_for(names):
    words = tuple(TermRule.objects.values_list("word", "preferred", "note"))
    return Terms(names=tuple(names), words=words)


def names_of(article):
    """The names a misspelling would be of: the article's bylines and photo credits."""
    names = [byline.author.name for byline in article.bylines.all()]
    return names + [image.credit for image in article.images.all() if image.credit]


def findings_context(article):
    """For the change form: each finding with its field's label, line and surrounding text."""
    if article is None:
        return {}
    fields = {name: getattr(article, name) for name in FACT_FIELDS}
    shown = []
    for finding in check_article(fields, terms_for(names_of(article))):
        text = fields[finding.field]
        before, found, after = finding.context(text)
        shown.append(
            {
                "finding": finding,
                "field": Article._meta.get_field(finding.field).verbose_name,
                "line": finding.line(text),
                "before": before,
                "found": found,
                "after": after,
            }
        )
    return {"proofreading": shown}


def count_findings(articles):
    """Set .finding_count on each article (bylines prefetched): one query for the word list."""
    words = tuple(TermRule.objects.values_list("word", "preferred", "note"))
    for article in articles:
        names = tuple(byline.author.name for byline in article.bylines.all())
        fields = {name: getattr(article, name) for name in FACT_FIELDS}
        article.finding_count = len(check_article(fields, Terms(names=names, words=words)))
