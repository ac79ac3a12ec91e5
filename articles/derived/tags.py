"""The page cache's tag vocabulary: the one place that names what a cached page depends on.

A view declares the tags of what it shows; rebuild.py bumps the tags of what changed. Both build
them here, so a tag that one side spells differently cannot silently leave a page stale.
"""

ANY_ARTICLE = "articles"  # feeds, sitemaps, search, the home page: anything published anywhere
ISSUES = "issues"  # the list of released issues (date picker, home)


def article(pk):
    return f"article:{pk}"


def issue(pk):
    return f"issue:{pk}"


def author(pk):
    return f"author:{pk}"


def section(pk):
    return f"section:{pk}"


def tag(pk):
    return f"tag:{pk}"


def of_article_page(shown):
    """An article's page: the article, its issue, the authors and tags it names, its column."""
    tags = [article(shown.pk), issue(shown.page.issue_id)]
    tags += [author(credit.author_id) for credit in shown.display.bylines]
    tags += [tag(entry.id) for entry in shown.display.tags]
    if shown.section_id:
        tags.append(section(shown.section_id))
    return tags


def of_cards(articles):
    """Article cards show headline and byline: their articles and authors."""
    tags = []
    for shown in articles:
        tags.append(article(shown.pk))
        tags += [author(credit.author_id) for credit in shown.display.bylines]
    return tags
