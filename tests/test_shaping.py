"""Every script a history unit quotes: the right font per script run, shaped glyphs in
visual order, the logical text on extraction, no missing glyph.

The glyph check reads the PDF independently: pypdf walks the content stream to the
/ActualText span of a word, fontTools reads the embedded font subset, and each drawn
glyph's outline is compared with the outline of the glyph HarfBuzz chooses for the same
string in the same font file.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pypdf
import pypdfium2
import pytest
import uharfbuzz as hb
from fontTools.ttLib import TTFont
from pypdf.generic import ContentStream, DictionaryObject

from studyguide.fonts import load_fonts
from studyguide.shaping import levels, visual_order

from conftest import FIXTURES, build
from pdfcheck import pdfium_page_texts

UNIT = FIXTURES / "languages" / "indian-ocean.yaml"
NAMES = {  # word -> the font family that must print it
    "ابن بطوطة": "Arabic", "גניזה": "Hebrew", "सागर": "Devanagari", "சோழர்": "Tamil",
    "อยุธยา": "Thai", "세종": "Nanum", "한글": "Nanum", "አክሱም": "Ethiopic",
}


@pytest.fixture(scope="module")
def ocean(tmp_path_factory):
    from studyguide.build import BuildOptions, build_unit

    out = tmp_path_factory.mktemp("ocean")
    result = build_unit(UNIT, BuildOptions(out_dir=out, flashcards=True, booklet=True))
    assert not [p for p in result.problems if p.is_error], result.problems
    return out


def _poppler_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("edition", ["indian-ocean.pdf", "indian-ocean-teacher.pdf", "indian-ocean-flashcards.pdf",
                                     "indian-ocean-teacher-booklet.pdf"])
def test_extraction_gives_the_logical_text_of_every_script(ocean, edition):
    for text in ("\n".join(pdfium_page_texts(ocean / edition)), _poppler_text(ocean / edition)):
        for word in NAMES:
            if edition.endswith("flashcards.pdf") and word in ("सागर", "세종"):
                continue  # not in a key term
            assert word in text, (edition, word)


def _spans(pdf: Path):
    """(page, ActualText, font resource, drawn codes) for every /ActualText span."""
    reader = pypdf.PdfReader(str(pdf))
    for page in reader.pages:
        ops = ContentStream(page.get_contents(), reader).operations
        font = None
        stack: list[str | None] = []
        codes: list[tuple[str, bytes]] = []
        for operands, op in ops:
            if op == b"Tf":
                font = operands[0]
            elif op == b"BDC":
                props = operands[1] if len(operands) > 1 and isinstance(operands[1], DictionaryObject) else {}
                stack.append(props.get("/ActualText"))
                codes = []
            elif op == b"EMC" and stack:
                actual = stack.pop()
                if actual is not None:
                    yield page, str(actual), list(codes)
            elif op in (b"Tj", b"'", b'"') and stack:
                codes.append((font, bytes(operands[-1].original_bytes if hasattr(operands[-1], "original_bytes")
                                           else operands[-1])))


def _outline(font: TTFont, glyph_name: str):
    glyf = font["glyf"]
    coords, ends, _ = glyf[glyph_name].getCoordinates(glyf)
    return list(coords), list(ends)


def test_teacher_ink_fill_in_blanks_and_chart_labels_carry_the_scripts(ocean):
    teacher = _poppler_text(ocean / "indian-ocean-teacher.pdf")
    assert "The ocean (सागर), the sea that linked Aksum (አክሱም)" in " ".join(teacher.split())  # answer ink
    doc = pypdfium2.PdfDocument(str(ocean / "indian-ocean-teacher.pdf"))
    texts = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    doc.close()
    labels = ("சோழர்", "อยุธยา", "한글", "ابن")  # chart labels (the Arabic one wraps)
    # a page with a timeline chart and its key dates: each label on the chart and in the list
    # (parts flow on, so which page that is depends on the pages before it)
    assert any("Timeline" in t and all(t.count(label) >= 2 for label in labels) for t in texts), texts


def test_glyphs_drawn_for_an_arabic_name_are_harfbuzz_glyphs_in_visual_order(ocean):
    """Every place the name is drawn (in the serif face of prose, the sans of headings and
    labels), its glyphs are those HarfBuzz gives for that face, in visual order."""
    pdf = ocean / "indian-ocean.pdf"
    word = "ابن بطوطة"
    spans = [s for s in _spans(pdf) if s[1] in (word, word[::-1])]
    assert spans, "no /ActualText span for the Arabic name"
    files = {Path(spec.path).stem: spec.path for (script, _), specs in load_fonts().script_specs.items()
             for spec in specs if script == "Arabic"}
    checked = set()
    for page, _, codes in spans:
        fonts = {codes_font for codes_font, _ in codes}
        assert len(fonts) == 1
        resource = page["/Resources"]["/Font"][fonts.pop()]
        path = files[str(resource["/BaseFont"]).split("+", 1)[1]]
        embedded = TTFont(io.BytesIO(resource["/FontDescriptor"]["/FontFile2"].get_data()))
        cmap = {code & 0xFF: name for code, name in embedded["cmap"].tables[0].cmap.items()}  # codes 0-255
        drawn = [_outline(embedded, cmap[b]) for _, data in codes for b in data]

        original = TTFont(path)
        buf = hb.Buffer()
        buf.add_str(word)
        buf.guess_segment_properties()
        hb.shape(hb.Font(hb.Face(hb.Blob.from_file_path(path))), buf, {})
        expected = [_outline(original, original.getGlyphName(i.codepoint)) for i in buf.glyph_infos]
        assert buf.direction == "rtl" and len(expected) == 9
        assert drawn == expected, path
        checked.add(Path(path).stem)
    assert any("Naskh" in name for name in checked), checked  # prose is set in the serif face


def test_fonts_are_embedded_and_no_notdef_is_drawn(ocean):
    for name in ("indian-ocean.pdf", "indian-ocean-teacher.pdf", "indian-ocean-flashcards.pdf"):
        reader = pypdf.PdfReader(str(ocean / name))
        families = set()
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]
                families.add(str(font["/BaseFont"]))
        for family in ("Arabic", "Hebrew", "Devanagari", "Tamil", "Thai", "Ethiopic", "Nanum"):
            if name.endswith("flashcards.pdf") and family == "Devanagari":
                continue
            assert any(family in f for f in families), (name, family)
        doc = pypdfium2.PdfDocument(str(ocean / name))
        for i in range(len(doc)):
            tp = doc[i].get_textpage()
            text = tp.get_text_range()
            assert "\ufffd" not in text and not any(0xE000 <= ord(c) <= 0xF8FF for c in text), (name, i)
        doc.close()


def test_bidi_orders_mixed_lines_as_the_unicode_algorithm_says():
    # an Arabic name and a number in an English sentence; a Latin name inside Arabic
    text = "Ibn ابن بطوطة 1304"
    lv = levels(text, rtl_base=False)
    shown = "".join(visual_order(list(zip(lv, text))))
    assert shown.startswith("Ibn ") and shown.endswith("ةطوطب نبا")  # 1304 follows Arabic (AN)
    text = "رحلة Ibn Battuta إلى"
    shown = "".join(visual_order(list(zip(levels(text, rtl_base=True), text))))
    assert "Ibn Battuta" in shown and shown.index("Ibn") > shown.index("ىلإ")


def test_latin_text_is_never_shaped_and_a_latin_unit_never_loads_a_shaper(tmp_path):
    unit = FIXTURES / "units" / "minimal.yaml"
    code = ("import sys; from pathlib import Path; from studyguide.build import build_unit, BuildOptions; "
            f"r = build_unit(Path({str(unit)!r}), BuildOptions(out_dir=Path({str(tmp_path)!r}))); "
            "print(sorted(m for m in ('uharfbuzz._harfbuzz', 'bidi', 'babel', 'pyuca') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    fonts = load_fonts()
    from studyguide.shaping import pieces

    laid = pieces(fonts.runs("notwithstanding office", "serif"))
    assert [p.glyphs for p in laid] == [None]  # drawn as a string: no ligature glyphs


def test_decomposed_accents_are_composed_on_load_and_print_once(tmp_path):
    from studyguide.validate import load_unit

    src = tmp_path / "nfd.yaml"
    src.write_text("title: Nguye\u0302\u0303n Tra\u0303i\nsections:\n  - title: Vie\u0323\u0302t\n"
                   "    summary: Nguye\u0302\u0303n Tra\u0303i wrote the Bi\u0300nh Ngo\u0302 \u0111ai ca\u0301o.\n",
                   encoding="utf-8")
    unit, problems = load_unit(src)
    assert unit is not None and not [p for p in problems if p.is_error]
    assert unit.title == "Nguyễn Trãi" and unit.sections[0].title == "Việt"
    built = build(src, tmp_path / "out")
    text = "\n".join(pdfium_page_texts(built.student))
    assert "Nguyễn Trãi wrote the Bình Ngô đai cáo." in text.replace("\r\n", " ").replace("\n", " ")


def test_zwnj_keeps_persian_letters_apart_and_is_dropped_from_latin():
    from studyguide.shaping import pieces

    fonts = load_fonts()
    apart, joined = "می\u200cخواهم", "میخواهم"
    runs = fonts.runs(apart, "serif")
    assert len(runs) == 1 and "\u200c" in runs[0][1]  # one run: HarfBuzz sees the joiner
    glyphs = [g.gid for p in pieces(runs) for g in p.glyphs]
    assert glyphs != [g.gid for p in pieces(fonts.runs(joined, "serif")) for g in p.glyphs]
    assert fonts.runs("x\u200cy", "serif") == [(fonts.primary("serif"), "xy")]
    assert fonts.missing(apart) == []
