"""Pages and passes: page template, footer, bookmarks, metadata, and the layout passes.

The contents and glossary print page numbers that are known only after layout, so the
student edition is laid out twice (the second pass with the first pass's numbers; a third
only if they moved). The teacher edition has the same pages up to its answer key, so it
starts from the student's numbers and normally needs one pass. "Page X of Y" needs no
pass: the canvas holds pages back until it knows Y.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Mapping

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from .. import __version__
from .. import model as m
from ..text import plain
from .questions import BLANK_CB, draw_blank_answer
from .story import Charts, Edition, build_story
from .styles import MUTED, RULE, Styles
from .textdraw import draw_runs

MAX_PASSES = 4


def footer_canvas(title: str, styles: Styles):
    """A Canvas class that draws the footer on every page but the cover at save time."""

    class FooterCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []

        def showPage(self):
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._held)
            self.page_count = total
            for state in self._held:
                self.__dict__.update(state)
                if self._pageNumber > 1:
                    self._footer(self._pageNumber, total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _footer(self, page: int, total: int) -> None:
            st, fonts = styles, styles.fonts
            size = st.size(9)
            left, right = st.margin_x, st.pagesize[0] - st.margin_x
            y = st.footer_y
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(left, y + size + 4, right, y + size + 4)
            self.setFillColor(MUTED)
            label = f"Page {page} of {total}"
            used = draw_runs(self, right, y, label, "sans", size, fonts, "end")
            room = right - left - used - 18
            text = title
            if fonts.string_width(text, "sans", size) > room:
                while text and fonts.string_width(text + "\u2026", "sans", size) > room:
                    text = text[:-1]
                text = text.rstrip() + "\u2026"
            draw_runs(self, left, y, text, "sans", size, fonts)
            self.restoreState()

    return FooterCanvas


class GuideDoc(BaseDocTemplate):
    """One edition of one guide, laid out on a single-frame page."""

    def __init__(self, buf, unit: m.Unit, styles: Styles, edition: Edition):
        terms = sorted({plain(t.term) for _, t in unit.all_terms()})
        subject = unit.subtitle or unit.course or ""
        super().__init__(
            buf, pagesize=styles.pagesize,
            leftMargin=styles.margin_x, rightMargin=styles.margin_x,
            topMargin=styles.margin_top, bottomMargin=styles.margin_bottom,
            title=plain(unit.title) + (" (teacher edition)" if edition.teacher else ""),
            author=unit.author or "", subject=plain(subject), keywords=terms,
            creator=f"studyguide {__version__}", producer=f"studyguide {__version__} (ReportLab)",
            invariant=1, lang=unit.language, displayDocTitle=1,
            initialFontName=styles.fonts.primary("serif"),
        )
        frame = Frame(styles.margin_x, styles.margin_bottom, styles.frame_width, styles.frame_height,
                      id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("page", [frame])])
        self.found: dict[str, int] = {}

    def beforeDocument(self):
        self.canv.setNamedCB(BLANK_CB, draw_blank_answer)
        self.canv.showOutline()


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int
    refs: Mapping[str, int]
    passes: int


def render(unit: m.Unit, styles: Styles, edition: Edition, charts: Charts,
           refs: Mapping[str, int] | None = None) -> Rendered:
    """Lay out one edition until its page references stop moving."""
    refs = dict(refs or {})
    for attempt in range(1, MAX_PASSES + 1):
        buf = io.BytesIO()
        doc = GuideDoc(buf, unit, styles, edition)
        story = build_story(unit, styles, edition, charts, refs)
        canvasmaker = footer_canvas(plain(unit.title), styles)
        doc.build(story, canvasmaker=canvasmaker)
        found = doc.found
        stable = all(refs.get(k) == v for k, v in found.items())
        if stable or attempt == MAX_PASSES:
            return Rendered(buf.getvalue(), doc.canv.page_count, found, attempt)
        refs.update(found)
    raise AssertionError("unreachable")


def render_editions(unit: m.Unit, styles: Styles, charts: Charts,
                    editions: tuple[str, ...] = ("student", "teacher")) -> dict[str, Rendered]:
    """Both editions from one model and one set of charts."""
    out: dict[str, Rendered] = {}
    refs: dict[str, int] = {}
    if "student" in editions:
        out["student"] = render(unit, styles, Edition(teacher=False), charts)
        refs = dict(out["student"].refs)
        refs["answers"] = out["student"].pages + 1
    if "teacher" in editions:
        out["teacher"] = render(unit, styles, Edition(teacher=True), charts, refs)
    return out
