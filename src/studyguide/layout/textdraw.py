"""Drawing strings on a canvas through the font chain (footers, marks, answers, charts,
and the lines of paragraphs that hold shaped text).

Plain runs are drawn as strings. Runs that need shaping or hold right-to-left text are
laid out by studyguide.shaping and drawn glyph by glyph at HarfBuzz's positions, each
inside an /ActualText span that gives text extraction and copy-paste the logical string.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from ..fonts import FontSet
from ..shaping import actual_text, draw_pieces, needs_shaping

__all__ = ["actual_text", "draw_pieces", "draw_runs", "fit_text", "line_pieces", "wrap_words"]


def line_pieces(runs: list[tuple[str, str]], rtl: bool | None = None):
    """Runs of one line -> pieces in visual order (shaping imported only when needed)."""
    from ..shaping import pieces

    return pieces(runs, rtl)


def draw_runs(canv, x: float, y: float, text: str, role: str, size: float, fonts: FontSet,
              anchor: str = "start", rtl: bool | None = None) -> float:
    """Draw `text` with baseline at y; anchor start/middle/end; returns its width.

    rtl: the line's base direction (None: from its first strong character)."""
    runs = fonts.runs(text, role)
    if rtl or needs_shaping(text):
        laid = line_pieces(runs, rtl)
        width = sum(p.width(size) for p in laid)
        x -= width / 2 if anchor == "middle" else width if anchor == "end" else 0
        draw_pieces(canv, x, y, laid, size)
        return width
    width = sum(stringWidth(t, n, size) for n, t in runs)
    if anchor == "middle":
        x -= width / 2
    elif anchor == "end":
        x -= width
    for name, chunk in runs:
        canv.setFont(name, size)
        canv.drawString(x, y, chunk)
        x += stringWidth(chunk, name, size)
    return width


def wrap_words(text: str, role: str, size: float, width: float, fonts: FontSet) -> list[str]:
    """Greedy line breaking at spaces; a word wider than the line is cut by characters."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if fonts.string_width(trial, role, size) <= width:
            line = trial
            continue
        if line:
            lines.append(line)
        line = ""
        while fonts.string_width(word, role, size) > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and fonts.string_width(word[:cut], role, size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def fit_text(text: str, role: str, size: float, width: float, fonts: FontSet,
             min_size: float = 6.0) -> float:
    """Largest size <= `size` (and >= min_size) at which `text` fits on one line."""
    w = fonts.string_width(text, role, size)
    if w <= width or w == 0:
        return size
    return max(min_size, size * width / w)
