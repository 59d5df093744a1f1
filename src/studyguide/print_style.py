"""What every printed thing shares: paper sizes, the print room's safe margin, and the ink
colours. The page layout (layout/styles.py), the charts (charts/style.py), booklets and
flashcards all take these from here, so a colour or a margin is defined once and the
charts need nothing from the layout.
"""

from __future__ import annotations

INCH = 72.0  # points

# width, height in points
PAPER_SIZES: dict[str, tuple[float, float]] = {
    "letter": (8.5 * INCH, 11 * INCH),
    "a4": (595.2755905511812, 841.8897637795277),
    "half-letter": (5.5 * INCH, 8.5 * INCH),
    "a5": (419.52755905511816, 595.2755905511812),
}
# a booklet's pages: half of the sheet it is printed on, so imposition needs no shrinking
BOOKLET_PAGE = {"letter": "half-letter", "a4": "a5"}
SAFE_MARGIN = 0.6 * INCH  # nothing is drawn closer than this to the sheet's edge

# ink, as #rrggbb
INK = "#1a1a1a"
MUTED = "#555555"
RULE = "#9a9a9a"
ACCENT = "#0b4f8a"   # headings: dark blue, reads as near-black in grayscale
ANSWER = "#b1290f"   # teacher answers: dark red, distinct even in grayscale by italics
