"""Drawing plain strings on a canvas through the font chain (footers, marks, answers).

Paragraphs handle fallback through `text.to_markup`; these helpers do the same for the
few strings drawn directly, so a CJK title in a footer still prints real glyphs.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from ..fonts import FontSet


def draw_runs(canv, x: float, y: float, text: str, role: str, size: float, fonts: FontSet,
              anchor: str = "start") -> float:
    """Draw `text` with baseline at y; anchor start/middle/end; returns its width."""
    runs = fonts.runs(text, role)
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
