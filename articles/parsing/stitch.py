"""Step 9 across files: a story that jumps pages (转版) becomes one article again.

    page 1: 全面系统优化…  …推动发展（下转第3版）
    page 3: （上接第1版）全区上下…          -> one article on page 1, continued text appended

The part on the later page is matched by its 上接 mark to the story on the earlier page whose
下转 mark points there. A paragraph cut by the jump is rejoined like one cut at a column.
"""

from .punctuation import ends_sentence


def stitch_continuations(pages):
    by_number = {page.number: page for page in pages if page.number is not None}
    for page in pages:
        for article in page.articles:
            if article.continued_to is None:
                continue
            target = by_number.get(article.continued_to)
            part = _find_part(target, page.number) if target else None
            if part is None:
                page.warn(
                    article.line,
                    f"“{article.headline}”转第{article.continued_to}版，但本次导入中没有该版",
                )
                continue
            _append(article, part)
            target.articles.remove(part)
    return pages


def _find_part(page, from_number):
    return next((a for a in page.articles if a.continued_from == from_number), None)


def _append(article, part):
    blocks = list(part.blocks)
    last = article.blocks[-1] if article.blocks else None
    if (
        last is not None
        and last.type == "paragraph"
        and not ends_sentence(last.text)
        and blocks
        and blocks[0].type == "paragraph"
    ):
        last.text += blocks.pop(0).text
    article.blocks.extend(blocks)
    names = {credit.name for credit in article.authors}
    article.authors.extend(credit for credit in part.authors if credit.name not in names)
    article.continued_to = part.continued_to
