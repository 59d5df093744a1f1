"""Which writing system a character belongs to, and text cut into runs of one script.

Python's unicodedata has no Script property, so the blocks of the scripts a history unit
quotes are listed here (Unicode 15 block ranges). Characters of no particular script
(spaces, digits, punctuation: "Common") and combining marks that follow their base
("Inherited") join the run around them, so a font is chosen per run, never per character:
letters that shape together (Arabic joining, Indic clusters) always share one font.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache

COMMON = "Common"

_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x005A, "Latin"), (0x0061, 0x007A, "Latin"), (0x00AA, 0x00AA, "Latin"),
    (0x00BA, 0x00BA, "Latin"), (0x00C0, 0x00D6, "Latin"), (0x00D8, 0x00F6, "Latin"),
    (0x00F8, 0x024F, "Latin"), (0x0250, 0x02AF, "Latin"), (0x0370, 0x03FF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"), (0x0530, 0x058F, "Armenian"), (0x0591, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"), (0x0700, 0x074F, "Syriac"), (0x0750, 0x077F, "Arabic"),
    (0x0780, 0x07BF, "Thaana"), (0x0860, 0x086F, "Syriac"), (0x0870, 0x08FF, "Arabic"),
    (0x0900, 0x097F, "Devanagari"), (0x0980, 0x09FF, "Bengali"), (0x0A00, 0x0A7F, "Gurmukhi"),
    (0x0A80, 0x0AFF, "Gujarati"), (0x0B00, 0x0B7F, "Oriya"), (0x0B80, 0x0BFF, "Tamil"),
    (0x0C00, 0x0C7F, "Telugu"), (0x0C80, 0x0CFF, "Kannada"), (0x0D00, 0x0D7F, "Malayalam"),
    (0x0D80, 0x0DFF, "Sinhala"), (0x0E00, 0x0E7F, "Thai"), (0x0E80, 0x0EFF, "Lao"),
    (0x0F00, 0x0FFF, "Tibetan"), (0x1000, 0x109F, "Myanmar"), (0x10A0, 0x10FF, "Georgian"),
    (0x1100, 0x11FF, "Hangul"), (0x1200, 0x139F, "Ethiopic"), (0x13A0, 0x13FF, "Cherokee"),
    (0x1780, 0x17FF, "Khmer"), (0x1800, 0x18AF, "Mongolian"), (0x19E0, 0x19FF, "Khmer"),
    (0x1C90, 0x1CBF, "Georgian"), (0x1D00, 0x1DBF, "Latin"), (0x1E00, 0x1EFF, "Latin"),
    (0x1F00, 0x1FFF, "Greek"), (0x2C60, 0x2C7F, "Latin"), (0x2D00, 0x2D2F, "Georgian"),
    (0x2D80, 0x2DDF, "Ethiopic"), (0x2DE0, 0x2DFF, "Cyrillic"), (0x2E80, 0x2FDF, "Han"),
    (0x3005, 0x3007, "Han"), (0x3021, 0x3029, "Han"), (0x3038, 0x303B, "Han"),
    (0x3041, 0x309F, "Hiragana"), (0x30A0, 0x30FF, "Katakana"), (0x3105, 0x312F, "Bopomofo"),
    (0x3131, 0x318F, "Hangul"), (0x31F0, 0x31FF, "Katakana"), (0x3400, 0x4DBF, "Han"),
    (0x4E00, 0x9FFF, "Han"), (0xA640, 0xA69F, "Cyrillic"), (0xA720, 0xA7FF, "Latin"),
    (0xA8E0, 0xA8FF, "Devanagari"), (0xA960, 0xA97F, "Hangul"), (0xA9E0, 0xA9FF, "Myanmar"),
    (0xAA60, 0xAA7F, "Myanmar"), (0xAB00, 0xAB2F, "Ethiopic"), (0xAB30, 0xAB6F, "Latin"),
    (0xAC00, 0xD7AF, "Hangul"), (0xD7B0, 0xD7FF, "Hangul"), (0xF900, 0xFAFF, "Han"),
    (0xFB00, 0xFB06, "Latin"), (0xFB1D, 0xFB4F, "Hebrew"), (0xFB50, 0xFDFF, "Arabic"),
    (0xFE70, 0xFEFF, "Arabic"), (0xFF21, 0xFF3A, "Latin"), (0xFF41, 0xFF5A, "Latin"),
    (0xFF66, 0xFF9F, "Katakana"), (0xFFA0, 0xFFDC, "Hangul"), (0x20000, 0x3134F, "Han"),
    # scripts of the ancient and medieval sources a history unit quotes
    (0x1680, 0x169F, "Ogham"), (0x16A0, 0x16FF, "Runic"), (0x2C80, 0x2CFF, "Coptic"),
    (0x2D30, 0x2D7F, "Tifinagh"), (0x10000, 0x100FF, "LinearB"), (0x10300, 0x1032F, "OldItalic"),
    (0x10330, 0x1034F, "Gothic"), (0x10380, 0x1039F, "Ugaritic"), (0x103A0, 0x103DF, "OldPersian"),
    (0x10570, 0x105BF, "Vithkuqi"), (0x10840, 0x1085F, "ImperialAramaic"), (0x10900, 0x1091F, "Phoenician"),
    (0x10C00, 0x10C4F, "OldTurkic"), (0x11000, 0x1107F, "Brahmi"), (0x12000, 0x1254F, "Cuneiform"),
    (0x13000, 0x1342F, "EgyptianHieroglyphs"), (0x17000, 0x18AFF, "Tangut"), (0x1B170, 0x1B2FF, "Nushu"),
)
_RANGES = tuple(sorted(_RANGES))
_STARTS = [r[0] for r in _RANGES]

RTL = frozenset({"Arabic", "Hebrew", "Syriac", "Thaana"})
# Scripts whose letters change shape or order with their neighbours: they need a shaper.
COMPLEX = RTL | frozenset({
    "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada",
    "Malayalam", "Sinhala", "Thai", "Lao", "Tibetan", "Myanmar", "Khmer", "Mongolian", "Hangul",
    "Ethiopic",
})
# The guide's own text face prints these; every other script gets a font made for it.
TEXT_FACE_SCRIPTS = frozenset({"Latin", "Greek", "Cyrillic", COMMON})


@lru_cache(maxsize=None)
def script_of(ch: str) -> str:
    """The script of one character; COMMON for spaces, digits, punctuation and marks.

    Memoised: layout asks for every character of every string it measures (a guide uses
    a few hundred distinct characters, asked for about 200,000 times)."""
    cp = ord(ch)
    i = bisect.bisect_right(_STARTS, cp) - 1
    if i >= 0 and _RANGES[i][0] <= cp <= _RANGES[i][1]:
        # a combining mark outside a script's block (U+0300..., U+20DD) belongs to its base
        return _RANGES[i][2]
    return COMMON


def script_runs(text: str) -> list[tuple[str, str]]:
    """(script, text) runs; Common characters and combining marks join the run before
    them (or, at the start, the first run after them)."""
    if text.isascii():  # most strings: ASCII letters are Latin, the rest is Common
        if not text:
            return []
        return [("Latin" if any(c.isalpha() for c in text) else COMMON, text)]
    runs: list[list[str]] = []
    for ch in text:
        script = script_of(ch)
        if script == COMMON or (unicodedata.combining(ch) and script_of(ch) == COMMON):
            if runs:
                runs[-1][1] += ch
            else:
                runs.append([COMMON, ch])
            continue
        if runs and runs[-1][0] == COMMON:
            runs[-1][0] = script
        if runs and runs[-1][0] == script:
            runs[-1][1] += ch
        else:
            runs.append([script, ch])
    return [(s, t) for s, t in runs]


def scripts_in(text: str) -> set[str]:
    return {script_of(ch) for ch in text} - {COMMON}


# Invisible controls removed from every drawn string on purpose: bidi marks, embeddings
# and isolates (ALM, LRM, RLM, LRE...PDF, LRI...PDI); lines are ordered by the bidi
# algorithm before drawing. The joiners ZWJ/ZWNJ are kept for shaped scripts (see
# keep_joiners); any other format character is checked for a glyph like a letter.
DROPPED = frozenset([0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
_DROP_TABLE = dict.fromkeys(DROPPED)


_DROP_RE = re.compile("[%s]" % "".join(map(chr, sorted(DROPPED))))


def drop_controls(text: str) -> str:
    # a regular expression finds the rare string with a control without a Python-level loop
    return text.translate(_DROP_TABLE) if _DROP_RE.search(text) else text


JOINERS = frozenset("\u200c\u200d")


def keep_joiners(script: str) -> bool:
    """ZWNJ/ZWJ steer how letters of a shaped script join (Persian می‌خواهم): HarfBuzz
    consumes them there; elsewhere they are dropped."""
    return script in COMPLEX


_SCRIPTS = (  # (first, last code point, BCP 47 tag) for scripts used by essentially one language
    (0x0370, 0x03FF, "el"), (0x1F00, 0x1FFF, "el"),             # Greek (incl. polytonic)
    (0x3040, 0x30FF, "ja"),                                     # kana
    (0xAC00, 0xD7AF, "ko"), (0x1100, 0x11FF, "ko"),             # Hangul
    (0x0590, 0x05FF, "he"), (0x0E00, 0x0E7F, "th"), (0x10A0, 0x10FF, "ka"), (0x0530, 0x058F, "hy"),
)
_HAN = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF))


def language_of(text: str, default: str) -> str | None:
    """The language of `text` when its script makes it unambiguous and it is not `default`.

    Every letter must belong to one such script: Greek, kana (with or without Han: Japanese),
    Hangul (Korean), Hebrew, Thai, Georgian, Armenian, or Han alone (Chinese). Latin and
    Cyrillic are shared by many languages, and mixed text keeps the surrounding language.
    """
    found: set[str] = set()
    for ch in text:
        if not ch.isalpha():
            continue
        cp = ord(ch)
        if any(a <= cp <= b for a, b in _HAN):
            found.add("han")
            continue
        tag = next((t for a, b, t in _SCRIPTS if a <= cp <= b), None)
        if tag is None:
            return None  # a letter of a shared script: no single answer
        found.add(tag)
    if found == {"han"}:
        lang = "zh"
    elif found in ({"ja"}, {"ja", "han"}):
        lang = "ja"
    elif found in ({"ko"}, {"ko", "han"}):
        lang = "ko"
    elif len(found) == 1:
        lang = found.pop()
    else:
        return None
    return None if default.split("-")[0].lower() == lang else lang
