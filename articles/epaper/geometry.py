"""Rectangles on a page in page-relative units: x and y from the top left corner, width and height
as shares of the page's, so that an area fits the page's image at any size."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self):
        return self.x + self.width

    @property
    def bottom(self):
        return self.y + self.height

    @property
    def area(self):
        return max(self.width, 0.0) * max(self.height, 0.0)

    def union(self, other):
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Rect(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)

    def intersection_area(self, other):
        width = min(self.right, other.right) - max(self.x, other.x)
        height = min(self.bottom, other.bottom) - max(self.y, other.y)
        return width * height if width > 0 and height > 0 else 0.0

    def horizontal_overlap(self, other):
        """The share of the narrower one's width that the two have in common."""
        common = min(self.right, other.right) - max(self.x, other.x)
        return max(common, 0.0) / max(min(self.width, other.width), 1e-9)

    def grown(self, margin):
        return Rect(self.x - margin, self.y - margin, self.width + 2 * margin, self.height + 2 * margin)

    def clipped(self):
        """Inside the page."""
        x, y = min(max(self.x, 0.0), 1.0), min(max(self.y, 0.0), 1.0)
        return Rect(x, y, min(self.right, 1.0) - x, min(self.bottom, 1.0) - y)

    def rounded(self, digits=4):
        return Rect(*(round(value, digits) for value in (self.x, self.y, self.width, self.height)))


def css_box(x, y, width, height):
    """A rectangle's place as CSS percentages of its page image, for an absolutely placed box."""
    return f"left:{x * 100:.2f}%;top:{y * 100:.2f}%;width:{width * 100:.2f}%;height:{height * 100:.2f}%"


def bounding(rects):
    rects = list(rects)
    box = rects[0]
    for rect in rects[1:]:
        box = box.union(rect)
    return box


# The grid on which overlap is measured: a page is GRID x GRID cells (0.1% of its side each).
GRID = 1000


def coverage(rects):
    """The cells of the page that the union of `rects` covers."""
    import numpy as np  # for measuring (tests, bench): the finder itself never needs it

    mask = np.zeros((GRID, GRID), dtype=bool)
    for rect in rects:
        rect = rect.clipped()
        mask[
            round(rect.y * GRID) : round(rect.bottom * GRID), round(rect.x * GRID) : round(rect.right * GRID)
        ] = True
    return mask


def overlap(found, truth):
    """Intersection over union of two sets of rectangles (each set taken as the area it covers)."""
    a, b = coverage(found), coverage(truth)
    union = int((a | b).sum())
    return int((a & b).sum()) / union if union else 0.0
