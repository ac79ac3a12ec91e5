"""What each public page is built from, declared by the view that builds it."""

ANY_ARTICLE = "articles"  # feeds, sitemaps, search: anything published anywhere
ISSUES = "issues"  # the list of released issues (date picker, home)


def declare(response, tags):
    """Attach dependency tags to a response so that the page cache may keep it."""
    response.cache_tags = sorted(set(tags))
    return response


def article_tags(article):
    tags = [f"article:{article.pk}", f"issue:{article.page.issue_id}"]
    tags += [f"author:{byline['author_id']}" for byline in article.display["bylines"]]
    tags += [f"tag:{tag['id']}" for tag in article.display["tags"]]
    if article.section_id:
        tags.append(f"section:{article.section_id}")
    return tags
