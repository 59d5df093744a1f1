"""Shaping and direction: logical text in, glyphs in visual order out.

Only runs that need it come here: a run of a script whose letters join, reorder or stack
(scripts.COMPLEX: Arabic, Hebrew, the Indic and Southeast Asian scripts, Hangul...), or
any run of a line that holds right-to-left text. Latin, Greek and Cyrillic are never
shaped (HarfBuzz would apply the font's ligatures: "notwithstanding" would extract with
U+FB06), and a unit without such text never imports uharfbuzz or python-bidi.

* Direction: the Unicode Bidirectional Algorithm (python-bidi's reference
  implementation, which exposes the resolved levels) gives every character a level;
  pieces of one font and one level are laid out in visual order (rule L2).
* Shaping: uharfbuzz shapes each piece with its font; right-to-left pieces come back
  in visual order with their letters joined, brackets mirrored.
* Drawing: each glyph is a code of the ReportLab font mapped to its glyph id (its own
  character when the font's cmap has it, a private-use code otherwise), placed with
  HarfBuzz's advances and offsets.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from reportlab.pdfbase import pdfmetrics

from .scripts import COMPLEX, RTL, drop_controls, script_of

T = TypeVar("T")


def needs_shaping(text: str) -> bool:
    """True when some character belongs to a script that must be shaped (or is RTL)."""
    if not text or max(text) < "\u0590":  # most strings: no character of such a script, found in C
        return False
    return any(ord(ch) >= 0x0590 and script_of(ch) in COMPLEX for ch in text)


def has_rtl(text: str) -> bool:
    if not text or max(text) < "\u0590":
        return False
    return any(0x0590 <= ord(ch) <= 0x08FF or 0xFB1D <= ord(ch) <= 0xFEFF for ch in text
               if script_of(ch) in RTL)


@dataclass(frozen=True)
class Glyph:
    """One glyph to draw: its code in the ReportLab font, and its placement in points."""

    char: str        # the code ReportLab writes (maps to the glyph id in the embedded font)
    gid: int
    advance: float
    x_offset: float
    y_offset: float
    cluster: int = 0  # index in the run's text of the first character this glyph shows


@dataclass(frozen=True)
class Piece:
    """A run of one font and one direction, in visual position; `text` is its logical text."""

    font: str
    text: str
    rtl: bool
    glyphs: tuple[Glyph, ...] | None   # None: plain text, drawn as a string
    tag: object = None                 # what the caller attached to the run (colour, callback)

    def width(self, size: float) -> float:
        if self.glyphs is None:
            return pdfmetrics.stringWidth(self.text, self.font, size)
        return sum(g.advance for g in self.glyphs) * size


# --- bidi ---------------------------------------------------------------------------------

def first_strong_is_rtl(text: str) -> bool:
    """Rules P2-P3: the first strong character of `text` is right to left."""
    import unicodedata

    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def levels(text: str, rtl_base: bool) -> list[int]:
    """The resolved embedding level of every character (UBA rules P2-I2)."""
    from bidi import algorithm as uba

    storage = uba.get_empty_storage()
    storage["base_level"] = 1 if rtl_base else 0
    storage["base_dir"] = "R" if rtl_base else "L"
    uba.get_embedding_levels(text, storage, False, False)
    uba.explicit_embed_and_overrides(storage, False)
    uba.resolve_weak_types(storage, False)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    chars = storage["chars"]
    out: list[int] = []
    j = 0
    for ch in text:  # characters removed by rule X9 take their neighbour's level
        if j < len(chars) and chars[j]["ch"] == ch:
            out.append(chars[j]["level"])
            j += 1
        else:
            out.append(out[-1] if out else storage["base_level"])
    return out


def visual_order(items: list[tuple[int, T]]) -> list[T]:
    """Rule L2: reverse every maximal sequence at level >= k, from the highest level down
    to the lowest odd one. `items` are (level, item) in logical order."""
    if not items:
        return []
    seq = list(items)
    top = max(lv for lv, _ in seq)
    low_odd = min((lv for lv, _ in seq if lv % 2), default=top + 1)
    for k in range(top, low_odd - 1, -1):
        i = 0
        while i < len(seq):
            if seq[i][0] >= k:
                j = i
                while j < len(seq) and seq[j][0] >= k:
                    j += 1
                seq[i:j] = seq[i:j][::-1]
                i = j
            else:
                i += 1
    return [item for _, item in seq]


# --- shaping -------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _hb_font(font_name: str):
    import uharfbuzz as hb

    ttf = pdfmetrics.getFont(font_name)
    return hb.Font(ttf.hbFace), ttf


_PUA_START, _PUA_END = 0xE000, 0xF8FF


def _code_for(ttf, font, gid: int) -> str:
    """A code of the ReportLab font that draws glyph `gid`: the font's own character for
    the glyph when its cmap has one, else the private-use code U+E000 + gid (the next free
    one if the font uses that code), registered the way ReportLab's own shaper does. The
    code depends only on the font and the glyph, so output never depends on what else was
    built before in the same process; glyphs are placed one by one, so the code's width
    (the glyph's own advance) never moves anything."""
    face = ttf.face
    own = [c for c in face.glyphToChar.get(gid, ()) if not _PUA_START <= c <= _PUA_END]
    if own:
        return chr(min(own))
    code = _PUA_START + gid
    while face.charToGlyph.get(code, gid) != gid:
        code += 1
    if code > _PUA_END:
        raise RuntimeError(f"{ttf.fontName}: glyph {gid} has no code left to draw it with")
    if code not in face.charToGlyph:
        face.charToGlyph[code] = gid
        face.glyphToChar.setdefault(gid, []).append(code)
        face.charWidths[code] = font.get_glyph_h_advance(gid) * 1000 / font.face.upem
    return chr(code)


@lru_cache(maxsize=4096)
def shape(text: str, font_name: str, rtl: bool) -> tuple[Glyph, ...]:
    """HarfBuzz's glyphs for one run of one font, in visual order, advances in em."""
    import uharfbuzz as hb

    font, ttf = _hb_font(font_name)
    upem = font.face.upem
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    hb.shape(font, buf, {})
    out = []
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions):
        advance = pos.x_advance / upem
        out.append(Glyph(_code_for(ttf, font, info.codepoint), info.codepoint, advance,
                         pos.x_offset / upem, pos.y_offset / upem, info.cluster))
    return tuple(out)


def pieces(runs, rtl_base: bool | None = None) -> list[Piece]:
    """(font, text[, tag]) runs of one line in logical order -> pieces in visual order.

    rtl_base: the line's base direction; None takes it from its first strong character
    (rules P2-P3: an answer written in Arabic reads right to left, an English sentence
    quoting an Arabic name left to right). A line without complex or right-to-left text
    keeps its runs as plain strings."""
    runs = [(r[0], r[1], r[2] if len(r) > 2 else None) for r in runs]
    text = "".join(t for _, t, _ in runs)
    if rtl_base is None:
        rtl_base = has_rtl(text) and first_strong_is_rtl(text)
    if not needs_shaping(text) and not rtl_base:
        return [Piece(f, t, False, None, tag) for f, t, tag in runs if t]
    lv = levels(text, rtl_base) if (rtl_base or has_rtl(text)) else [0] * len(text)
    logical: list[tuple[int, tuple[str, str, bool, object]]] = []
    i = 0
    for font, chunk, tag in runs:  # cut each run where the level changes
        j = 0
        while j < len(chunk):
            level = lv[i + j]
            k = j
            while k < len(chunk) and lv[i + k] == level:
                k += 1
            logical.append((level, (font, chunk[j:k], level % 2 == 1, tag)))
            j = k
        i += len(chunk)
    out: list[Piece] = []
    for font, part, rtl, tag in visual_order(logical):
        part = drop_controls(part)  # bidi controls have done their work: they draw nothing
        shaped = bool(part) and (rtl or needs_shaping(part))
        out.append(Piece(font, part, rtl, shape(part, font, rtl) if shaped else None, tag))
    return out


# --- drawing on a ReportLab canvas -----------------------------------------------------------

@contextmanager
def actual_text(canv, text: str):
    """Marked content whose /ActualText is `text`: what extraction and copy-paste report
    for the glyphs drawn inside (shaped glyphs may stand for several characters, or for
    private-use codes). The one place this property is written: tagging code may nest it
    inside its own marked content. Bidi controls are layout, not text: they are left out."""
    text = drop_controls(text)
    canv.addLiteral(f"/Span <</ActualText <FEFF{text.encode('utf-16-be').hex().upper()}>>> BDC")
    try:
        yield
    finally:
        canv.addLiteral("EMC")


def draw_pieces(canv, x: float, y: float, laid: list[Piece], size: float,
                line_rtl: bool | None = None) -> float:
    """Draw pieces (visual order) with the baseline at y from x; returns the width.

    line_rtl: whether the whole line they belong to is right to left (default: whether
    these pieces all are)."""
    start = x
    # Extractors (poppler, PDFium) put right-to-left text into logical order themselves,
    # reversing what they find in drawing order, replacement text included: so an RTL
    # run's replacement text is given in drawing (visual) order, one span per run in a
    # mixed line and one per word in a line that is all right to left (PDFium reorders
    # such a line word by word); both then return the logical string.
    all_rtl = all(p.rtl for p in laid) if line_rtl is None else line_rtl
    for p in laid:
        if p.glyphs is None:
            canv.setFont(p.font, size)
            canv.drawString(x, y, p.text)
            x += pdfmetrics.stringWidth(p.text, p.font, size)
            continue
        for text, glyphs in (_words(p) if all_rtl else [(p.text[::-1] if p.rtl else p.text, list(p.glyphs))]):
            with actual_text(canv, text):
                tx = canv.beginText()
                tx.setFont(p.font, size)
                for g in glyphs:
                    tx.setTextOrigin(x + g.x_offset * size, y + g.y_offset * size)
                    tx.textOut(g.char)
                    x += g.advance * size
                canv.drawText(tx)
    return x - start


def _words(p: Piece) -> list[tuple[str, list[Glyph]]]:
    """The piece's glyphs cut at spaces, each group with the text it stands for (in
    drawing order for an RTL piece, see draw_pieces)."""
    assert p.glyphs is not None
    groups: list[tuple[str, list[Glyph]]] = []
    bounds = sorted({g.cluster for g in p.glyphs} | {len(p.text)})
    def text_of(glyphs: list[Glyph]) -> str:
        clusters = sorted({g.cluster for g in glyphs})
        end = {c: bounds[bounds.index(c) + 1] for c in clusters}
        return "".join(p.text[c:end[c]] for c in clusters)
    current: list[Glyph] = []
    for g in p.glyphs:
        is_space = p.text[g.cluster:g.cluster + 1].isspace()
        if is_space or (current and p.text[current[-1].cluster:current[-1].cluster + 1].isspace()):
            if current:
                groups.append((text_of(current), current))
            current = []
        current.append(g)
    if current:
        groups.append((text_of(current), current))
    if p.rtl:
        return [(t[::-1], gl) for t, gl in groups]
    return groups
