"""Drawing pieces the guide needs beyond ReportLab's own.

Student and teacher editions must paginate identically, so every piece that shows an
answer in the teacher edition takes exactly the same room in the student edition: the
answer is drawn *into* space that both editions reserve.
"""

from __future__ import annotations

from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import ActionFlowable

from ..fonts import FontSet
from .styles import ANSWER, RULE, INK
from .reportlab_private import attach, doc_template
from .tagging import Element, Tagged, decoration, marked
from .textdraw import draw_runs, fit_text, wrap_words
from .textflow import Paragraph  # ReportLab's, or ours where text must be shaped


def part_break() -> Flowable:
    """A new page, on the right in duplex: for the parts teachers pull out of the guide
    (the answer key, the answer grid), those that must stand alone (the self-check page),
    and every part of a unit with `section_breaks: page`."""
    return ActionFlowable(("rightPageBreak",))


class AnchoredParagraph(Tagged, Paragraph):
    """A paragraph that marks its place: bookmark, optional outline entry, page record.

    Headings and glossary terms are anchored; give the element with ``tag=`` (H1, P, ...).

    The page on which it is drawn is recorded in the document's `found` map, from which
    the canvas fills in the contents' and the glossary's page numbers when it is saved.
    """

    def __init__(self, text, style, key: str | None = None, outline: str | None = None, level: int = 0,
                 **kw):
        super().__init__(text, style, **kw)
        self.key = key
        self.outline = outline
        self.level = level

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2:  # only the first part carries the anchor
            parts[0].__dict__.update(key=self.key, outline=self.outline, level=self.level)
            parts[1].__dict__.update(key=None, outline=None, level=self.level)
        return parts

    def draw(self):
        key = getattr(self, "key", None)
        if key:
            canv = self.canv
            canv.bookmarkHorizontal(key, 0, self.height + 4)
            if self.outline:
                canv.addOutlineEntry(self.outline, key, self.level, closed=self.level > 0)
            doc = doc_template(canv)
            if doc is not None and hasattr(doc, "found"):
                doc.found.setdefault(key, canv.getPageNumber())
        super().draw()


class AnswerLines(Flowable):
    """Ruled lines to write on; in the teacher edition the answer is written on them.

    The height depends only on the number of lines, never on the answer, so both editions
    break pages alike. A long answer is set smaller rather than spill; beyond the smallest
    size it ends with a pointer to the answer key.

    Tagging: the ruling is the content of `tag` (whose /ActualText announces the answer
    space, e.g. "Answer space, 3 lines"), the teacher's answer the content of `answer_tag`,
    an element after it, so a reader hears the answer right after the question.
    """

    def __init__(self, lines: int, spacing: float, fonts: FontSet, size: float,
                 answer: str | None = None, answer_lines: list[str] | None = None,
                 answer_size: float | None = None, indent: float = 0.0, tail: str = "(see answer key)",
                 tag: Element | None = None, answer_tag: Element | None = None, rtl: bool = False):
        super().__init__()
        self.tag, self.answer_tag = tag, answer_tag
        self.indent = indent
        self.rtl = rtl  # right to left: the indent on the right, the answer written from there
        self.lines = lines
        self.spacing = spacing
        self.fonts = fonts
        self.size = size
        self.answer = answer
        self._answer_lines = answer_lines
        self._answer_size = answer_size
        self.tail = tail  # ends an answer cut short, in the guide's language

    ROLE = "sans-italic"

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = self.lines * self.spacing + 4
        if self.answer is not None and self._answer_lines is None:
            self._answer_lines, self._answer_size = self._fit(availWidth - self.indent - 8)
        return self.width, self.height

    def _fit(self, width: float) -> tuple[list[str], float]:
        size = self.size
        while True:
            lines = wrap_words(self.answer or "", self.ROLE, size, width, self.fonts)
            if len(lines) <= self.lines or size <= 7.0:
                break
            size = max(7.0, size - 0.5)
        if len(lines) > self.lines:
            lines = lines[: self.lines]
            tail = " \u2026 " + self.tail
            last = lines[-1]
            while last and self.fonts.string_width(last + tail, self.ROLE, size) > width:
                last = last[:-1]
            lines[-1] = last.rstrip() + tail
        return lines, size

    MIN_PART = 3  # never fewer lines than this on either side of a page break

    def with_lines(self, lines: int) -> "AnswerLines":
        """The same answer space with `lines` lines (a question stretched to the page's foot)."""
        return AnswerLines(lines, self.spacing, self.fonts, self.size, self.answer, None, None, self.indent,
                           self.tail, self.tag, self.answer_tag, self.rtl)

    def split(self, availWidth, availHeight):
        fit = min(int((availHeight - 4) // self.spacing), self.lines - self.MIN_PART)
        if fit < self.MIN_PART:
            return []
        self.wrap(availWidth, availHeight)
        ans = self._answer_lines
        first = AnswerLines(fit, self.spacing, self.fonts, self.size, self.answer,
                            ans[:fit] if ans is not None else None, self._answer_size, self.indent,
                            self.tail, self.tag, self.answer_tag, self.rtl)
        rest = AnswerLines(self.lines - fit, self.spacing, self.fonts, self.size, self.answer,
                           ans[fit:] if ans is not None else None, self._answer_size, self.indent,
                           self.tail, self.tag, self.answer_tag, self.rtl)
        return [first, rest]

    def draw(self):
        c = self.canv
        c.saveState()
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        x0, x1 = (0, self.width - self.indent) if self.rtl else (self.indent, self.width)
        with marked(c, self.tag):
            for i in range(self.lines):
                y = self.height - (i + 1) * self.spacing
                c.line(x0, y, x1, y)
        if self._answer_lines:
            c.setFillColor(ANSWER)
            with marked(c, self.answer_tag):
                for i, line in enumerate(self._answer_lines[: self.lines]):
                    y = self.height - (i + 1) * self.spacing + 3
                    draw_runs(c, x1 - 6 if self.rtl else x0 + 6, y, line, self.ROLE,
                              self._answer_size or self.size, self.fonts, "end" if self.rtl else "start",
                              rtl=True if self.rtl else None)
        c.restoreState()


class FixedBox(Flowable):
    """A flowable of a size fixed at construction, the same in both editions."""

    def wrap(self, availWidth, availHeight):
        return self.width, self.height


class Mark(Tagged, FixedBox):
    """A letter or word to circle (A/B/C/D, True/False); the teacher's copy is circled.

    Tagging: the letter is the content of `tag` (a Lbl); the circle is an artifact, the
    element's /ActualText says which mark is circled.
    """

    def __init__(self, text: str, fonts: FontSet, size: float, circled: bool = False,
                 role: str = "sans-bold", tag: Element | None = None):
        super().__init__(tag=tag)
        if tag is not None and circled:
            tag.actual_text = f"{text} (circled: the answer)"
        self.text, self.fonts, self.size, self.circled, self.role = text, fonts, size, circled, role
        self.width = fonts.string_width(text, role, size) + size * 1.1
        self.height = size * 1.5

    def draw(self):
        c = self.canv
        c.saveState()
        c.setFillColor(INK)
        cx, cy = self.width / 2, self.height / 2
        draw_runs(c, cx, cy - self.size * 0.35, self.text, self.role, self.size, self.fonts, "middle")
        if self.circled:
            with decoration(c, self.tag):
                c.setStrokeColor(ANSWER)
                c.setLineWidth(1.3)
                c.ellipse(0.5, 0.5, self.width - 0.5, self.height - 0.5, stroke=1, fill=0)
        c.restoreState()


class Blank(Tagged, FixedBox):
    """A write-in line (matching letters, ordering numbers); the teacher's copy is filled.

    Tagging: the student's blank line is the content of `tag`, announced by its
    /ActualText ("blank"); in the teacher's copy the line is an artifact and the answer
    written on it is the content.
    """

    def __init__(self, width: float, fonts: FontSet, size: float, answer: str | None = None,
                 tag: Element | None = None):
        super().__init__(tag=tag)
        self.width, self.fonts, self.size, self.answer = width, fonts, size, answer
        self.height = size * 1.5
        if tag is not None and not answer:
            tag.actual_text = "blank"

    def draw(self):
        c = self.canv
        c.saveState()
        c.setStrokeColor(INK)
        c.setLineWidth(0.6)
        if self.answer:
            with decoration(c, self.tag):
                c.line(0, 1, self.width, 1)
        else:
            c.line(0, 1, self.width, 1)
        if self.answer:
            c.setFillColor(ANSWER)
            size = fit_text(self.answer, "sans-bold", self.size, self.width - 2, self.fonts)
            draw_runs(c, self.width / 2, 4, self.answer, "sans-bold", size, self.fonts, "middle")
        c.restoreState()


class ChartFlowable(Tagged, Flowable):
    """A timeline chart's display list, replayed as vector drawing.

    A chart is drawn for the frame; should one ever be taller than a whole frame, it is
    scaled down to fit rather than stop the build. Tagging: the whole chart is the content
    of one Figure element whose /Alt says what the chart shows.
    """

    def __init__(self, chart, max_height: float | None = None, tag: Element | None = None):
        super().__init__(tag=tag)
        self.chart = chart
        self.scale = 1.0
        if max_height and chart.height > max_height:
            self.scale = max_height / chart.height
        self.width, self.height = chart.width * self.scale, chart.height * self.scale

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        if self.scale != 1.0:
            self.canv.scale(self.scale, self.scale)
        self.chart.draw(self.canv, 0, 0)


class PageRef(Tagged, FixedBox):
    """The page number of an anchor, at the outer side of its box (`end`: the right; in a
    right-to-left guide `start`: the left), linked to the anchor.

    The number is a form XObject filled in when the document is saved (like the footer's
    page total), so a guide is laid out once: no pass waits for its own page numbers.
    """

    def __init__(self, key: str, width: float, height: float, role: str, size: float, color,
                 tag: Element | None = None, align: str = "end"):
        super().__init__(tag=tag)
        self.key, self.width, self.height = key, width, height
        self.role, self.size, self.color, self.align = role, size, color, align

    def draw(self):
        c = self.canv
        refs = attach(c, "pagerefs")
        refs[page_ref_form(self.key, self.align)] = (self.key, self.role, self.size, self.color, self.align)
        baseline = self.height - self.size
        c.saveState()
        c.translate(self.width if self.align == "end" else 0, baseline)
        c.doForm(page_ref_form(self.key, self.align))
        c.restoreState()
        c.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)


def page_ref_form(key: str, align: str = "end") -> str:
    return f"sg-ref-{key}" if align == "end" else f"sg-ref-{key}-{align}"


def define_page_refs(canv, found: dict[str, int], fonts: FontSet) -> None:
    """At save time: the forms PageRef drew, each the page its anchor landed on."""
    for form, (key, role, size, color, align) in sorted(attach(canv, "pagerefs").items()):
        left, right = (-200, 0) if align == "end" else (0, 200)
        canv.beginForm(form, left, -size, right, size * 1.5)
        canv.setFillColor(color)
        draw_runs(canv, 0, 0, str(found.get(key, "?")), role, size, fonts, align)
        canv.endForm()
