"""Keep-together rules of layout/keep.py on small documents, read back with pypdf."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from studyguide.layout.keep import KeepOpening, KeepOrFlow, PartOpening

STYLE = ParagraphStyle("p", fontName="Helvetica", fontSize=10, leading=12)


def _pages(story, height: float = 300) -> list[str]:
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=(300, height + 72), leftMargin=36, rightMargin=36,
                            topMargin=36, bottomMargin=36)
    doc.build(story)
    return [p.extract_text() for p in PdfReader(io.BytesIO(buf.getvalue())).pages]


def _frame(height: float = 300) -> float:
    return height - 12  # SimpleDocTemplate's frame pads 6 pt at the top and bottom


def test_a_table_never_leaves_a_lone_row_under_its_heading():
    rows = Table([[f"row{i}"] for i in range(10)], rowHeights=[20] * 10)
    head = Paragraph("KEYDATES", STYLE)
    used = _frame() - 12 - 20 - 5  # room for the heading and one row, not two
    pages = _pages([Spacer(1, used), KeepOpening([head, rows])])
    assert "KEYDATES" in pages[1] and "row0" in pages[1], pages


def test_a_table_splits_under_its_heading_when_two_rows_fit():
    rows = Table([[f"row{i}"] for i in range(10)], rowHeights=[20] * 10)
    head = Paragraph("KEYDATES", STYLE)
    used = _frame() - 12 - 40 - 5  # the heading and two rows fit
    pages = _pages([Spacer(1, used), KeepOpening([head, rows])])
    assert "KEYDATES" in pages[0] and "row1" in pages[0] and "row2" in pages[1], pages


def test_a_table_never_leaves_a_lone_row_after_the_break():
    rows = Table([[f"row{i}"] for i in range(5)], rowHeights=[20] * 5)
    head = Paragraph("KEYDATES", STYLE)
    used = _frame() - 12 - 80 - 5  # room for the heading and four rows: the fifth would be alone
    pages = _pages([Spacer(1, used), KeepOpening([head, rows])])
    assert "row2" in pages[0] and "row3" in pages[1] and "row4" in pages[1], pages


def test_a_short_table_that_cannot_leave_two_rows_on_each_side_moves_whole():
    rows = Table([[f"row{i}"] for i in range(3)], rowHeights=[20] * 3)
    head = Paragraph("KEYDATES", STYLE)
    used = _frame() - 12 - 40 - 5  # the heading and two rows fit, the third would be alone
    pages = _pages([Spacer(1, used), KeepOpening([head, rows])])
    assert "KEYDATES" in pages[1] and "row0" in pages[1] and "row2" in pages[1], pages


def test_a_document_flows_on_rather_than_leave_most_of_a_page_empty():
    lines = [Paragraph(f"line{i}", STYLE) for i in range(20)]  # 240 pt: fits a page, not the rest
    pages = _pages([Spacer(1, 100), KeepOrFlow(lines, page=_frame())])
    assert "line0" in pages[0] and "line19" in pages[1], pages  # 188 pt were left: it starts there


def test_a_document_moves_on_whole_when_little_of_the_page_is_left():
    lines = [Paragraph(f"line{i}", STYLE) for i in range(20)]
    pages = _pages([Spacer(1, 200), KeepOrFlow(lines, page=_frame())])
    assert "line0" not in pages[0] and "line0" in pages[1] and "line19" in pages[1], pages


def _part(story_before: float, lines: int, quarter: float = 80) -> list[str]:
    opening = PartOpening(quarter)
    part = [Paragraph("PARTHEAD", STYLE)] + [Paragraph(f"entry{i}", STYLE) for i in range(lines)]
    story = [Spacer(1, story_before), opening, *part]
    PartOpening.collect(story)
    return _pages(story)


def test_a_short_last_part_stays_where_it_fits_in_less_than_its_opening():
    pages = _part(_frame() - 50, lines=2)  # 50 pt left: under a quarter page, but 36 pt are enough
    assert "PARTHEAD" in pages[0] and "entry1" in pages[0], pages


def test_a_long_part_moves_on_when_its_opening_does_not_fit():
    pages = _part(_frame() - 50, lines=30)  # its opening needs the quarter page (80 pt)
    assert "PARTHEAD" not in pages[0] and "PARTHEAD" in pages[1], pages


def test_a_part_too_short_for_the_rest_of_the_page_moves_on():
    pages = _part(_frame() - 30, lines=2)  # 36 pt needed, 30 left
    assert "PARTHEAD" in pages[1], pages
