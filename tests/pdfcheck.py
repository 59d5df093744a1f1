"""Reading built PDFs back the way a reader (or a print room) would: text, fonts, pages."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pdfplumber
from pypdf import PdfReader

from studyguide.text import plain


def squash(text: str) -> str:
    """Text with all white space removed and NFC-normalised, for robust containment tests.

    Line breaks in a PDF become spaces or nothing on extraction, so we compare without them.
    """
    text = unicodedata.normalize("NFC", text).translate(TYPEWRITER)
    return re.sub(r"[\s\u00ad\u200b]+", "", text)


# typographic quotes and dashes read as the typewriter characters a unit is typed with
TYPEWRITER = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-"})


@lru_cache(maxsize=None)
def page_texts(path: Path) -> tuple[str, ...]:
    return tuple(p.extract_text() or "" for p in PdfReader(str(path)).pages)


FOOTER_TOP = 60.0  # pt above the sheet's bottom edge: footers sit below, body text above


@lru_cache(maxsize=None)
def body_texts(path: Path) -> tuple[str, ...]:
    """Each page's text without its footer, so a paragraph that runs on over a page break
    reads back as one (the footer's title and page number would sit in between)."""
    return tuple(_body_text(page) for page in PdfReader(str(path)).pages)


def _body_text(page) -> str:
    parts: list[str] = []

    def keep(text, cm, tm, *_):
        if tm[5] * cm[3] + cm[5] > FOOTER_TOP or not text.strip():
            parts.append(text)

    page.extract_text(visitor_text=keep)
    return "".join(parts)


def all_text(path: Path) -> str:
    return squash("".join(body_texts(path)))


def contains(path: Path, text: str) -> bool:
    return squash(plain(text)) in all_text(path)


def answer_ink() -> tuple[float, ...]:
    """The teacher's answer colour as pdfplumber reports fill colours."""
    from studyguide.layout.styles import ANSWER

    return tuple(round(c, 3) for c in ANSWER.rgb())


def is_answer_ink(obj) -> bool:
    return _colour(obj) == answer_ink()


def _colour(obj) -> tuple[float, ...]:
    return tuple(round(v, 3) for v in (obj.get("non_stroking_color") or ()))


@lru_cache(maxsize=None)
def words(path: Path, skip_colour: tuple[float, ...] = ()) -> tuple[tuple[tuple[str, float, float], ...], ...]:
    """(text, x0, top) of every word on every page, rounded to 0.1 pt.

    Characters drawn in `skip_colour` (the teacher's answer ink) are left out, so text
    written over a blank does not merge with the blank's underscores.
    """
    with pdfplumber.open(str(path)) as pdf:
        pages = []
        for page in pdf.pages:
            if skip_colour:
                page = page.filter(lambda o: o.get("object_type") != "char" or _colour(o) != skip_colour)
            pages.append(tuple((w["text"], round(w["x0"], 1), round(w["top"], 1))
                               for w in page.extract_words(use_text_flow=False)))
        return tuple(pages)


def fonts_of(path: Path) -> dict[str, dict]:
    """Every font resource in the file: name -> {subtype, embedded}."""
    found: dict[str, dict] = {}
    reader = PdfReader(str(path))

    def visit(resources):
        if not resources:
            return
        resources = resources.get_object()
        for _, ref in (resources.get("/Font") or {}).items():
            font = ref.get_object()
            fonts = [font]
            if "/DescendantFonts" in font:
                fonts += [d.get_object() for d in font["/DescendantFonts"]]
            embedded = False
            for f in fonts:
                desc = f.get("/FontDescriptor")
                if desc is not None:
                    desc = desc.get_object()
                    embedded |= any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font.get("/BaseFont"))] = {"subtype": str(font.get("/Subtype")),
                                                 "embedded": embedded}
        for _, ref in (resources.get("/XObject") or {}).items():
            xo = ref.get_object()
            if xo.get("/Subtype") == "/Form":
                visit(xo.get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return found


def pdfium_page_texts(path: Path) -> list[str]:
    """Each page's text as PDFium extracts it: it reads the /ActualText of shaped and
    right-to-left runs (pdfplumber does not), so the text comes back in logical order."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(path))
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()
