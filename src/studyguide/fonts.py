"""Fonts: which files, which glyphs, and per-character fallback.

ReportLab draws each string in one font and has no glyph fallback, and it cannot embed
CFF-flavoured OpenType (most Noto CJK files). So we keep a *chain* per role: a primary
TrueType face (DejaVu, shipped inside matplotlib, so every machine with our dependencies
has the very same file and builds stay byte-identical) followed by TrueType fallbacks
(DejaVu Sans for symbols, then a CJK-capable face). Text is cut into runs, each run set in
the first face of the chain that has all its characters. A character that no face has is
reported as a content problem before layout: a box is never printed.

Font files are parsed at most once per process, and only when a character needs them.
"""

from __future__ import annotations

import importlib.util
import os
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from .files import is_regular

ROLES = (
    "serif", "serif-bold", "serif-italic", "serif-bolditalic",
    "sans", "sans-bold", "sans-italic", "sans-bolditalic",
    "mono",
)

# Primary DejaVu file for each role, and the DejaVu Sans file of the same weight/slant,
# which covers many symbols the serif lacks.
_DEJAVU = {
    "serif": ("DejaVuSerif.ttf", "DejaVuSans.ttf"),
    "serif-bold": ("DejaVuSerif-Bold.ttf", "DejaVuSans-Bold.ttf"),
    "serif-italic": ("DejaVuSerif-Italic.ttf", "DejaVuSans-Oblique.ttf"),
    "serif-bolditalic": ("DejaVuSerif-BoldItalic.ttf", "DejaVuSans-BoldOblique.ttf"),
    "sans": ("DejaVuSans.ttf", None),
    "sans-bold": ("DejaVuSans-Bold.ttf", None),
    "sans-italic": ("DejaVuSans-Oblique.ttf", None),
    "sans-bolditalic": ("DejaVuSans-BoldOblique.ttf", None),
    "mono": ("DejaVuSansMono.ttf", "DejaVuSans.ttf"),
}

# TrueType-outline fonts with CJK (and kana, hangul) coverage, in order of preference.
# Installed by `make` from Debian's fonts-droid-fallback where missing.
CJK_CANDIDATES = (
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts-droid-fallback/truetype/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
)
FONT_ENV = "STUDYGUIDE_FONTS"  # extra fallback font files or folders, ':'-separated

FIX_HINT = (
    "install a TrueType font that has it (for Chinese, Japanese and Korean:\n"
    "'apt-get install fonts-droid-fallback', which `make` does when it can), or name a\n"
    f".ttf/.ttc file in the {FONT_ENV} environment variable, or replace the character"
)


@dataclass(frozen=True)
class Face:
    """One registered font: its ReportLab name, its file and the code points it covers."""

    name: str
    path: str
    cmap: frozenset[int]

    def has(self, ch: str) -> bool:
        return ord(ch) in self.cmap


def _mpl_font_dir() -> Path:
    # find_spec does not import matplotlib (which costs a tenth of a second or more).
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib is not installed; run `make` to set up the environment")
    return Path(list(spec.submodule_search_locations)[0]) / "mpl-data" / "fonts" / "ttf"


@lru_cache(maxsize=None)
def _register(path: str, name: str) -> Face | None:
    """Register a TrueType file once; None for files ReportLab cannot embed (CFF, broken)
    and for anything but a regular file (ReportLab would block forever reading a FIFO)."""
    if not is_regular(path):
        return None
    try:
        font = TTFont(name, path, subfontIndex=0) if path.endswith((".ttc", ".otc")) else TTFont(name, path)
    except (TTFError, OSError, ValueError, KeyError, IndexError, AssertionError):
        return None
    pdfmetrics.registerFont(font)
    return Face(name, path, frozenset(font.face.charToGlyph))


def _extra_paths() -> list[str]:
    found: list[str] = []
    for entry in filter(None, os.environ.get(FONT_ENV, "").split(os.pathsep)):
        p = Path(entry)
        if p.is_dir():
            found += sorted(str(f) for f in p.iterdir() if f.suffix.lower() in (".ttf", ".ttc") and is_regular(f))
        elif is_regular(p):
            found.append(str(p))
    return found


@dataclass(frozen=True)
class FaceSpec:
    """A font file the chain may use, parsed only when a character first needs it."""

    name: str
    path: str

    def load(self) -> Face | None:
        return _register(self.path, self.name)


class FontSet:
    """The font chains of every role, and the text operations that depend on them.

    Faces are parsed lazily: a unit in Latin script never pays for the CJK fallback
    (about 20 MiB and 40 ms per face), and a role a guide never uses costs nothing.
    """

    def __init__(self, chains: dict[str, tuple[FaceSpec, ...]]):
        self.specs = chains
        self._cache: dict[tuple[str, str], Face | None] = {}

    def primary(self, role: str) -> str:
        spec = self.specs[role][0]
        if spec.load() is None:
            raise RuntimeError(f"cannot read the font {spec.path}")
        return spec.name

    def _faces(self, role: str):
        for spec in self.specs[role]:
            face = spec.load()
            if face is not None:
                yield face

    def face_for(self, ch: str, role: str) -> Face | None:
        key = (ch, role)
        if key not in self._cache:
            self._cache[key] = next((f for f in self._faces(role) if f.has(ch)), None)
        return self._cache[key]

    def runs(self, text: str, role: str) -> list[tuple[str, str]]:
        """Cut `text` into (font name, text) runs along the chain of `role`.

        Characters no face has (and whitespace/combining marks) stay with the current run,
        so a missing glyph never splits words; `missing` reports those characters earlier.
        """
        primary = self.primary(role)
        out: list[list[str]] = []
        for ch in text:
            if ch.isspace() or unicodedata.combining(ch):
                name = out[-1][0] if out else primary
            else:
                face = self.face_for(ch, role)
                name = face.name if face else (out[-1][0] if out else primary)
            if out and out[-1][0] == name:
                out[-1][1] += ch
            else:
                out.append([name, ch])
        return [(n, t) for n, t in out]

    def string_width(self, text: str, role: str, size: float) -> float:
        return sum(pdfmetrics.stringWidth(t, n, size) for n, t in self.runs(text, role))

    def missing(self, text: str, role: str = "serif") -> list[str]:
        """Characters of `text` that no face of the chain can print, in order, once each."""
        seen: dict[str, None] = {}
        for ch in text:
            if ch in seen or ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Mn", "Me"):
                continue
            if self.face_for(ch, role) is None:
                seen[ch] = None
        return list(seen)

    def fingerprint(self) -> str:
        """Identifies the faces a chart may use, for chart cache keys (nothing is parsed)."""
        return "|".join(f"{r}={','.join(Path(f.path).name for f in c)}" for r, c in sorted(self.specs.items()))


def describe_char(ch: str) -> str:
    """'ᚠ' (U+16A0 RUNIC LETTER FEHU), for error messages."""
    name = unicodedata.name(ch, "unnamed character")
    return f"'{ch}' (U+{ord(ch):04X} {name})"


@lru_cache(maxsize=1)
def load_fonts() -> FontSet:
    """The chains of every role; files are found now and parsed when first needed."""
    ttf = _mpl_font_dir()
    fallbacks: list[FaceSpec] = []
    found = _extra_paths() + [p for p in CJK_CANDIDATES if os.path.exists(p)]
    for i, path in enumerate(dict.fromkeys(os.path.realpath(p) for p in found)):
        fallbacks.append(FaceSpec(f"SG-Fallback{i}", path))
    chains: dict[str, tuple[FaceSpec, ...]] = {}
    for role, (main, sans) in _DEJAVU.items():
        names = list(dict.fromkeys(filter(None, (main, sans, "DejaVuSans.ttf"))))
        chain = [FaceSpec("SG-" + n.removesuffix(".ttf"), str(ttf / n)) for n in names]
        chains[role] = tuple(chain + fallbacks)
    return FontSet(chains)
