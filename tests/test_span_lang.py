"""Changes of language inside a paragraph: a run whose script names another language than
its paragraph's (大历史观 in an English sentence, a Greek word, a Hebrew name) is a Span
element of its own with that /Lang, as PDF/UA asks, so a screen reader switches voice for
it; the paragraph reads on around it in its own language.

Read back with pikepdf (the structure tree) and PDFium (which text each marked-content
sequence holds: unlike pdfplumber it keeps the sequence's MCID through the /ActualText
spans nested in it, which shaped runs such as Hangul and Hebrew have).
"""

from __future__ import annotations

import ctypes
from collections import defaultdict
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest

from conftest import CONTENT, FIXTURES, build
from pdfcheck import squash
from tagcheck import reading_order, structure


def pdfium_marked_texts(pdf: Path) -> dict[tuple[int, int], str]:
    """(page index, MCID) -> the text of the text objects in that sequence."""
    out: dict[tuple[int, int], str] = defaultdict(str)
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        for n in range(len(doc)):
            page = doc[n]
            textpage = page.get_textpage()
            for obj in page.get_objects():
                if obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
                    continue
                mcid = pdfium_c.FPDFPageObj_GetMarkedContentID(obj.raw)
                if mcid >= 0:
                    size = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
                    buf = (ctypes.c_ushort * (size // 2 + 1))()
                    pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, buf, size)
                    out[(n, mcid)] += bytes(buf)[:size].decode("utf-16-le").rstrip("\x00")
    finally:
        doc.close()
    return dict(out)


def spans(pdf: Path) -> list[tuple[str, str]]:
    """(/Lang, text) of every Span element with a language."""
    texts = pdfium_marked_texts(pdf)
    return [(n.lang, "".join(texts.get(ref, "") for ref in n.mcrs))
            for n in structure(pdf).find("Span") if n.lang]


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    return build(CONTENT, tmp_path_factory.mktemp("first"))


def test_chinese_inside_english_paragraphs_is_a_chinese_span(first):
    for pdf in (first.student, first.teacher):
        found = spans(pdf)
        assert ("zh", "大历史观") in found, found
        assert all(lang != "en" for lang, _ in found)  # the paragraph's own language is not repeated
        # the sentence reads on around the span, in order
        text = squash("".join(t for _, t in reading_order(pdf)))
        assert squash('"macro-historical perspective" (大历史观, also translated') in text


def test_every_run_of_a_language_naming_script_is_marked(tmp_path):
    src = tmp_path / "mixed.yaml"
    src.write_text(
        "title: Names in other scripts\nsections:\n  - title: Mixed\n    summary: |\n"
        "      The Greek word δημοκρατία, the Hebrew name גניזה and the Korean 한글 sit in English text.\n",
        encoding="utf-8")
    built = build(src, tmp_path / "out")
    found = {(lang, t.strip(" ,.")) for lang, t in spans(built.student) if t.strip()}
    assert {("el", "δημοκρατία"), ("ko", "한글"), ("he", "גניזה")} <= found, found


def test_a_paragraph_wholly_in_another_language_is_not_cut_into_spans(tmp_path):
    """Its element carries the /Lang (see test_tagging); spans would only repeat it."""
    built = build(FIXTURES / "units" / "documents.yaml", tmp_path)  # a Greek excerpt paragraph
    assert not [t for _, t in spans(built.student) if "Χρώμεθα" in t]


def test_a_fill_in_blank_is_read_as_blank(first, tmp_path):
    """The underscores of a fill-in blank are a Span whose /ActualText is the catalogue's
    word for a blank, in each fill-in prompt, in every language and direction."""
    from studyguide import model as m
    from studyguide.labels import labels_for

    fill_ins = sum(isinstance(q, m.FillInBlank) for q in first.unit.all_questions())
    for pdf in (first.student, first.teacher):
        spans = [n for n in structure(pdf).find("Span") if n.actual is not None]
        assert len(spans) == fill_ins and {n.actual for n in spans} == {"blank"}
        texts = pdfium_marked_texts(pdf)
        assert all(set("".join(texts.get(r, "") for r in n.mcrs).strip()) == {"_"} for n in spans)
    he = build(FIXTURES / "languages" / "printing-he.yaml", tmp_path)
    assert {n.actual for n in structure(he.student).find("Span") if n.actual} == {labels_for("he")("chart_blank")}
