"""The dry-run structure, as JSON (a contract other tools read) and as text for a person.

JSON shape, per page:
    {"source", "encoding", "date" (YYYY-MM-DD or null), "number" (int or null), "name" (or null),
     "layout" ("column-broken" or "paragraph-per-line"), "paper" (or null), "editor" (or null),
     "warnings": [{"line", "message"}],
     "articles": [{"kicker", "headline", "subtitle", "column", "authors": [{"name", "role"}],
                   "blocks": [{"type": "paragraph"|"subhead", "text"} | {"type": "image",
                              "caption", "credit"}]}]}
Absent text fields are empty strings.
"""


def page_to_dict(page):
    return {
        "source": page.source,
        "encoding": page.encoding,
        "date": page.date.isoformat() if page.date else None,
        "number": page.number,
        "name": page.name or None,
        "layout": page.layout,
        "paper": page.paper or None,
        "editor": page.editor or None,
        "warnings": [{"line": w.line, "message": w.message} for w in page.warnings],
        "articles": [_article_to_dict(article) for article in page.articles],
    }


def _article_to_dict(article):
    return {
        "kicker": article.kicker,
        "headline": article.headline,
        "subtitle": article.subtitle,
        "column": article.column,
        "authors": [{"name": c.name, "role": c.role} for c in article.authors],
        "blocks": [_block_to_dict(block) for block in article.blocks],
    }


def _block_to_dict(block):
    if block.type == "image":
        return {"type": "image", "caption": block.caption, "credit": block.credit}
    return {"type": block.type, "text": block.text}


def pages_to_text(pages):
    """The same structure laid out for reading in a terminal or the admin."""
    out = []
    for page in pages:
        date = page.date.isoformat() if page.date else "（无日期）"
        number = f"第{page.number}版" if page.number is not None else "（无版次）"
        out.append(f"== {page.source}  [{page.encoding}]  {date} {number} {page.name}".rstrip())
        for n, article in enumerate(page.articles, start=1):
            out.append(f"  [{n}] {article.headline}")
            if article.kicker:
                out.append(f"      引题: {article.kicker}")
            if article.subtitle:
                out.append(f"      副题: {article.subtitle}")
            if article.column:
                out.append(f"      栏目: {article.column}")
            if article.authors:
                names = "、".join(f"{c.role} {c.name}".strip() for c in article.authors)
                out.append(f"      作者: {names}")
            for block in article.blocks:
                out.append("      " + _block_line(block))
        for warning in page.warnings:
            out.append(f"  ! line {warning.line}: {warning.message}")
    return "\n".join(out)


def _block_line(block):
    if block.type == "image":
        credit = f" （{block.credit} 摄）" if block.credit else ""
        return f"[图] {block.caption}{credit}"
    if block.type == "subhead":
        return f"## {block.text}"
    text = block.text if len(block.text) <= 40 else block.text[:39] + "…"
    return f"¶ {text}"
