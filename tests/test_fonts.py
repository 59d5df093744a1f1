"""The font chain: per-character fallback, glyph checks, and faces parsed only when needed."""

from __future__ import annotations

import re
import subprocess
import sys

from studyguide.fonts import describe_char, load_fonts

from conftest import FIXTURES


def test_runs_switch_fonts_only_where_the_primary_lacks_a_glyph():
    fonts = load_fonts()
    runs = fonts.runs("Aigun 瑷珲 Владивосток", "serif")
    names = [n for n, _ in runs]
    assert names[0] == fonts.primary("serif")
    assert any(t.strip() == "瑷珲" for _, t in runs)
    assert runs[-1] == (fonts.primary("serif"), "Владивосток")  # the book face has Cyrillic


def test_each_script_run_gets_one_font_and_punctuation_stays_in_the_text_face():
    fonts = load_fonts()
    runs = fonts.runs("Ibn Battuta (ابن بطوطة) and सागर, 1304", "serif")
    assert len([n for n, t in runs if "بطوطة" in t]) == 1
    assert any(t == "ابن بطوطة" for _, t in runs)          # the space between joins the Arabic run
    after = runs[[t for _, t in runs].index("ابن بطوطة") + 1]
    assert after[1].startswith(")") and after[0] == fonts.primary("serif")  # punctuation: text face
    assert any("सागर" in t and "Devanagari" in n for n, t in runs)
    for text, family in (("சோழர்", "Tamil"), ("อยุธยา", "Thai"), ("세종 한글", "Nanum"), ("ግዕዝ", "Ethiopic"),
                         ("גניזה", "Hebrew"), ("ᠮᠣᠩᠭᠣᠯ", "Mongolian")):
        assert [family in n for n, _ in fonts.runs(text, "serif")] == [True], text
        assert fonts.missing(text) == []


def test_invisible_controls_are_dropped_on_purpose_and_other_marks_are_checked():
    fonts = load_fonts()
    assert "".join(t for _, t in fonts.runs("\u2066x\u2069\u200f\u061c", "serif")) == "x"
    assert fonts.missing("\u2066x\u2069") == []
    assert fonts.missing("a\u20dd") == ["\u20dd"]


def test_missing_characters_are_named():
    fonts = load_fonts()
    assert fonts.missing("plain text, 中文, Ελληνικά") == []
    assert fonts.missing("runes \u16a0 here") == []  # fonts-noto-core has Runic
    assert fonts.missing("Vithkuqi \U00010570 here") == ["\U00010570"]
    assert describe_char("\u16a0").startswith("'\u16a0' (U+16A0 RUNIC LETTER")


def test_a_latin_unit_never_parses_a_fallback_font(tmp_path):
    unit = FIXTURES / "units" / "minimal.yaml"
    code = ("from pathlib import Path; from studyguide.build import build_unit, BuildOptions; "
            "from reportlab.pdfbase import pdfmetrics; "
            f"build_unit(Path({str(unit)!r}), BuildOptions(out_dir=Path({str(tmp_path)!r}))); "
            "print(sorted(n for n in pdfmetrics.getRegisteredFontNames() if n.startswith('SG-')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    names = eval(out.stdout)
    assert "SG-NotoSerif-Regular" in names and "SG-NotoSans-Bold" in names  # the book face and its sans
    book = re.compile(r"SG-(NotoSerif|NotoSans)-(Regular|Bold|Italic|BoldItalic)|SG-DejaVu.*")
    assert all(book.fullmatch(n) for n in names), names  # no script font, no CJK fallback


def test_an_unprintable_script_stops_the_build_once_per_field_with_its_place_and_a_fix(tmp_path):
    # Vithkuqi (Unicode 14) has no font in fonts-noto-core; 4 letters and a mark: one error
    src = tmp_path / "vithkuqi.yaml"
    src.write_text("title: Albanian scripts\nsections:\n  - title: Vithkuqi\n"
                   "    summary: The word \U00010570\U00010571\U00010572 and \U00010573\u20dd.\n",
                   encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "studyguide", "build", str(src), "-o", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert (f"{src}:4:14: error: no installed font prints Vithkuqi (\U00010570\U00010571\U00010572 "
            "in 'summary')") in result.stderr
    assert result.stderr.count("Vithkuqi (") == 1
    assert "U+20DD COMBINING ENCLOSING CIRCLE" in result.stderr  # a mark no font has is refused too
    assert "fonts-noto-core" in result.stderr and "STUDYGUIDE_FONTS" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists() or not list(out.glob("*.pdf"))


def test_the_vendored_book_face_is_the_file_its_readme_names():
    """Byte-identical builds on every machine need the very same font files: a changed
    file must come with a changed README (its source and checksum)."""
    import hashlib

    from studyguide.fonts import TYPEFACES

    listed = dict(line.split()[::-1] for line in (TYPEFACES / "README.md").read_text().splitlines()
                  if re.fullmatch(r"[0-9a-f]{64}  \S+\.ttf", line))
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in TYPEFACES.glob("*.ttf")}
    assert files == listed and len(files) == 8
    assert "SIL OPEN FONT LICENSE" in (TYPEFACES / "OFL.txt").read_text()
