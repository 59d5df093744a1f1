"""Booklet imposition: a guide's pages two to a landscape sheet side, in saddle-stitch order.

Printed double-sided and flipped on the SHORT edge, the stack folds into a booklet that
reads in page order. Pages are placed as vector content (pypdf transformations), never
rasterised, so text stays text and fonts stay embedded.

Each page is scaled so that anything the guide keeps inside its 0.6 in safe margin stays
0.6 in clear of the sheet's edges too; the pages meet at the fold, where their own margins
form the gutter.
"""

from __future__ import annotations

import io
from typing import Sequence

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import ContentStream, DecodedStreamObject, DictionaryObject, NameObject

from .print_style import PAPER_SIZES, SAFE_MARGIN

FOLD_MARK = 0.25 * 72  # length of the fold ticks at the top and bottom of the fold


def sheet_size(paper: str) -> tuple[float, float]:
    """The landscape sheet side of `paper` (Letter -> 11 x 8.5 in, A4 -> 297 x 210 mm)."""
    w, h = PAPER_SIZES[paper]
    return max(w, h), min(w, h)


def booklet_order(pages: int) -> list[tuple[int | None, int | None]]:
    """(left, right) 0-based page indexes of every sheet side, None for a blank pad.

    Sides alternate front/back: for 8 pages (1-based) [8, 1], [2, 7], [6, 3], [4, 5].
    """
    n = -(-pages // 4) * 4

    def real(i: int) -> int | None:
        return i if i < pages else None

    sides: list[tuple[int | None, int | None]] = []
    for s in range(n // 4):
        sides.append((real(n - 1 - 2 * s), real(2 * s)))
        sides.append((real(2 * s + 1), real(n - 2 - 2 * s)))
    return sides


def _placement(page: PageObject, sheet: tuple[float, float], right: bool) -> Transformation:
    """Scale and move `page` into one half of the sheet, touching the fold.

    With scale s and the page's blank band M (SAFE_MARGIN), the page keeps a pad of
    M(1 - s) on the outside, so its content ends up M from the sheet's edge on every side.
    """
    box = page.mediabox
    pw, ph = float(box.width), float(box.height)
    sw, sh = sheet
    half, m = sw / 2, SAFE_MARGIN
    s = min((half - m) / (pw - m), (sh - 2 * m) / (ph - 2 * m), half / pw, sh / ph)
    x = half if right else half - s * pw
    y = (sh - s * ph) / 2
    return (Transformation().translate(-float(box.left), -float(box.bottom))
            .scale(s, s).translate(x, y))


def _fold_marks(sheet: tuple[float, float]) -> DecodedStreamObject:
    """Two short grey ticks on the fold, just inside the safe margin (between the pages)."""
    sw, sh = sheet
    x, lo, hi = sw / 2, SAFE_MARGIN, sh - SAFE_MARGIN
    ops = (f"q 0.6 G 0.4 w {x:.2f} {lo:.2f} m {x:.2f} {lo + FOLD_MARK:.2f} l S "
           f"{x:.2f} {hi - FOLD_MARK:.2f} m {x:.2f} {hi:.2f} l S Q\n")
    stream = DecodedStreamObject()
    stream.set_data(ops.encode("ascii"))
    return stream


def _blank_side(writer: PdfWriter, sheet: tuple[float, float], marks: bool) -> PageObject:
    side = writer.add_blank_page(*sheet)
    side[NameObject("/Resources")] = DictionaryObject()
    if marks:
        side.replace_contents(ContentStream(_fold_marks(sheet), writer))
    return side


def impose_booklet(pdf: bytes, paper: str) -> bytes:
    """The booklet PDF of `pdf` on landscape `paper` sheets (deterministic bytes).

    Page count is padded with blank pages to a multiple of four; the document
    information (title, author, ...) and the viewer preferences are kept; links and the
    outline are dropped, since they would point at pages that no longer exist.
    """
    reader = PdfReader(io.BytesIO(pdf))
    pages: Sequence[PageObject] = reader.pages
    sheet = sheet_size(paper)
    writer = PdfWriter()
    for number, (left, right) in enumerate(booklet_order(len(pages))):
        side = _blank_side(writer, sheet, marks=number % 2 == 0)
        for index, is_right in ((left, False), (right, True)):
            if index is None:
                continue
            page = pages[index]
            if page.get("/Rotate", 0):
                page.transfer_rotation_to_content()
            if "/Annots" in page:
                del page[NameObject("/Annots")]
            side.merge_transformed_page(page, _placement(page, sheet, is_right))
        side.compress_content_streams()
    _copy_document_info(reader, writer)
    writer.compress_identical_objects()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _copy_document_info(reader: PdfReader, writer: PdfWriter) -> None:
    """Title, author, dates and producer as in the input: the output is a function of it."""
    info: dict = dict(reader.metadata or {})
    writer.add_metadata(info)
    if "/Producer" not in info:
        writer.add_metadata({"/Producer": "studyguide"})
    prefs = reader.root_object.get("/ViewerPreferences")
    if prefs is not None:
        writer.root_object[NameObject("/ViewerPreferences")] = prefs.get_object().clone(writer)
    lang = reader.root_object.get("/Lang")
    if lang is not None:
        writer.root_object[NameObject("/Lang")] = lang.clone(writer)
