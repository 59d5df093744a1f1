"""Fonts: which files, which glyphs, and a font per script run.

ReportLab draws each string in one font and has no glyph fallback, and it cannot embed
CFF-flavoured OpenType (most Noto CJK files). So we keep a *chain* per role: the book face
(Noto Serif, with Noto Sans for headings, labels and charts), vendored in `typefaces/` so
every machine builds the very same bytes, then the DejaVu faces shipped inside matplotlib
(symbols and rare letters the book face lacks), then a CJK-capable face. The book face sets
Latin, Greek and Cyrillic; every other script is set in a font made for it (fonts-noto-core's
TrueType Noto faces, Nanum for Hangul), chosen once per script run (see scripts.py) so
letters that join or combine share one font. Noto script fonts lack Latin letters and
often digits and punctuation: those characters then stay in the text face. A character
that no face has is reported as a content problem before layout: a box is never printed.

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
from .scripts import COMMON, JOINERS, TEXT_FACE_SCRIPTS, drop_controls, keep_joiners, script_of, script_runs
from .shaping import needs_shaping

ROLES = (
    "serif", "serif-bold", "serif-italic", "serif-bolditalic",
    "sans", "sans-bold", "sans-italic", "sans-bolditalic",
    "mono",
)

TYPEFACES = Path(__file__).parent / "typefaces"  # the vendored book face (see its README.md)

# Each role's chain before the fallbacks: the book face's file of that weight and slant
# (in TYPEFACES), then DejaVu files (inside matplotlib) that cover what it lacks.
_FACES: dict[str, tuple[str, ...]] = {
    "serif": ("NotoSerif-Regular.ttf", "DejaVuSerif.ttf", "DejaVuSans.ttf"),
    "serif-bold": ("NotoSerif-Bold.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSans-Bold.ttf"),
    "serif-italic": ("NotoSerif-Italic.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSans-Oblique.ttf"),
    "serif-bolditalic": ("NotoSerif-BoldItalic.ttf", "DejaVuSerif-BoldItalic.ttf", "DejaVuSans-BoldOblique.ttf"),
    "sans": ("NotoSans-Regular.ttf", "DejaVuSans.ttf"),
    "sans-bold": ("NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf"),
    "sans-italic": ("NotoSans-Italic.ttf", "DejaVuSans-Oblique.ttf"),
    "sans-bolditalic": ("NotoSans-BoldItalic.ttf", "DejaVuSans-BoldOblique.ttf"),
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

# Where Debian's font packages put their TrueType files (fonts-noto-core, fonts-nanum,
# fonts-unfonts-core); `make` installs the first two.
FONT_DIRS = ("/usr/share/fonts/truetype/noto", "/usr/share/fonts/truetype/nanum",
             "/usr/share/fonts/truetype/unfonts-core")
# Font families for a script, serif-like first; the sans roles try them in reverse.
# Scripts not named here use NotoSerif<Script> and NotoSans<Script>.
SCRIPT_FAMILIES: dict[str, tuple[str, ...]] = {
    "Arabic": ("NotoNaskhArabic", "NotoSansArabic"),
    "Hangul": ("NanumMyeongjo", "UnBatang", "NanumGothic", "UnDotum"),
    "Tibetan": ("NotoSerifTibetan",),
    "Mongolian": ("NotoSansMongolian",),
    "Syriac": ("NotoSansSyriac",),
    "Thaana": ("NotoSansThaana",),
}
_BOLD_SUFFIXES = ("-Bold.ttf", "Bold.ttf", "B.ttf")
_REGULAR_SUFFIXES = ("-Regular.ttf", ".ttf", "R.ttf")

FIX_HINT = (
    "install fonts-noto-core (every script) and fonts-nanum (Korean); `make` does when it\n"
    "runs as root (apt-get install fonts-noto-core fonts-nanum fonts-droid-fallback), or name a\n"
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
    (about 20 MiB and 40 ms per face) nor for any script font, and a role a guide never
    uses costs nothing.
    """

    def __init__(self, chains: dict[str, tuple[FaceSpec, ...]],
                 script_faces: dict[tuple[str, str], tuple[FaceSpec, ...]] | None = None):
        self.specs = chains
        self.script_specs = script_faces or {}
        self._cache: dict[tuple[str, str, str], Face | None] = {}  # (character, role, script)
        self._run_cache: dict[tuple[str, str], list[tuple[str, str]]] = {}

    def primary(self, role: str) -> str:
        spec = self.specs[role][0]
        if spec.load() is None:
            raise RuntimeError(f"cannot read the font {spec.path}")
        return spec.name

    def _faces(self, role: str, script: str = COMMON):
        specs = self.script_specs.get((script, role), ()) + self.specs[role]
        for spec in specs:
            face = spec.load()
            if face is not None:
                yield face

    def face_for(self, ch: str, role: str, script: str = COMMON) -> Face | None:
        key = (ch, role, script)
        if key not in self._cache:
            self._cache[key] = next((f for f in self._faces(role, script) if f.has(ch)), None)
        return self._cache[key]

    def _run_face(self, chunk: str, role: str, script: str) -> Face | None:
        """The first face that has every letter and mark of a script run (else None)."""
        letters = {ch for ch in chunk if script_of(ch) != COMMON}
        return next((f for f in self._faces(role, script) if all(f.has(c) for c in letters)), None)

    def runs(self, text: str, role: str) -> list[tuple[str, str]]:
        """Cut `text` into (font name, text) runs: one font per script run where one face
        has all its letters; digits and punctuation are set in the text face where it has
        them, spaces and marks stay with the run before them. Characters no face has stay
        with the current run (`missing` reports them first); invisible controls are dropped."""
        key = (text, role)
        if key not in self._run_cache:
            self._run_cache[key] = self._runs(text, role)
        return self._run_cache[key]

    def _runs(self, text: str, role: str) -> list[tuple[str, str]]:
        primary = self.primary(role)
        out: list[list[str]] = []
        for script, chunk in script_runs(drop_controls(text)):
            if not keep_joiners(script):
                chunk = "".join(c for c in chunk if c not in JOINERS)
            run_face = None if script in TEXT_FACE_SCRIPTS else self._run_face(chunk, role, script)
            for ch in chunk:
                common = script_of(ch) == COMMON
                if ch.isspace() or ch in JOINERS or (common and unicodedata.combining(ch)):
                    name = out[-1][0] if out else primary   # spaces and marks join their neighbour
                elif run_face is not None and not common and run_face.has(ch):
                    name = run_face.name
                else:  # punctuation and digits: the text face first
                    face = self.face_for(ch, role, COMMON if common else script)
                    name = face.name if face else (out[-1][0] if out else primary)
                if out and out[-1][0] == name:
                    out[-1][1] += ch
                else:
                    out.append([name, ch])
        return [(n, t) for n, t in out]

    def string_width(self, text: str, role: str, size: float) -> float:
        runs = self.runs(text, role)
        if needs_shaping(text):  # shaped widths differ from the sum of the characters'
            from .shaping import pieces

            return sum(p.width(size) for p in pieces(runs))
        return sum(pdfmetrics.stringWidth(t, n, size) for n, t in runs)

    def missing(self, text: str, role: str = "serif") -> list[str]:
        """Characters of `text` that no face of the chain can print, in order, once each.

        Combining marks and format characters are checked like letters; only white space
        and the controls `drop_controls` removes on purpose are exempt."""
        seen: dict[str, None] = {}
        for script, chunk in script_runs(drop_controls(text)):
            for ch in chunk:
                if ch in JOINERS and keep_joiners(script):
                    continue  # consumed by shaping
                if ch in JOINERS or ch in seen or ch.isspace() or unicodedata.category(ch) == "Cc":
                    continue
                if self.face_for(ch, role, COMMON if script_of(ch) == COMMON else script) is None:
                    seen[ch] = None
        return list(seen)

    def fingerprint(self) -> str:
        """Identifies the faces a chart may use, for chart cache keys (nothing is parsed)."""
        chains = sorted(self.specs.items()) + sorted((f"{s}/{r}", c) for (s, r), c in self.script_specs.items())
        return "|".join(f"{r}={','.join(Path(f.path).name for f in c)}" for r, c in chains)


def describe_char(ch: str) -> str:
    """'ᚠ' (U+16A0 RUNIC LETTER FEHU), for error messages."""
    name = unicodedata.name(ch, "unnamed character")
    return f"'{ch}' (U+{ord(ch):04X} {name})"


def _script_files(script: str, bold: bool, serif: bool) -> list[str]:
    """Installed font files for `script`, in order of preference for the weight and style."""
    families = list(SCRIPT_FAMILIES.get(script, (f"NotoSerif{script}", f"NotoSans{script}")))
    if not serif:
        families.reverse()
    found: list[str] = []
    for family in families:
        for suffixes in ((_BOLD_SUFFIXES, _REGULAR_SUFFIXES) if bold else (_REGULAR_SUFFIXES,)):
            for folder in FONT_DIRS:
                hit = next((f"{folder}/{family}{sfx}" for sfx in suffixes
                            if os.path.exists(f"{folder}/{family}{sfx}")), None)
                if hit:
                    found.append(hit)
                    break
    return list(dict.fromkeys(found))


SCRIPTS_WITH_FONTS = ("Arabic", "Hebrew", "Syriac", "Thaana", "Armenian", "Georgian", "Devanagari",
                      "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada",
                      "Malayalam", "Sinhala", "Thai", "Lao", "Tibetan", "Myanmar", "Khmer", "Mongolian",
                      "Ethiopic", "Cherokee", "Hangul", "Ogham", "Runic", "Coptic", "Tifinagh", "LinearB",
                      "OldItalic", "Gothic", "Ugaritic", "OldPersian", "Vithkuqi", "ImperialAramaic",
                      "Phoenician", "OldTurkic", "Brahmi", "Cuneiform", "EgyptianHieroglyphs", "Tangut",
                      "Nushu")


@lru_cache(maxsize=1)
def load_fonts() -> FontSet:
    """The chains of every role; files are found now and parsed when first needed."""
    ttf = _mpl_font_dir()
    fallbacks: list[FaceSpec] = []
    found = _extra_paths() + [p for p in CJK_CANDIDATES if os.path.exists(p)]
    for i, path in enumerate(dict.fromkeys(os.path.realpath(p) for p in found)):
        fallbacks.append(FaceSpec(f"SG-Fallback{i}", path))
    chains: dict[str, tuple[FaceSpec, ...]] = {}
    for role, names in _FACES.items():
        names = tuple(dict.fromkeys(names + ("DejaVuSans.ttf",)))
        chain = [FaceSpec("SG-" + n.removesuffix(".ttf"), str((TYPEFACES if n.startswith("Noto") else ttf) / n))
                 for n in names]
        chains[role] = tuple(chain + fallbacks)
    script_faces: dict[tuple[str, str], tuple[FaceSpec, ...]] = {}
    for script in SCRIPTS_WITH_FONTS:
        for role in ROLES:
            files = _script_files(script, "bold" in role, not role.startswith("sans"))
            script_faces[(script, role)] = tuple(FaceSpec("SG-" + Path(f).stem, f) for f in files)
    return FontSet(chains, script_faces)
