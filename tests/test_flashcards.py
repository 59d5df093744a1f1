"""Flashcards read back from the PDF: fronts and backs line up, text fits, margins hold."""

from __future__ import annotations

import io
import math
from pathlib import Path

import pdfplumber
import pytest

from studyguide import model as m
from studyguide.flashcards import CORNER, PAD, PER_PAGE, Grid, back_cell, flashcards_pdf, front_cell
from studyguide.labels import labels_for
from studyguide.fonts import load_fonts
from studyguide.layout.styles import SAFE_MARGIN, Styles
from studyguide.text import plain

from pdfcheck import squash

INSTRUCTIONS = labels_for("en")("flashcards_instructions")

LONG = " ".join(f"word{i % 37}" if i % 5 else "treaty" for i in range(300))


def small_unit() -> m.Unit:
    t = m.KeyTerm
    first = m.Section(title="Borders on the Amur", summary="x", key_terms=(
        t(term="Treaty of Aigun", definition="The 1858 treaty that moved the border to the Amur.",
          also=("瑷珲", "Aihui")),
        t(term="瑷珲", definition="The Chinese name of the town of Aigun."),
        t(term="Vladivostok", definition="Port founded in 1860; its name means *ruler of the East*.",
          also=("Владивосток",)),
        t(term="Владивосток", definition="Vladivostok, written in Russian."),
        t(term="Nerchinsk", definition="Where the first treaty was signed, in 1689."),
        t(term="Amur", definition="The river that forms much of the border."),
    ))
    second = m.Section(title="A very long section title that will not fit in a card corner at all",
                       summary="x", key_terms=(
        t(term="Long one", definition=LONG),
        t(term="Ussuri", definition="The river east of which the land became Russian in 1860."),
        t(term="Heixiazi Island", definition="An island split between the two in 2004.",
          also=("黑瞎子岛", "Bolshoi Ussuriysky Island", "Большой Уссурийский")),
        t(term="A term so long that it must wrap over several lines of the card to fit at all, "
               "which no teacher should write", definition="Short."),
        t(term="hedging", definition="Keeping several options open."),
    ))
    return m.Unit(path=Path("x.yaml"), title="China and Russia: 瑷珲 to Владивосток",
                  sections=(first, second))


@pytest.fixture(scope="module", params=["letter", "a4"])
def cards(request) -> tuple[m.Unit, Styles, bytes]:
    unit = small_unit()
    styles = Styles(load_fonts(), paper=request.param)
    return unit, styles, flashcards_pdf(unit, styles)


def cell_text(page, grid: Grid, row: int, col: int) -> str:
    x, y, w, h = grid.cell(row, col)
    top = grid.page[1] - (y + h)
    return squash(page.within_bbox((x, top, x + w, top + h)).extract_text() or "")


def corner_number(page, grid: Grid, row: int, col: int) -> str:
    """The card number printed in the card's top right corner."""
    x, y, w, h = grid.cell(row, col)
    top = grid.page[1] - (y + h)
    box = (x, top + PAD - 2, x + w - PAD + 2, top + PAD + CORNER + 3)
    words = page.within_bbox(box).extract_words()
    return words[-1]["text"] if words else ""


def check_fronts_and_backs(unit: m.Unit, styles: Styles, pdf: bytes) -> None:
    """Front cell i and the mirrored back cell carry the term and definition of one card."""
    terms = unit.all_terms()
    grid = Grid(styles.pagesize)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) == 2 * math.ceil(len(terms) / PER_PAGE)
        for n, (_section, term) in enumerate(terms):
            sheet, i = divmod(n, PER_PAGE)
            front_page, back_page = doc.pages[2 * sheet], doc.pages[2 * sheet + 1]
            row, col = front_cell(i)
            assert back_cell(i) == (row, 1 - col)
            front = cell_text(front_page, grid, row, col)
            back = cell_text(back_page, grid, row, 1 - col)
            assert squash(plain(term.term)) in front, (n, front)
            assert squash(plain(term.definition))[:40] in back, (n, back)
            assert squash(plain(term.definition))[:40] not in front
            assert corner_number(front_page, grid, row, col) == str(n + 1)
            assert corner_number(back_page, grid, row, 1 - col) == str(n + 1)
            # the same cell on the back (not mirrored) holds some other card, or nothing
            if 1 - col != col:
                other = cell_text(back_page, grid, row, col)
                assert squash(plain(term.definition))[:40] not in other


def test_fronts_and_backs_line_up(cards):
    check_fronts_and_backs(*cards)


def test_real_unit_fronts_and_backs_line_up(first_unit):
    for paper in ("letter", "a4"):
        styles = Styles(load_fonts(), paper=paper)
        check_fronts_and_backs(first_unit.unit, styles, flashcards_pdf(first_unit.unit, styles))


def test_nothing_in_the_safe_margin_and_text_inside_its_card(cards):
    unit, styles, pdf = cards
    grid = Grid(styles.pagesize)
    w, h = styles.pagesize
    inner = [grid.cell(r, c) for r in range(4) for c in range(2)]
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            objects = page.chars + page.lines + page.rects + page.curves
            assert objects
            for o in objects:
                assert o["x0"] >= SAFE_MARGIN - 0.01 and o["x1"] <= w - SAFE_MARGIN + 0.01, o
                assert o["top"] >= SAFE_MARGIN - 0.01 and o["bottom"] <= h - SAFE_MARGIN + 0.01, o
            for c in page.chars:
                y = h - c["bottom"]
                if y < grid.y0 or y > h - grid.y0:
                    continue  # instructions and sheet label, outside the grid
                # every character on the grid is inside the padded area of one card
                assert any(x + PAD - 0.5 <= c["x0"] and c["x1"] <= x + cw - PAD + 0.5
                           and yy + PAD - 0.5 <= y and h - c["top"] <= yy + ch - PAD + 0.5
                           for x, yy, cw, ch in inner), c


def test_long_definition_is_shrunk_and_wrapped_not_spilled(cards):
    unit, styles, pdf = cards
    n = next(i for i, (_, t) in enumerate(unit.all_terms()) if t.term == "Long one")
    sheet, i = divmod(n, PER_PAGE)
    row, col = back_cell(i)
    grid = Grid(styles.pagesize)
    x, y, w, h = grid.cell(row, col)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[2 * sheet + 1]
        top = page.height - (y + h)
        chars = page.within_bbox((x, top, x + w, top + h)).chars
        body = [c for c in chars if c["size"] > 4 and c["text"].strip()]
        sizes = {round(c["size"], 1) for c in body}
        lines = {round(c["top"]) for c in body}
    assert max(sizes) < 8, sizes          # shrunk from 11 pt
    assert min(sizes) >= 4.5, sizes       # but never below the smallest readable size
    assert len(lines) > 10                # and wrapped
    text = cell_text(page, grid, row, col)
    assert squash(LONG)[:300] in text
    assert squash(LONG) in text or text.endswith("\u2026")  # all of it, or visibly cut


def test_first_page_says_how_to_print_and_cjk_and_cyrillic_print(cards):
    unit, styles, pdf = cards
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        first = squash(doc.pages[0].extract_text())
        assert squash(INSTRUCTIONS) in first
        assert "瑷珲" in first and "Владивосток" in first
        assert squash(INSTRUCTIONS) not in squash(doc.pages[1].extract_text())


def test_no_standard_fonts_and_deterministic(cards):
    unit, styles, pdf = cards
    for name in (b"/Helvetica", b"/Times-Roman", b"/Courier", b"/Symbol", b"/ZapfDingbats"):
        assert name not in pdf
    assert flashcards_pdf(unit, styles) == pdf


def test_a_unit_without_key_terms_is_refused():
    unit = m.Unit(path=Path("x.yaml"), title="T", sections=(m.Section(title="S", summary="x"),))
    with pytest.raises(ValueError, match="no key terms"):
        flashcards_pdf(unit, Styles(load_fonts()))
