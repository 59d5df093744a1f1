"""Text measurement shared by the layout and the recording renderer.

Both must use the very numbers the PDF will print with, or labels placed "without
overlap" would overlap on paper: widths come from the font chain (per-character
fallback included), ascent and descent from the primary face of the role.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase import pdfmetrics

from ..fonts import FontSet


class TextMetrics:
    """Width, ascent and descent of text set in one of the guide's font roles."""

    def __init__(self, fonts: FontSet):
        self.fonts = fonts
        self._width = lru_cache(maxsize=8192)(self._measure)

    def _measure(self, text: str, role: str, size: float) -> float:
        return self.fonts.string_width(text, role, size)

    def width(self, text: str, role: str, size: float) -> float:
        return self._width(text, role, size)

    def ascent(self, role: str, size: float) -> float:
        return _face_metric(self.fonts.primary(role), "ascent") * size / 1000

    def descent(self, role: str, size: float) -> float:
        """Positive distance from the baseline down to the lowest point."""
        return -_face_metric(self.fonts.primary(role), "descent") * size / 1000


@lru_cache(maxsize=None)
def _face_metric(font_name: str, which: str) -> float:
    return float(getattr(pdfmetrics.getFont(font_name).face, which))
