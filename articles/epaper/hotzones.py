"""Where each article sits on its page (热区), found from the page PDF's text layer. Pure: the
PDF's lines and pictures and the articles' printed text in, rectangles out.

A layout system breaks paragraphs into lines wherever a column ends, and may print quotes,
dashes and spaces differently from its text export; letters and digits are what both agree on. So:

1. Each text line of the PDF, reduced to its letters and digits, is looked up in each article's
   text: a line found in one article belongs to it. A line found in none goes to the one article
   holding most of it from its start or end (a caption printed with its credit), or else (a
   byline printed in another order) to the article sharing most of its pairs of characters, if
   clearly most.
2. Short lines found in several articles (the last two characters of a paragraph) go to the
   article of the nearest line above or below them in the same column.
3. A picture goes to the article whose caption sits right under it, or else whose lines surround it.
4. An article's area is the rectangle around its lines and pictures where that rectangle holds
   nobody else's; otherwise a rectangle per column (and per stretch of a column) that does.

Lines belonging to no article (the page's header, the folio, advertisements) are left out.
"""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from .geometry import Rect, bounding

# A line's pairs of characters that must be found in one article for it to take the line when
# the line itself is not found as it is, and how far ahead of the next article it must be.
PAIR_SHARE = 0.5
PAIR_LEAD = 0.25
# How much of a line, from its start or its end, one article must hold for it to take the line.
PART_SHARE = 0.6
# How far a line may be from its neighbour, in line heights, to follow it (step 2).
NEIGHBOUR_GAP = 3.0
# How close under a picture its caption sits, as a share of the page's height.
CAPTION_GAP = 0.03
MARGIN = 0.002
# Lines an article of another page needs here to be taken for a jump continued on this page.
JUMP_LINES = 3


@dataclass(frozen=True)
class ArticleText:
    """An article's printed text in pieces (headline stack, each byline, paragraphs, captions)."""

    key: object
    pieces: tuple
    on_this_page: bool = True  # False for an article jumping here from another page


@dataclass
class Placement:
    areas: dict = field(default_factory=dict)  # {key: [Rect]}
    unplaced: list = field(default_factory=list)  # keys of the page's own articles not found


def letters(text):
    """The letters and digits of `text`, full-width ones as ASCII, lower case."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def pairs(text):
    return {text[i : i + 2] for i in range(len(text) - 1)}


@dataclass
class _Line:
    box: Rect
    text: str
    candidates: tuple = ()
    owner: object = None


def find_areas(pdf_page, articles):
    """The Placement of `articles` ([ArticleText]) on `pdf_page` (pdf.PdfPage)."""
    # A separator that no reduced line contains keeps a line from matching across two pieces.
    texts = {a.key: "|".join(letters(piece) for piece in a.pieces) for a in articles}
    article_pairs = {key: pairs(text.replace("|", "")) for key, text in texts.items()}
    own = {a.key for a in articles if a.on_this_page}
    lines = [_Line(line.box, letters(line.text)) for line in pdf_page.lines]
    lines = [line for line in lines if line.text]
    for line in lines:
        settle_by_text(line, texts, article_pairs, own)
    settle_by_neighbours(lines)
    boxes = defaultdict(list)
    for line in lines:
        if line.owner is not None:
            boxes[line.owner].append(line.box)
    for key in [key for key in boxes if key not in own and len(boxes[key]) < JUMP_LINES]:
        del boxes[key]  # a sentence another page's article happens to share, not a jump
    for picture, owner in owners_of_pictures(pdf_page.pictures, lines, boxes):
        boxes[owner].append(picture)
    placement = Placement()
    for article in articles:
        if article.key in boxes:
            others = [box for key, theirs in boxes.items() if key != article.key for box in theirs]
            placement.areas[article.key] = areas_around(boxes[article.key], others)
        elif article.on_this_page:
            placement.unplaced.append(article.key)
    return placement


def settle_by_text(line, texts, article_pairs, own):
    found = tuple(key for key, text in texts.items() if line.text in text)
    if len(found) > 1:
        # The same words in two articles: the page's own ones first.
        found = tuple(key for key in found if key in own) or found
    if len(found) == 1:
        line.owner = found[0]
        return
    if found:
        line.candidates = found
        return
    part = found_in_part(line.text, texts)
    if part is not None:
        line.owner = part
        return
    line_pairs = pairs(line.text)
    if not line_pairs:
        return
    shares = sorted(
        ((len(line_pairs & theirs) / len(line_pairs), key) for key, theirs in article_pairs.items()),
        key=lambda item: -item[0],
    )
    best = shares[0] if shares else (0, None)
    runner_up = shares[1][0] if len(shares) > 1 else 0
    if best[0] >= PAIR_SHARE and best[0] - runner_up >= PAIR_LEAD:
        line.owner = best[1]


def found_in_part(text, texts):
    """The one article holding most of the line from its start or its end: a caption printed
    with its credit ("图为……记者 闫婷 摄") that the article keeps as caption and photographer."""
    shortest = max(4, round(len(text) * PART_SHARE))
    for length in range(len(text) - 1, shortest - 1, -1):
        for part in (text[:length], text[-length:]):
            found = [key for key, article_text in texts.items() if part in article_text]
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                return None
    return None


def settle_by_neighbours(lines):
    """Lines whose text several articles contain follow the nearest settled line of their column,
    or, at the top of a column, the nearest line beside it (a paragraph running on from the
    column before). A line no article contains (a byline in another form) between two lines of
    one article in its column belongs to that article."""
    changed = True
    while changed:
        changed = False
        for line in lines:
            if line.owner is not None or not line.candidates:
                continue
            others = [other for other in lines if other.owner in line.candidates]
            neighbour = nearest_in_column(line, others) or nearest_beside(line, others)
            if neighbour is not None:
                line.owner = neighbour.owner
                changed = True
    settled = [line for line in lines if line.owner is not None]
    for line in lines:
        if line.owner is None and not line.candidates:
            above = nearest_in_column(line, [other for other in settled if other.box.bottom <= line.box.y])
            below = nearest_in_column(line, [other for other in settled if other.box.y >= line.box.bottom])
            if above is not None and below is not None and above.owner == below.owner:
                line.owner = above.owner


def nearest_in_column(line, others):
    reach = NEIGHBOUR_GAP * line.box.height
    best, best_gap = None, None
    for other in others:
        if line.box.horizontal_overlap(other.box) < 0.5:
            continue
        gap = max(other.box.y - line.box.bottom, line.box.y - other.box.bottom, 0.0)
        if gap <= reach and (best_gap is None or gap < best_gap):
            best, best_gap = other, gap
    return best


def nearest_beside(line, others):
    """The nearest line level with this one, to its left or right, within a gutter's reach."""
    reach = NEIGHBOUR_GAP * line.box.height
    best, best_gap = None, None
    for other in others:
        level = min(line.box.bottom, other.box.bottom) - max(line.box.y, other.box.y)
        if level <= 0:
            continue
        gap = max(other.box.x - line.box.right, line.box.x - other.box.right, 0.0)
        if gap <= reach and (best_gap is None or gap < best_gap):
            best, best_gap = other, gap
    return best


def owners_of_pictures(pictures, lines, boxes):
    """[(picture, article key)]: by the caption right under it, else by the lines around it."""
    settled = [line for line in lines if line.owner is not None]
    for picture in pictures:
        under = [
            line
            for line in settled
            if 0 <= line.box.y - picture.bottom <= CAPTION_GAP and line.box.horizontal_overlap(picture) >= 0.5
        ]
        if under:
            yield picture, min(under, key=lambda line: line.box.y).owner
            continue
        centre_x, centre_y = picture.x + picture.width / 2, picture.y + picture.height / 2
        for key, theirs in boxes.items():
            box = bounding(theirs)
            if box.x <= centre_x <= box.right and box.y <= centre_y <= box.bottom:
                yield picture, key
                break


def areas_around(mine, others):
    """Rectangles covering `mine` and none of `others`: one if it can be, else one per column and
    stretch, merged where a merge covers nobody else's."""
    whole = bounding(mine)
    if not any(holds(whole, other) for other in others):
        return [whole.grown(MARGIN).clipped()]
    groups = []
    for column in columns(mine):
        groups += stretches(column, others)
    rects = [bounding(group) for group in groups]
    merged = True
    while merged:
        merged = False
        for i in range(len(rects)):
            for j in range(i + 1, len(rects)):
                union = rects[i].union(rects[j])
                if not any(holds(union, other) for other in others):
                    rects[i] = union
                    del rects[j]
                    merged = True
                    break
            if merged:
                break
    return [rect.grown(MARGIN).clipped() for rect in rects]


def holds(rect, other):
    """Whether `other`'s centre lies inside `rect`."""
    centre_x, centre_y = other.x + other.width / 2, other.y + other.height / 2
    return rect.x < centre_x < rect.right and rect.y < centre_y < rect.bottom


def columns(boxes):
    """Boxes grouped by the column they stand in (boxes overlapping sideways share one)."""
    groups = []
    for box in sorted(boxes, key=lambda box: box.width, reverse=True):
        for group in groups:
            span = bounding(group)
            if box.horizontal_overlap(span) >= 0.5 and box.width <= span.width * 1.5:
                group.append(box)
                break
        else:
            groups.append([box])
    return groups


def stretches(column, others):
    """A column's boxes cut where someone else's box stands between them."""
    column = sorted(column, key=lambda box: box.y)
    result = [[column[0]]]
    for box in column[1:]:
        last = result[-1][-1]
        gap = Rect(
            min(last.x, box.x),
            last.bottom,
            max(last.right, box.right) - min(last.x, box.x),
            box.y - last.bottom,
        )
        if gap.height > 0 and any(holds(gap, other) for other in others):
            result.append([box])
        else:
            result[-1].append(box)
    return result
