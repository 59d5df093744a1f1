"""Booklet imposition, read back from the imposed PDF: sheet size, order, text still text."""

from __future__ import annotations

import io
import math

import pdfplumber
import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from studyguide.booklet import booklet_order, impose_booklet, sheet_size
from studyguide.fonts import load_fonts
from studyguide.layout.styles import PAPER_SIZES, SAFE_MARGIN

from pdfcheck import fonts_of, squash

INCH, MM = 72.0, 72 / 25.4


def numbered_pdf(pages: int, paper: str = "letter") -> bytes:
    """A PDF whose page i (1-based) prints PAGE-i big in the middle, in an embedded font."""
    fonts = load_fonts()
    w, h = PAPER_SIZES[paper]
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=(w, h), invariant=1, initialFontName=fonts.primary("sans"))
    canv.setTitle("Numbered pages")
    canv.setAuthor("booklet test")
    for i in range(1, pages + 1):
        canv.setFont(fonts.primary("sans-bold"), 40)
        canv.drawCentredString(w / 2, h / 2, f"PAGE-{i}")
        canv.showPage()
    canv.save()
    return buf.getvalue()


def halves(pdf: bytes) -> list[list[str]]:
    """[left text, right text] of every sheet side."""
    out = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            w, h = page.width, page.height
            left = page.crop((0, 0, w / 2, h)).extract_text() or ""
            right = page.crop((w / 2, 0, w, h)).extract_text() or ""
            out.append([squash(left), squash(right)])
    return out


def label(i: int | None) -> str:
    return "" if i is None else f"PAGE-{i}"


EXPECTED = {
    8: [[8, 1], [2, 7], [6, 3], [4, 5]],
    5: [[None, 1], [2, None], [None, 3], [4, 5]],
    6: [[None, 1], [2, None], [6, 3], [4, 5]],
    4: [[4, 1], [2, 3]],
    1: [[None, 1], [None, None]],
    12: [[12, 1], [2, 11], [10, 3], [4, 9], [8, 5], [6, 7]],
}


@pytest.mark.parametrize("pages", sorted(EXPECTED))
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_saddle_stitch_order_read_back_from_each_half(pages, paper):
    booklet = impose_booklet(numbered_pdf(pages, paper), paper)
    got = halves(booklet)
    assert len(got) == math.ceil(pages / 4) * 2
    assert got == [[label(a), label(b)] for a, b in EXPECTED[pages]]


def test_booklet_order_is_saddle_stitch_for_any_length():
    for pages in range(1, 41):
        sides = booklet_order(pages)
        n = len(sides) * 2
        assert n % 4 == 0 and n - 4 < pages <= n
        flat = [p for side in sides for p in side if p is not None]
        assert sorted(flat) == list(range(pages))
        for s in range(0, len(sides), 2):  # front and back of one sheet
            (fl, fr), (bl, br) = sides[s], sides[s + 1]
            # page behind the right front page (short-edge flip) is the next page
            assert (fr is None or bl is None) or bl == fr + 1
            # the two halves of a side are pages that face each other across the fold
            for left, right in ((fl, fr), (bl, br)):
                if left is not None and right is not None:
                    assert left + right == n - 1


@pytest.mark.parametrize("paper, size", [("letter", (11 * INCH, 8.5 * INCH)),
                                         ("a4", (297 * MM, 210 * MM))])
def test_sheets_are_landscape_paper(paper, size):
    assert sheet_size(paper) == pytest.approx(size, abs=0.5)
    reader = PdfReader(io.BytesIO(impose_booklet(numbered_pdf(6, paper), paper)))
    assert len(reader.pages) == 4
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(size, abs=0.5)
        assert not page.get("/Rotate")


def test_text_stays_text_fonts_stay_embedded_and_output_is_deterministic(tmp_path):
    src = numbered_pdf(8)
    booklet = impose_booklet(src, "letter")
    assert booklet == impose_booklet(src, "letter")
    path = tmp_path / "b.pdf"
    path.write_bytes(booklet)
    fonts = fonts_of(path)
    assert fonts and all(f["embedded"] for f in fonts.values()), fonts
    assert not any("Helvetica" in name for name in fonts)
    reader = PdfReader(str(path))
    assert reader.metadata.title == "Numbered pages"
    assert reader.metadata.author == "booklet test"
    for page in reader.pages:  # vector pages, no pictures of pages
        xobjects = page["/Resources"].get_object().get("/XObject") or {}
        assert all(x.get_object().get("/Subtype") != "/Image" for x in xobjects.values())


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_real_guide_imposes_with_all_text_inside_the_safe_margin(first_unit, paper, tmp_path):
    src = first_unit.student.read_bytes()
    pages = len(PdfReader(io.BytesIO(src)).pages)
    booklet = impose_booklet(src, paper)
    path = tmp_path / "booklet.pdf"
    path.write_bytes(booklet)
    reader = PdfReader(str(path))
    assert len(reader.pages) == math.ceil(pages / 4) * 2
    assert reader.metadata.title == PdfReader(io.BytesIO(src)).metadata.title
    assert all(f["embedded"] for f in fonts_of(path).values())
    text = squash("".join(p.extract_text() for p in reader.pages))
    assert squash(first_unit.unit.title) in text
    for s in first_unit.unit.sections:
        assert squash(s.title) in text
    with pdfplumber.open(str(path)) as doc:
        for page in doc.pages:
            w, h = page.width, page.height
            for c in page.chars:
                assert SAFE_MARGIN - 0.5 <= c["x0"] and c["x1"] <= w - SAFE_MARGIN + 0.5, c["text"]
                assert SAFE_MARGIN - 0.5 <= c["top"] and c["bottom"] <= h - SAFE_MARGIN + 0.5, c["text"]
            for obj in page.lines + page.rects + page.curves:
                assert obj["x0"] >= SAFE_MARGIN - 0.5 and obj["x1"] <= w - SAFE_MARGIN + 0.5
                assert obj["top"] >= SAFE_MARGIN - 0.5 and obj["bottom"] <= h - SAFE_MARGIN + 0.5
