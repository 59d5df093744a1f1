"""The font chain: per-character fallback, glyph checks, and faces parsed only when needed."""

from __future__ import annotations

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
    assert runs[-1] == (fonts.primary("serif"), "Владивосток")  # DejaVu has Cyrillic


def test_missing_characters_are_named():
    fonts = load_fonts()
    assert fonts.missing("plain text, 中文, Ελληνικά") == []
    missing = fonts.missing("runes \u16a0 here")
    assert missing == ["\u16a0"]
    assert describe_char("\u16a0").startswith("'\u16a0' (U+16A0 RUNIC LETTER")


def test_a_latin_unit_never_parses_a_fallback_font(tmp_path):
    unit = FIXTURES / "units" / "minimal.yaml"
    code = ("from pathlib import Path; from studyguide.build import build_unit, BuildOptions; "
            "from reportlab.pdfbase import pdfmetrics; "
            f"build_unit(Path({str(unit)!r}), BuildOptions(out_dir=Path({str(tmp_path)!r}))); "
            "print(sorted(n for n in pdfmetrics.getRegisteredFontNames() if n.startswith('SG-')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "SG-DejaVuSerif" in out.stdout
    assert "Fallback" not in out.stdout


def test_an_unprintable_character_stops_the_build_with_its_place_and_a_fix(tmp_path):
    src = tmp_path / "runes.yaml"
    src.write_text("title: Runes\nsections:\n  - title: Futhark\n    summary: The letter \u16a0 is fehu.\n",
                   encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "studyguide", "build", str(src), "-o", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert f"{src}:4:14: error: no available font can print '\u16a0' (U+16A0 RUNIC LETTER" in result.stderr
    assert "fonts-droid-fallback" in result.stderr and "STUDYGUIDE_FONTS" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists() or not list(out.glob("*.pdf"))
