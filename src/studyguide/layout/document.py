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


def footer_size(st: Styles) -> float:
    return min(st.size(9), 12.0)


def footer_canvas(title: str, styles: Styles, version: str | None = None):
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
            size = footer_size(st)
            for page in range(2, total + 1):
                self.beginForm(f"sg-page-{page}", -260, -5, 0, size + 5)
                self.setFillColor(MUTED)
                label = f"Page {page} of {total}"
                if version:
                    label = f"Version {version} \u00b7 {label}"
                draw_runs(self, 0, 0, label, "sans", size, st.fonts, "end")
                self.endForm()
            super().save()

        def _footer(self, page: int) -> None:
            st, fonts = styles, styles.fonts
            size = footer_size(st)
            left = st.left_margin(page)
            right = left + st.frame_width
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
            used = fonts.string_width("Version W \u00b7 Page 999 of 999" if version
                                      else "Page 999 of 999", "sans", size)
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
        templates = []
        for parity in (1, 2):  # right-hand (odd) and left-hand (even) pages
            frame = Frame(styles.left_margin(parity), styles.margin_bottom, styles.frame_width,
                          styles.frame_height, id=f"body{parity}", leftPadding=0, rightPadding=0,
                          topPadding=0, bottomPadding=0)
            templates.append(PageTemplate(f"page{parity}", [frame]))
        self.addPageTemplates(templates)
        self.styles = styles
        self.found: dict[str, int] = {}

    def handle_pageBegin(self):
        # the template follows the page's side (they differ only in duplex)
        self.pageTemplate = self.pageTemplates[self.page % 2]
        super().handle_pageBegin()

    def handle_rightPageBreak(self):
        """Break to the next right-hand page, leaving a marked blank page where needed."""
        self.handle_pageBreak()
        if self.styles.duplex and (self.page + 1) % 2 == 0:
            self.clean_hanging()  # begin the left-hand page now
            st = self.styles
            self.canv.saveState()
            self.canv.setFillColor(MUTED)
            draw_runs(self.canv, st.left_margin(self.page) + st.frame_width / 2, st.pagesize[1] / 2,
                      "This page is intentionally left blank.", "sans-italic", st.size(10), st.fonts,
                      "middle")
            self.canv.restoreState()
            self.handle_pageBreak()

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
        canvasmaker = footer_canvas(plain(unit.title), styles, edition.version)
        doc.build(story, canvasmaker=canvasmaker)
        found = doc.found
        stable = all(refs.get(k) == v for k, v in found.items())
        if stable or attempt == MAX_PASSES:
            return Rendered(buf.getvalue(), doc.canv.page_count, found, attempt)
        refs.update(found)
    raise AssertionError("unreachable")


def render_editions(unit: m.Unit, styles: Styles, charts: Charts,
                    editions: tuple[str, ...] = ("student", "teacher"),
                    version: str | None = None,
                    hints: Mapping[str, Mapping[str, int]] | None = None) -> dict[str, Rendered]:
    """Both editions from one model and one set of charts.

    `hints` are page references from an earlier build of the same guide: when the edit did
    not move any page (a typo fixed), the first pass is already the last.
    """
    hints = hints or {}
    out: dict[str, Rendered] = {}
    refs: dict[str, int] = dict(hints.get("teacher", {}))
    if "student" in editions:
        out["student"] = render(unit, styles, Edition(teacher=False, version=version), charts,
                                hints.get("student"))
        refs = dict(out["student"].refs)
        refs["answers"] = out["student"].pages + 1
    if "teacher" in editions:
        out["teacher"] = render(unit, styles, Edition(teacher=True, version=version), charts, refs)
    return out
