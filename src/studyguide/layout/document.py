"""Pages and passes: page template, footer, bookmarks, metadata, and the layout passes.

The contents and glossary print page numbers that are known only after layout, so the
student edition is laid out twice (the second pass with the first pass's numbers; a third
only if they moved). The teacher edition has the same pages up to its answer key, so it
starts from the student's numbers and normally needs one pass. "Page X of Y" needs no
pass: Y is filled in when the file is saved.
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
    """A Canvas class that puts a footer on every page but the cover.

    "Page X of Y": Y is known only at the end, so each page shows a form XObject that is
    defined when the document is saved. (Holding pages back instead would point every
    bookmark at page 1.)
    """

    class FooterCanvas(Canvas):
        def showPage(self):
            page = self.getPageNumber()
            if page > 1:
                self._footer(page)
            super().showPage()

        def save(self):
            self.page_count = total = self.getPageNumber() - 1
            st = styles
            size = st.size(9)
            for page in range(2, total + 1):
                self.beginForm(f"sg-page-{page}", -200, -5, 0, size + 5)
                self.setFillColor(MUTED)
                draw_runs(self, 0, 0, f"Page {page} of {total}", "sans", size, st.fonts, "end")
                self.endForm()
            super().save()

        def _footer(self, page: int) -> None:
            st, fonts = styles, styles.fonts
            size = st.size(9)
            left, right = st.margin_x, st.pagesize[0] - st.margin_x
            y = st.footer_y
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(left, y + size + 4, right, y + size + 4)
            self.saveState()
            self.translate(right, y)
            self.doForm(f"sg-page-{page}")
            self.restoreState()
            self.setFillColor(MUTED)
            used = fonts.string_width("Page 9999 of 9999", "sans", size)
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
