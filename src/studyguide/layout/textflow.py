"""Paragraphs that hold shaped or right-to-left text.

ReportLab's Paragraph draws every word as a string in one font; it shapes only with a
single font per paragraph and turns on discretionary ligatures, and its bidi needs
`rlbidi`, which is not on the package index. So a paragraph whose text needs shaping, or
that is set right to left, is laid out here instead: ReportLab still parses the markup
(fonts, colours, rises, onDraw callbacks), lines are broken at spaces in logical order
with shaped widths, and each line is ordered by the Unicode Bidirectional Algorithm and
drawn glyph by glyph (studyguide.shaping), with /ActualText for extraction. Any other
paragraph is ReportLab's own, unchanged.

Use `Paragraph` from here wherever ReportLab's would be used; it decides by itself.
Links (<a href>) keep their link: each linked run gets a link annotation over its glyphs.
"""

from __future__ import annotations

import copy
from contextlib import nullcontext

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph as _RLParagraph

from ..scripts import language_of
from ..shaping import draw_pieces, has_rtl, needs_shaping
from .reportlab_private import text_cursor_set

LRE, PDF = "\u202a", "\u202c"  # bidi embedding: left to right inside a right-to-left line
RTL_WRAP = "RTL"  # a style with wordWrap="RTL" is set right to left (ReportLab's convention)


class _Atom:
    """A word or a space of one frag, or a zero-width callback (onDraw)."""

    __slots__ = ("frag", "text", "width", "space", "callback")

    def __init__(self, frag, text: str, width: float, space: bool = False, callback=None):
        self.frag, self.text, self.width, self.space, self.callback = frag, text, width, space, callback


def _word_width(text: str, font: str, size: float) -> float:
    if needs_shaping(text):
        from ..shaping import pieces

        return sum(p.width(size) for p in pieces([(font, text)]))
    return stringWidth(text, font, size)


class Paragraph(_RLParagraph):
    """ReportLab's Paragraph, laid out by us when its text needs shaping or is RTL, or
    when a run of it is in another language than the paragraph's (see `read_in`)."""

    def __init__(self, text, style, *args, **kw):
        super().__init__(text, style, *args, **kw)
        plain = "".join(getattr(f, "text", "") for f in self.frags)
        self._sg_rtl = getattr(style, "wordWrap", None) == RTL_WRAP
        self._sg_shaped = self._sg_rtl or needs_shaping(plain)
        self._sg_lines: list[list[_Atom]] | None = None
        self._sg_language: str | None = None
        self._sg_blank: str | None = None

    def read_in(self, language: str | None) -> None:
        """The language the paragraph is read in. A run in a script that names another
        language (大历史观 in English: Chinese) is then drawn as a span with its own
        /Lang, so a screen reader switches voice for it; ReportLab's Paragraph cannot mark
        a span inside its text, so such a paragraph is laid out here."""
        self._sg_language = language
        if language and not self._sg_shaped:
            self._sg_shaped = any(language_of(getattr(f, "text", ""), language) for f in self.frags)

    def _other_language(self, word: str) -> str | None:
        """The language of a word whose script names another language than the paragraph's."""
        return language_of(word, self._sg_language) if self._sg_language else None

    def announce_blank(self, text: str) -> None:
        """Read the run an onDraw callback follows (a fill-in blank's underscores) as `text`
        ("blank"), not as the characters drawn; ReportLab's Paragraph cannot give part of its
        text its own /ActualText, so such a paragraph is laid out here."""
        self._sg_blank = text
        self._sg_shaped = True

    def _span(self, canv, lang: str | None, actual_text: str | None = None):
        """Where a tagged paragraph draws a run in another language, or one read as other
        words (a blank): a Span element of its own with that /Lang or /ActualText (the
        paragraph's element goes on around it)."""
        tag = getattr(self, "tag", None)  # the structure element of a tagged paragraph
        if not (lang or actual_text) or tag is None:
            return nullcontext()
        return tag.tree.marked(canv, tag.add("Span", lang=lang, actual_text=actual_text))

    # -- layout ------------------------------------------------------------------------
    def _atoms(self) -> list[_Atom]:
        atoms: list[_Atom] = []
        for f in self.frags:
            if getattr(f, "cbDefn", None) is not None:
                atoms.append(_Atom(f, "", 0.0, callback=f.cbDefn))
                continue
            text = getattr(f, "text", "")
            word = ""
            for ch in text:
                if ch in " \t\n":
                    if word:
                        atoms.append(_Atom(f, word, _word_width(word, f.fontName, f.fontSize)))
                        word = ""
                    atoms.append(_Atom(f, " ", stringWidth(" ", f.fontName, f.fontSize), space=True))
                else:
                    word += ch
            if word:
                atoms.append(_Atom(f, word, _word_width(word, f.fontName, f.fontSize)))
        return atoms

    def _break(self, width: float) -> list[list[_Atom]]:
        st = self.style
        lines: list[list[_Atom]] = []
        line: list[_Atom] = []
        used = 0.0
        room = width - st.leftIndent - st.rightIndent - st.firstLineIndent
        atoms = self._atoms()
        i = 0
        while i < len(atoms):
            # a "word" runs to the next space: atoms of several frags without a space between
            j = i
            while j < len(atoms) and not atoms[j].space:
                j += 1
            word = atoms[i:j] if j > i else atoms[i:i + 1]
            w = sum(a.width for a in word)
            if line and used + w > room and not word[0].space:
                while line and line[-1].space:
                    line.pop()
                lines.append(line)
                line, used = [], 0.0
                room = width - st.leftIndent - st.rightIndent
            if not (word[0].space and not line):
                line += word
                used += w
            i += len(word)
        while line and line[-1].space:
            line.pop()
        if line:
            lines.append(line)
        return lines

    def wrap(self, availWidth, availHeight):
        if not self._sg_shaped:
            return self._rl_wrap(availWidth, availHeight)
        if self._sg_lines is None or getattr(self, "_sg_width", None) != availWidth:
            self._sg_lines = self._break(availWidth)
            self._sg_width = availWidth
        self.width = availWidth
        self.height = len(self._sg_lines) * self.style.leading
        return self.width, self.height

    def _rl_wrap(self, availWidth, availHeight):
        """ReportLab's wrap, once per width: keeping, splitting and the frame ask a paragraph
        for its height at the same width three times on average, and each time ReportLab
        breaks its lines again. The result depends only on the width, the style's indents
        and leading and the frags, which are the key."""
        st = self.style
        key = (availWidth, st, st.leftIndent, st.firstLineIndent, st.rightIndent, st.leading, st.wordWrap,
               getattr(st, "autoLeading", ""), getattr(self, "autoLeading", None), self.frags, len(self.frags))
        memo = getattr(self, "_sg_wrapped", None)
        if (memo is not None and getattr(self, "blPara", None) is memo[2]  # split() drops it to force a new one
                and all(a is b or a == b for a, b in zip(memo[0], key))):
            self.width, self.height = memo[1]
            return memo[1]
        size = super().wrap(availWidth, availHeight)
        if size[0]:  # not ReportLab's "cannot fit at this width", which sets nothing
            self._sg_wrapped = (key, size, getattr(self, "blPara", None))
        return size

    def split(self, availWidth, availHeight):
        if not self._sg_shaped:
            return super().split(availWidth, availHeight)
        self.wrap(availWidth, availHeight)
        assert self._sg_lines is not None
        fit = int((availHeight + 1e-6) // self.style.leading)
        if fit <= 0:
            return []
        if fit >= len(self._sg_lines):
            return [self]
        # widow and orphan control as ReportLab's: no single line left at a foot or head
        if not getattr(self.style, "allowWidows", 1) and len(self._sg_lines) - fit == 1:
            fit -= 1
        if not getattr(self.style, "allowOrphans", 0) and fit == 1:
            return []
        if fit <= 0:
            return []
        first, rest = copy.copy(self), copy.copy(self)
        first._sg_lines, rest._sg_lines = self._sg_lines[:fit], self._sg_lines[fit:]
        rest.bulletText = None  # a question's number stays with its first line
        rest.style = copy.copy(self.style)
        rest.style.firstLineIndent = 0
        for part in (first, rest):
            part._sg_width = availWidth
        return [first, rest]

    # -- drawing -----------------------------------------------------------------------
    def _draw_bullet(self, y: float) -> None:
        """The bullet (a question's number) in the hanging indent of the first line: at
        bulletIndent from the left, or from the right when the paragraph is right to left."""
        st, c = self.style, self.canv
        frags = _bullet_frags(self.bulletText, st)
        x = st.bulletIndent
        if self._sg_rtl:
            x = self.width - st.bulletIndent - sum(stringWidth(t, f, z) for t, f, z, _ in frags)
        for text, font, size, colour in frags:
            c.saveState()
            c.setFillColor(colour)
            c.setFont(font, size)
            c.drawString(x, y, text)
            c.restoreState()
            x += stringWidth(text, font, size)

    def draw(self):
        if not self._sg_shaped:
            return super().draw()
        from ..shaping import pieces

        st, c = self.style, self.canv
        lines = self._sg_lines or []
        y = self.height - st.fontSize
        if lines and getattr(self, "bulletText", None):
            self._draw_bullet(y)
        for n, line in enumerate(lines):
            indent = st.firstLineIndent if n == 0 else 0
            runs, callbacks = [], {}
            for a in line:
                if a.callback is not None:
                    if runs:  # after the text it follows (a fill-in blank's underscores), which
                        callbacks.setdefault(len(runs) - 1, []).append(a)  # stays a piece of its own
                        font, text, (key, i) = runs[-1]  # so the callback gets its edge
                        runs[-1] = (font, text, (key[:-1] + (i,), i))
                    continue
                key = (a.frag.fontName, a.frag.fontSize, _colour(a.frag), getattr(a.frag, "rise", 0),
                       _link(a.frag), self._other_language(a.text), None)
                runs.append((a.frag.fontName, a.text, (key, len(runs))))
            merged = _merge(runs)
            if self._sg_rtl:  # a shown URL, or a Latin link, keeps its own order (a trailing slash too)
                merged = _embed_links(merged)
            laid = pieces([(f, t, tag) for f, t, tag in merged], self._sg_rtl)
            width = sum(p.width(p.tag[0][1]) for p in laid)
            avail = self.width - st.leftIndent - st.rightIndent - indent
            align = st.alignment
            if self._sg_rtl and align not in (TA_CENTER,):
                align = TA_RIGHT
            # right to left, indents mirror: a hanging first line reaches out on the right
            x = st.rightIndent if self._sg_rtl else st.leftIndent + indent
            if align == TA_RIGHT:
                x += avail - width
            elif align == TA_CENTER:
                x += (avail - width) / 2
            elif align == TA_JUSTIFY:
                pass  # justified lines are set flush (shaped text is not stretched)
            fired: set[int] = set()
            line_rtl = all(p.rtl for p in laid)
            links: list[list] = []  # [target, x0, x1, bottom, top]: one annotation per linked stretch
            for p in laid:
                (font, size, colour, rise, link, lang, _), covered = p.tag
                blank = self._sg_blank if any(i in callbacks for i in covered) else None
                with self._span(c, lang, blank):
                    c.saveState()
                    c.setFillColor(colour)
                    w = draw_pieces(c, x, y + rise, [p], size, line_rtl)
                    c.restoreState()
                if link and links and links[-1][0] == link and abs(links[-1][2] - x) < 0.01:
                    links[-1][2] = x + w
                elif link:
                    links.append([link, x, x + w, y + rise - 0.25 * size, y + rise + size])
                for idx in covered:
                    if idx not in fired:
                        fired.add(idx)
                        for cb in callbacks.get(idx, ()):
                            _call(c, cb.callback, x + w, y, st.leading)
                x += w
            for target, x0, x1, bottom, top in links:
                _link_over(c, target, (x0, bottom, x1, top))
            y -= st.leading


def _bullet_frags(bullet, style) -> list[tuple[str, str, float, object]]:
    """(text, font, size, colour) of a bullet given as a string or as parsed frags."""
    if isinstance(bullet, str):
        return [(bullet, style.bulletFontName, style.bulletFontSize,
                 getattr(style, "bulletColor", None) or style.textColor)]
    return [(f.text, f.fontName, f.fontSize, _colour(f)) for f in bullet]


def _colour(frag):
    return getattr(frag, "textColor", None) or "black"


def _link(frag) -> str | None:
    """The target of the <a href> (or <link>) a run is inside, or None."""
    links = getattr(frag, "link", None) or ()
    return links[-1][1] if links else None


def _left_to_right_link(text: str, target: str | None) -> bool:
    """A link read left to right inside a right-to-left line: a URL printed as itself
    (whatever letters its path has), or link text without right-to-left letters."""
    return bool(target) and (text.strip() == target or not has_rtl(text))


def _embed_links(merged: list) -> list:
    """Each link read left to right (see _left_to_right_link) becomes one embedding, however
    many runs (fonts) it spans: a URL whose path has Arabic letters keeps the URL's order."""
    out = list(merged)
    i = 0
    while i < len(out):
        target, j = out[i][2][0][4], i
        while target and j + 1 < len(out) and out[j + 1][2][0][4] == target:
            j += 1
        if _left_to_right_link("".join(t for _, t, _ in out[i:j + 1]), target):
            f, t, k = out[i]
            out[i] = (f, LRE + t, k)
            f, t, k = out[j]
            out[j] = (f, t + PDF, k)
        i = j + 1
    return out


def _link_over(canv, target: str, rect: tuple[float, float, float, float]) -> None:
    """A link annotation over a drawn run, made as ReportLab's Paragraph makes them: '#name'
    goes to a destination in the document, anything else is a URI."""
    if target.startswith("#"):
        canv.linkRect("", target[1:], rect, relative=1, thickness=0)
    else:
        canv.linkURL(target, rect, relative=1, thickness=0)


def _merge(runs):
    """Adjacent runs of the same look become one run, so shaping sees whole words and
    phrases; each merged run is tagged with its look and the indices of the runs it covers."""
    out: list[tuple[str, str, object, list[int]]] = []
    for i, (font, text, (key, _)) in enumerate(runs):
        if out and out[-1][2] == key:
            f, t, k, covered = out[-1]
            out[-1] = (f, t + text, k, covered + [i])
        else:
            out.append((font, text, key, [i]))
    return [(f, t, (k, tuple(covered))) for f, t, k, covered in out]


def _call(canv, cb, x: float, y: float, leading: float) -> None:
    """Run an onDraw callback as ReportLab does, with the position where it stands."""
    kind, name = getattr(cb, "kind", None), getattr(cb, "name", None)
    if kind == "anchor":
        canv.bookmarkHorizontal(name, x, y + leading)
        return
    func = canv.getNamedCB(name)
    if not func:
        raise AttributeError(f"Missing {kind} callback attribute '{name}'")
    with text_cursor_set(canv, x, y, leading):
        func(canv, kind, getattr(cb, "label", None))
