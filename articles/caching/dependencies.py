"""How a view says what its page shows, so that the page cache may keep it (tags: derived/tags.py)."""


def declare(response, tags):
    """Attach dependency tags to a response so that the page cache may keep it."""
    response.cache_tags = sorted(set(tags))
    return response
