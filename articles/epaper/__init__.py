"""The e-paper (数字报): a page's PDF or image, rendered at import into the images the reader's
page view shows, and the areas (热区) each article covers on it.

- pdf.py reads a PDF: its size, its text lines and its pictures with their positions, and renders it;
- pictures.py makes the screen, zoom and thumbnail images from a rendering or an uploaded image;
- geometry.py: rectangles in page-relative units, and how much two sets of them overlap;
- hotzones.py finds each article's areas among a page's text lines (pure: no ORM);
- attach.py stores a page's files and areas (the ORM side).
"""
