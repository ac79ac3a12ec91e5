"""Page PDFs with known article areas, for testing the e-paper's hot zones (热区).

Each page is laid out the way a daily's layout system does it: a header band, a grid of 4 to 6
columns, and articles as rectangular modules cut from the grid (a lead across the top, rows of
two or three, a sidebar down one side), each with its headline stack across its module, a
byline, body text flowed down the module's columns, and sometimes a photo box with its caption
under it. Text comes from pagegen's word pools; the text export beside the PDF holds exactly
what was printed, in the form the importer reads, and the JSON beside them the true area of
every article (the rectangle around everything drawn for it, in page-relative units).

    python -m tests.pdfgen OUT_DIR --pages 20 --seed 1
"""

import argparse
import datetime
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from .pagegen import PAGE_NAMES, PageWriter

FONT = "STSong-Light"  # Adobe's CJK font, which every PDF reader maps to a system font
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

WIDTH, HEIGHT = 842.0, 1191.0  # points: a broadsheet page scaled to A3
MARGIN = 30.0
TOP = 100.0  # under the header band
BOTTOM = HEIGHT - 40.0  # above the folio
BODY_SIZE, BODY_LEADING = 9.5, 13.5


@dataclass
class Module:
    """A rectangle of the grid given to one article, in points from the top left."""

    x: float
    y: float
    width: float
    height: float
    columns: int


@dataclass
class Drawn:
    """What was printed of one article: its text export and the boxes it covers."""

    export: list = field(default_factory=list)  # the article's blocks as the text export has them
    boxes: list = field(default_factory=list)  # (x, y, width, height) in points, top left origin

    def truth(self):
        left = min(b[0] for b in self.boxes)
        top = min(b[1] for b in self.boxes)
        right = max(b[0] + b[2] for b in self.boxes)
        bottom = max(b[1] + b[3] for b in self.boxes)
        return [left / WIDTH, top / HEIGHT, (right - left) / WIDTH, (bottom - top) / HEIGHT]


class PageLayout:
    def __init__(self, rng, writer):
        self.rng = rng
        self.writer = writer

    def modules(self, columns):
        """Cut the grid into modules: guillotine cuts along column lines and across."""
        gutter = 12.0
        column_width = (WIDTH - 2 * MARGIN - (columns - 1) * gutter) / columns

        def span(first, count):
            return MARGIN + first * (column_width + gutter), count * column_width + (count - 1) * gutter

        result = []

        def cut(first, count, top, height, depth):
            r = self.rng
            small = height < 260 or depth >= 3
            if small and (count <= 3 or height < 200):
                x, width = span(first, count)
                result.append(Module(x, top, width, height, count))
                return
            if count >= 2 and (r.random() < 0.45 or height < 260):
                left = r.randint(1, count - 1)
                cut(first, left, top, height, depth + 1)
                cut(first + left, count - left, top, height, depth + 1)
            else:
                upper = height * r.uniform(0.35, 0.6)
                cut(first, count, top, upper - 8, depth + 1)
                cut(first, count, top + upper + 8, height - upper - 8, depth + 1)

        cut(0, columns, TOP, BOTTOM - TOP, 0)
        return result

    def page(self, date, number):
        """(pdf bytes, text export, [true area of each article in export order])."""
        r = self.rng
        out = _Canvas()
        name = PAGE_NAMES[(number - 1) % len(PAGE_NAMES)]
        editor = r.choice(self.writer.staff)
        out.text(MARGIN, 40, "武进日报", 28)
        out.text(
            MARGIN + 150,
            52,
            f"{date.year}年{date.month}月{date.day}日 星期{'一二三四五六日'[date.weekday()]}",
            11,
        )
        out.text(WIDTH - MARGIN - 120, 52, f"第{number}版 {name}", 14)
        out.rule(MARGIN, 80, WIDTH - 2 * MARGIN)
        out.text(MARGIN, HEIGHT - 25, f"责任编辑：{editor}", 9)
        out.commit()
        drawn = []
        for module in self.modules(r.choice((4, 5, 5, 6))):
            article = self.article(out, module)
            if article.boxes:
                drawn.append(article)
        header = [
            f"{date.year}年{date.month}月{date.day}日 星期{'一二三四五六日'[date.weekday()]}",
            f"第{number}版 {name}",
            f"责任编辑：{editor} 版式：{r.choice(self.writer.staff)}",
        ]
        text = "\n".join(header) + "\n\n\n" + "\n\n\n\n".join("\n\n".join(a.export) for a in drawn) + "\n"
        return out.finish(), text, [a.truth() for a in drawn]

    def article(self, out, module):
        r, w = self.rng, self.writer
        drawn = Drawn()
        y = module.y
        stack = w.headline_stack()
        size = min(28.0, max(15.0, module.width / 16))
        heads = []
        for index, line in enumerate(stack):
            is_main = not (
                len(stack) > 1
                and (line.startswith("——") or (index == 0 and len(stack) > 1 and "：" not in line))
            )
            line_size = size if is_main else 11.5
            for piece in wrap(line, line_size, module.width):
                y += line_size * 1.25
                drawn.boxes.append(out.text(module.x, y - line_size * 0.25, piece, line_size))
            heads.append(line)
        drawn.export.append("\n".join(heads))
        byline = w.byline()
        paragraphs = [w.paragraph() for _ in range(r.randint(3, 9))]
        if byline:
            y += 16
            drawn.boxes.append(out.text(module.x, y - 4, byline, 9.5))
            drawn.export.append(byline)
        else:
            paragraphs[0] = f"本报讯（记者 {w.reporter()} 通讯员 {w.correspondent()}）{paragraphs[0]}"
        y += 8
        column_width = (module.width - (module.columns - 1) * 12.0) / module.columns
        tops = [y] * module.columns
        bottom = module.y + module.height
        caption = None
        if module.columns >= 2 and module.height > 300 and r.random() < 0.5:
            spanned = r.choice((1, 2)) if module.columns > 2 else 1
            photo_width = spanned * column_width + (spanned - 1) * 12.0
            photo_height = min(module.height * 0.35, photo_width * 0.7)
            drawn.boxes.append(out.photo(module.x, y, photo_width, photo_height))
            caption = f"图为{r.choice(('西湖街道', '湖塘镇', '高新区'))}{r.choice(('科技创新', '志愿服务', '文化惠民'))}现场"
            if r.random() < 0.5:
                caption += f" 记者 {w.reporter()} 摄"
            cy = y + photo_height
            for piece in wrap(caption, 9.0, photo_width):
                cy += 12
                drawn.boxes.append(out.text(module.x, cy - 2, piece, 9.0))
            for column in range(spanned):
                tops[column] = cy + 10
        flow = _Flow(out, module, column_width, tops, bottom)
        printed = []
        for paragraph in paragraphs:
            boxes = flow.paragraph(paragraph)
            if boxes is None:
                break
            drawn.boxes += boxes
            printed.append(paragraph)
        if not printed:
            out.discard()  # a module too small for any text: left blank, as an advertisement's
            return Drawn()
        out.commit()
        drawn.export += printed
        if caption:  # where the layout system's export puts a caption: after the paragraph it sits by
            drawn.export.insert(len(drawn.export) - len(printed) + 1, "\n\n" + caption)
        return drawn


def wrap(text, size, width):
    """Greedy line breaks by the font's widths."""
    lines, line = [], ""
    for ch in text:
        if line and pdfmetrics.stringWidth(line + ch, FONT, size) > width:
            lines.append(line)
            line = ""
        line += ch
    if line:
        lines.append(line)
    return lines


class _Flow:
    """Body text down a module's columns, a paragraph at a time; a paragraph that does not fit
    whole is left out (and so out of the text export)."""

    def __init__(self, out, module, column_width, tops, bottom):
        self.out, self.module, self.column_width = out, module, column_width
        self.tops, self.bottom = tops, bottom
        self.column = 0

    def paragraph(self, text):
        lines = wrap("\u3000\u3000" + text, BODY_SIZE, self.column_width)
        column, y = self.column, self.tops[self.column]
        placed = []
        for line in lines:
            if y + BODY_LEADING > self.bottom:
                column += 1
                if column >= self.module.columns:
                    return None
                y = self.tops[column]
            placed.append((column, y, line))
            y += BODY_LEADING
        boxes = []
        for column, top, line in placed:
            x = self.module.x + column * (self.column_width + 12.0)
            boxes.append(self.out.text(x, top + BODY_SIZE, line, BODY_SIZE))
        self.column, self.tops[column] = column, y
        return boxes


class _Canvas:
    def __init__(self):
        import io

        self.buffer = io.BytesIO()
        self.canvas = canvas.Canvas(self.buffer, pagesize=(WIDTH, HEIGHT), invariant=1)
        self.pending = []  # an article's drawing, kept until it is known to fit

    def commit(self):
        for draw in self.pending:
            draw()
        self.pending = []

    def discard(self):
        self.pending = []

    def text(self, x, baseline, text, size):
        """Draw at a baseline `baseline` points from the top; the box it covers."""

        def draw():
            self.canvas.setFillGray(0)
            self.canvas.setFont(FONT, size)
            self.canvas.drawString(x, HEIGHT - baseline, text)

        self.pending.append(draw)
        width = pdfmetrics.stringWidth(text.lstrip("\u3000"), FONT, size)
        indent = pdfmetrics.stringWidth(text[: len(text) - len(text.lstrip("\u3000"))], FONT, size)
        return (x + indent, baseline - size * 0.88, width, size * 1.0)

    def photo(self, x, top, width, height):
        def draw():
            self.canvas.setFillGray(0.75)
            self.canvas.rect(x, HEIGHT - top - height, width, height, fill=1, stroke=0)

        self.pending.append(draw)
        return (x, top, width, height)

    def rule(self, x, top, width):
        self.canvas.setLineWidth(1.5)
        self.canvas.line(x, HEIGHT - top, x + width, HEIGHT - top)

    def finish(self):
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()


def generate(out_dir, pages, seed=1, date=datetime.date(2024, 3, 12)):
    """Write `pages` pages of one issue: NN.pdf, NN.txt and NN.areas.json; return their stems."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    layout = PageLayout(random.Random(seed), PageWriter(random.Random(seed)))
    stems = []
    for number in range(1, pages + 1):
        pdf, text, truth = layout.page(date, number)
        stem = out / f"A{number:02d}"
        stem.with_suffix(".pdf").write_bytes(pdf)
        stem.with_suffix(".txt").write_text(text, encoding="utf-8")
        stem.with_suffix(".areas.json").write_text(json.dumps(truth), encoding="utf-8")
        stems.append(stem)
    return stems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    stems = generate(args.out_dir, args.pages, args.seed)
    print(f"{len(stems)} pages written to {args.out_dir}")  # noqa: T201 (a command-line tool)


if __name__ == "__main__":
    main()


def measure_areas(folder, date):
    """The areas stored for the pages of `folder` (imported on `date`) against the true ones:
    ([IoU of each article], [a line for each below 0.85 or not placed])."""
    from articles.epaper.geometry import Rect, overlap
    from articles.models import Page

    scores, report = [], []
    for text in sorted(Path(folder).glob("A*.txt")):
        truth = json.loads(text.with_suffix(".areas.json").read_text())
        page = Page.objects.get(issue__date=date, number=int(text.stem[1:]))
        articles = list(page.articles.order_by("position"))
        if len(articles) != len(truth):
            raise AssertionError(f"{text.name}: {len(articles)} articles read, {len(truth)} laid out")
        for article, true_rect in zip(articles, truth, strict=True):
            found = [Rect(a.x, a.y, a.width, a.height) for a in article.areas.filter(page=page)]
            score = overlap(found, [Rect(*true_rect)]) if found else 0.0
            scores.append(score)
            if score < 0.85:
                report.append(f"{page}: “{article.headline}” {score:.2f} ({len(found)} areas)")
    return scores, report


def import_published_issue(folder, pages, seed, date):
    """Generate `pages` pages into `folder` and import them with their PDFs, published: the
    e-paper's tests' issue. Returns the Issue."""
    import io

    from django.core.management import call_command

    from articles.models import Issue

    generate(folder, pages, seed=seed, date=date)
    files = sorted(str(path) for path in Path(folder).glob("*.txt"))
    call_command("import_issue", *files, "--publish", "--skip-review", stdout=io.StringIO())
    return Issue.objects.get(date=date)
