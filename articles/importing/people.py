"""Who an import's pages credit."""


def names_in(parsed_articles):
    """Everyone credited: bylines, and photographers named in captions (several joined by 、)."""
    names = {c.name for a in parsed_articles for c in a.authors}
    names |= {
        name
        for a in parsed_articles
        for b in a.blocks
        if b.type == "image" and b.credit
        for name in b.credit.split("、")
    }
    return names
