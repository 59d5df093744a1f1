"""Flashcards: every key term on a card, eight to a sheet, definitions on the back.

Pages alternate fronts (terms) and backs (definitions). The card grid is symmetric about
the sheet's vertical centre line and the backs put each card in the mirrored column, so a
double-sided print flipped on the LONG edge lands every definition behind its term.
Cut marks sit outside the grid, in the band between the 0.6 in safe margin and the cards;
nothing is drawn in the safe margin itself. Card text is wrapped and shrunk until it fits
(and, past the smallest readable size, cut with an ellipsis), so it never leaves its card.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas

from . import __version__
from . import model as m
from .layout.styles import ACCENT, INK, MUTED, RULE, SAFE_MARGIN, Styles
from .labels import Labels, unit_labels
from .layout.textdraw import draw_runs
from .layout.textflow import Paragraph  # ReportLab's, or ours where text must be shaped
from .text import paragraphs, plain, to_markup

COLS, ROWS = 2, 4
PER_PAGE = COLS * ROWS

MARK_GAP = 4.0      # between a cut mark and the card edge it extends
MARK_LEN = 12.0     # length of a cut mark
BAND_X = 22.0       # room for cut marks left and right of the grid
BAND_Y = 32.0       # room for cut marks plus one line of small text above and below the grid
PAD = 12.0          # blank border inside each card: room for cutting and duplex misregistration
CORNER = 7.0        # size of the section title and card number in the card's corner
TERM_SIZE, ALSO_SIZE, DEF_SIZE = 18.0, 9.5, 11.0
MIN_SIZE = 4.5      # below this a card is unreadable: the text is cut instead


@dataclass(frozen=True)
class Grid:
    """Where the cards are: the same on every page, mirror-symmetric left to right."""

    page: tuple[float, float]

    @property
    def x0(self) -> float:
        return SAFE_MARGIN + BAND_X

    @property
    def y0(self) -> float:
        return SAFE_MARGIN + BAND_Y

    @property
    def card_w(self) -> float:
        return (self.page[0] - 2 * self.x0) / COLS

    @property
    def card_h(self) -> float:
        return (self.page[1] - 2 * self.y0) / ROWS

    def cell(self, row: int, col: int) -> tuple[float, float, float, float]:
        """(x, y, w, h) of the card at row (0 = top) and column (0 = left)."""
        x = self.x0 + col * self.card_w
        y = self.page[1] - self.y0 - (row + 1) * self.card_h
        return x, y, self.card_w, self.card_h


def front_cell(i: int) -> tuple[int, int]:
    """(row, column) of card i (0-7) of a sheet on the front page."""
    return i // COLS, i % COLS


def back_cell(i: int) -> tuple[int, int]:
    """(row, column) of card i on the back page: same row, mirrored column."""
    row, col = front_cell(i)
    return row, COLS - 1 - col


def flashcards_pdf(unit: m.Unit, styles: Styles) -> bytes:
    """The flashcard PDF of `unit` (deterministic bytes); ValueError if it has no key terms."""
    cards = unit.all_terms()
    if not cards:
        raise ValueError(f"{unit.path}: no key terms, so no flashcards")
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=styles.pagesize, invariant=1, lang=unit.language,
                  initialFontName=styles.fonts.primary("serif"), initialFontSize=10)
    words = unit_labels(unit)
    canv.setTitle(words("flashcards_title", title=plain(unit.title)))
    canv.setAuthor(unit.author or "")
    canv.setSubject(plain(unit.subtitle or unit.course or ""))
    canv.setCreator(f"studyguide {__version__}")
    canv.setProducer(f"studyguide {__version__} (ReportLab)")
    canv.setViewerPreference("DisplayDocTitle", "true")
    grid = Grid(styles.pagesize)
    sheets = -(-len(cards) // PER_PAGE)
    for sheet in range(sheets):
        batch = cards[sheet * PER_PAGE:(sheet + 1) * PER_PAGE]
        first = sheet * PER_PAGE
        for back in (False, True):
            _page_furniture(canv, grid, styles, unit, sheet, sheets, back, words)
            for i, (section, term) in enumerate(batch):
                row, col = back_cell(i) if back else front_cell(i)
                box = grid.cell(row, col)
                _corner(canv, box, styles, section.title, first + i + 1)
                block = definition_block(term) if back else term_block(term, words)
                _draw_block(canv, box, styles, block)
            canv.showPage()
    canv.save()
    return buf.getvalue()


# --- page furniture ------------------------------------------------------------


def _page_furniture(canv: Canvas, grid: Grid, styles: Styles, unit: m.Unit, sheet: int,
                    sheets: int, back: bool, words: Labels) -> None:
    """Cut marks, the printing instructions (first page) and a sheet label (bottom)."""
    w, h = grid.page
    fonts = styles.fonts
    canv.saveState()
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.5)
    top, bottom = h - grid.y0, grid.y0
    left, right = grid.x0, w - grid.x0
    for c in range(COLS + 1):
        x = left + c * grid.card_w
        canv.line(x, top + MARK_GAP, x, top + MARK_GAP + MARK_LEN)
        canv.line(x, bottom - MARK_GAP, x, bottom - MARK_GAP - MARK_LEN)
    for r in range(ROWS + 1):
        y = bottom + r * grid.card_h
        canv.line(left - MARK_GAP, y, left - MARK_GAP - MARK_LEN, y)
        canv.line(right + MARK_GAP, y, right + MARK_GAP + MARK_LEN, y)
    room = w - 2 * SAFE_MARGIN
    canv.setFillColor(MUTED)
    side = words("flashcards_backs" if back else "flashcards_fronts")
    label = words("flashcards_sheet", sheet=sheet + 1, sheets=sheets, side=side)
    title = _clip(plain(unit.title), "sans", 8, room - fonts.string_width(label + " \u00b7 ", "sans", 8),
                  styles)
    draw_runs(canv, w / 2, SAFE_MARGIN + 3, f"{title} \u00b7 {label}", "sans", 8, fonts, "middle")
    if sheet == 0 and not back:
        canv.setFillColor(INK)
        draw_runs(canv, w / 2, h - SAFE_MARGIN - 9, words("flashcards_instructions"), "sans-bold", 9, fonts, "middle")
    canv.restoreState()


def _corner(canv: Canvas, box: tuple[float, float, float, float], styles: Styles,
            section: str, number: int) -> None:
    """Section title (top left) and card number (top right), small, for sorting."""
    x, y, w, h = box
    fonts = styles.fonts
    base = y + h - PAD - CORNER
    num = str(number)
    room = w - 2 * PAD - fonts.string_width(num, "sans", CORNER) - 8
    canv.saveState()
    canv.setFillColor(MUTED)
    draw_runs(canv, x + PAD, base, _clip(plain(section), "sans", CORNER, room, styles), "sans",
              CORNER, fonts)
    draw_runs(canv, x + w - PAD, base, num, "sans", CORNER, fonts, "end")
    canv.restoreState()


def _clip(text: str, role: str, size: float, width: float, styles: Styles) -> str:
    """`text`, cut with an ellipsis to fit `width`."""
    fonts = styles.fonts
    if fonts.string_width(text, role, size) <= width:
        return text
    while text and fonts.string_width(text + "\u2026", role, size) > width:
        text = text[:-1]
    return text.rstrip() + "\u2026"


# --- card text -------------------------------------------------------------------


def _text_box(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The part of a card for its main text: inside the padding, below the corner line."""
    x, y, w, h = box
    return x + PAD, y + PAD, w - 2 * PAD, h - 2 * PAD - CORNER - 6


@dataclass(frozen=True)
class Block:
    """A card's text: paragraphs of the teacher's text, each with its look at full size."""

    texts: tuple[str, ...]
    looks: tuple[tuple[str, float, int, object, bool], ...]  # role, size, align, colour, markup

    def flow(self, styles: Styles, scale: float, words: int | None = None) -> list[Paragraph]:
        """Paragraphs at `scale`, keeping only the first `words` words when given."""
        texts = self.texts if words is None else _first_words(self.texts, words)
        out: list[Paragraph] = []
        for text, (role, size, align, colour, markup) in zip(texts, self.looks):
            pt = max(MIN_SIZE, size * scale)
            family, _, style = role.partition("-")
            markup_text = to_markup(text, styles.fonts, family=family, bold="bold" in style,
                                    italic="italic" in style, markup=markup)
            rtl = {"wordWrap": "RTL", "alignment": TA_RIGHT if align == TA_LEFT else align} if styles.rtl else {}
            out.append(Paragraph(markup_text, ParagraphStyle(
                role, fontName=styles.fonts.primary(role), fontSize=pt, leading=pt * 1.25,
                **{"alignment": align, **rtl}, textColor=colour, spaceBefore=pt * 0.5 if out else 0,
                splitLongWords=1)))
        return out


def term_block(term: m.KeyTerm, words: Labels) -> Block:
    texts = [term.term]
    looks = [("sans-bold", TERM_SIZE, TA_CENTER, ACCENT, True)]
    if term.also:
        texts.append(words("also", names=" \u00b7 ".join(term.also)))
        looks.append(("serif-italic", ALSO_SIZE, TA_CENTER, MUTED, False))
    return Block(tuple(texts), tuple(looks))


def definition_block(term: m.KeyTerm) -> Block:
    texts = tuple(paragraphs(term.definition))
    return Block(texts, tuple(("serif", DEF_SIZE, TA_LEFT, INK, True) for _ in texts))


def _first_words(texts: tuple[str, ...], count: int) -> tuple[str, ...]:
    """The first `count` words of the paragraphs, an ellipsis marking the cut."""
    out: list[str] = []
    for text in texts:
        words = text.split()
        if count <= 0:
            break
        out.append(" ".join(words[:count]) + (" \u2026" if count < len(words) else ""))
        count -= len(words)
    if len(out) < len(texts) and out and not out[-1].endswith("\u2026"):
        out[-1] += " \u2026"
    return tuple(out)


def _height(flow: list[Paragraph], width: float) -> float:
    return sum(p.wrap(width, 1e6)[1] + p.style.spaceBefore for p in flow)


def fit(block: Block, styles: Styles, width: float, height: float) -> list[Paragraph]:
    """The block shrunk (down to MIN_SIZE, then cut by words) until it fits width x height."""
    largest = max(size for _, size, *_ in block.looks)
    scale = 1.0
    flow = block.flow(styles, scale)
    while _height(flow, width) > height and largest * scale > MIN_SIZE:
        scale = max(scale * 0.94, MIN_SIZE / largest)
        flow = block.flow(styles, scale)
    if _height(flow, width) <= height:
        return flow
    lo, hi = 0, sum(len(t.split()) for t in block.texts)
    while hi - lo > 1:  # most words that fit
        mid = (lo + hi) // 2
        if _height(block.flow(styles, scale, mid), width) <= height:
            lo = mid
        else:
            hi = mid
    return block.flow(styles, scale, lo)


def _draw_block(canv: Canvas, box: tuple[float, float, float, float], styles: Styles,
                block: Block) -> None:
    """The block fitted into the card's text area, centred vertically."""
    x, y, w, h = _text_box(box)
    flow = fit(block, styles, w, h)
    top = y + (h + _height(flow, w)) / 2
    for p in flow:
        top -= p.style.spaceBefore
        _, ph = p.wrap(w, 1e6)
        p.drawOn(canv, x, top - ph)
        top -= ph
