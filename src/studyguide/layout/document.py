"""Pages: page templates, footer, bookmarks, metadata, and the single layout pass.

Numbers known only after layout (the total in "Page X of Y", the page numbers of the
contents and the glossary) are form XObjects drawn where they belong and defined when the
file is saved, so no second pass is ever needed and they cannot disagree with the pages.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from .. import __version__
from .. import model as m
from ..labels import Labels, labels_for, unit_labels
from ..text import plain
from .flowables import define_page_refs
from .keep import KeepOpening, join_headings
from .reportlab_private import attach
from .questions import BLANK_CB, draw_blank_answer
from .story import Charts, Edition, build_story
from .styles import MUTED, RULE, Styles
from .tagging import StructureTree, finish
from .textdraw import draw_runs
from ..typeset import smarten



def footer_size(st: Styles) -> float:
    return min(st.size(9), 12.0)


def outer_right(styles: Styles, page: int) -> bool:
    """Page numbers sit on the outer edge: the right, except on left-hand duplex pages. A
    right-to-left guide printed one-sided mirrors its footer: the number on the left, the
    title on the right (duplex keeps the left-to-right binding its margins are made for)."""
    if styles.rtl and not styles.duplex:
        return False
    return not (styles.duplex and page % 2 == 0)


def footer_canvas(title: str, styles: Styles, version: str | None = None, teacher: bool = False,
                  tree: StructureTree | None = None, words: Labels | None = None):
    """A Canvas class that puts a footer on every page but the cover and inserted blanks.

    "Page X of Y": Y is known only at the end, so each page shows a form XObject that is
    defined when the document is saved. (Holding pages back instead would point every
    bookmark at page 1.) With a structure tree, the footer is a pagination artifact and
    every link annotation is reported to the tree. A teacher edition says so on every
    page: a page left on the photocopier must not reach a student unnoticed.
    """
    tree = tree or StructureTree()
    words = words or labels_for()
    marks = (([words("teacher_edition_footer")] if teacher else [])
             + ([words("version", version=version)] if version else []))

    def page_label(page: int | str, total: int | str, right: bool = True) -> str:
        parts = marks + [words("page_of", page=page, total=total)]
        return " \u00b7 ".join(parts if right else reversed(parts))

    class FooterCanvas(Canvas):
        def showPage(self):
            page = self.getPageNumber()
            tree.page_end(self)
            if page > 1 and page not in attach(self, "blank_pages"):
                with tree.artifact(self, pagination="Footer"):
                    self._footer(page)
            super().showPage()

        def linkURL(self, url, rect, *args, **kw):
            super().linkURL(url, rect, *args, **kw)
            tree.link(self, url)

        def linkRect(self, contents, destinationname, *args, **kw):
            super().linkRect(contents, destinationname, *args, **kw)
            tree.link(self)

        def save(self):
            self.page_count = total = self.getPageNumber() - 1
            st = styles
            define_page_refs(self, attach(self, "found"), st.fonts)
            size = footer_size(st)
            for page in range(2, total + 1):
                right = outer_right(st, page)
                self.beginForm(f"sg-page-{page}", *((-260, -5, 0, size + 5) if right else (0, -5, 260, size + 5)))
                self.setFillColor(MUTED)
                draw_runs(self, 0, 0, page_label(page, total, right), "sans", size, st.fonts,
                          "end" if right else "start")
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
            outer = outer_right(st, page)
            self.saveState()
            self.translate(right if outer else left, y)
            self.doForm(f"sg-page-{page}")
            self.restoreState()
            self.setFillColor(MUTED)
            used = fonts.string_width(page_label(999, 999), "sans", size)
            room = right - left - used - 18
            text = title
            if fonts.string_width(text, "sans", size) > room:
                while text and fonts.string_width(text + "\u2026", "sans", size) > room:
                    text = text[:-1]
                text = text.rstrip() + "\u2026"
            if outer:
                draw_runs(self, left, y, text, "sans", size, fonts)
            else:
                draw_runs(self, right, y, text, "sans", size, fonts, "end")
            self.restoreState()

    return FooterCanvas


class GuideDoc(BaseDocTemplate):
    """One edition of one guide, laid out on a single-frame page."""

    def __init__(self, buf, unit: m.Unit, styles: Styles, edition: Edition, tree: StructureTree):
        terms = sorted({plain(t.term) for _, t in unit.all_terms()})
        self.words = unit_labels(unit)
        subject = unit.subtitle or unit.course or ""
        super().__init__(
            buf, pagesize=styles.pagesize,
            leftMargin=styles.margin_x, rightMargin=styles.margin_x,
            topMargin=styles.margin_top, bottomMargin=styles.margin_bottom,
            title=doc_title(unit, edition),
            author=unit.author or "", subject=plain(subject), keywords=terms,
            creator=f"studyguide {__version__}", producer=f"studyguide {__version__} (ReportLab)",
            invariant=1, lang=unit.language, displayDocTitle=1,
            initialFontName=styles.fonts.primary("serif"),
            keepTogetherClass=KeepOpening,  # a heading stays with the opening of what follows
            pageCompression=0,  # `finish` (qpdf) compresses every stream anyway: same bytes, less CPU
        )
        templates = []
        for parity in (1, 2):  # right-hand (odd) and left-hand (even) pages
            frame = Frame(styles.left_margin(parity), styles.margin_bottom, styles.frame_width,
                          styles.frame_height, id=f"body{parity}", leftPadding=0, rightPadding=0,
                          topPadding=0, bottomPadding=0)
            templates.append(PageTemplate(f"page{parity}", [frame]))
        self.addPageTemplates(templates)
        self.styles = styles
        self.structure = tree  # tagged content: flowables fill it, finish() writes it
        self.found: dict[str, int] = {}

    def handle_pageBegin(self):
        # the template follows the page's side (they differ only in duplex)
        self.pageTemplate = self.pageTemplates[self.page % 2]
        super().handle_pageBegin()
        self.structure.page_begin(self.canv)  # what no element claims is an artifact

    def handle_keepWithNext(self, flowables):
        if not join_headings(flowables):
            super().handle_keepWithNext(flowables)

    def handle_rightPageBreak(self):
        """Break to the next right-hand page; a left-hand page skipped on the way stays
        wholly blank (no footer, no number), as in a printed book."""
        self.handle_pageBreak()
        if self.styles.duplex and (self.page + 1) % 2 == 0:
            self.clean_hanging()  # begin the left-hand page now
            attach(self.canv, "blank_pages").add(self.page)
            self.handle_pageBreak()

    def beforeDocument(self):
        attach(self.canv, "found", self.found)  # the canvas fills in page numbers when it is saved
        attach(self.canv, "blank_pages", set())  # left pages skipped before a right-hand part
        self.canv.setNamedCB(BLANK_CB, draw_blank_answer)
        self.canv.showOutline()


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int


def doc_title(unit: m.Unit, edition: Edition) -> str:
    title = plain(unit.title)
    return unit_labels(unit)("teacher_edition_title", title=title) if edition.teacher else title


def render(unit: m.Unit, styles: Styles, edition: Edition, charts: Charts) -> Rendered:
    """Lay out one edition: a single pass, page numbers are filled in when it is saved.

    The result is a tagged PDF/UA-1 file: the story fills the structure tree as it is
    drawn and `finish` writes the tree into the saved file.
    """
    buf = io.BytesIO()
    tree = StructureTree(unit.language)
    doc = GuideDoc(buf, unit, styles, edition, tree)
    doc.build(build_story(unit, styles, edition, charts, tree),
              canvasmaker=footer_canvas(smarten(plain(unit.title)), styles, edition.version, edition.teacher,
                                        tree, doc.words))
    pdf = finish(buf.getvalue(), tree, doc_title(unit, edition), unit.language)
    return Rendered(pdf, doc.canv.page_count)


def render_editions(unit: m.Unit, styles: Styles, charts: Charts,
                    editions: tuple[str, ...] = ("student", "teacher"),
                    version: str | None = None, self_check: bool = False) -> dict[str, Rendered]:
    """The requested editions from one model and one set of charts."""
    return {name: render(unit, styles, Edition(teacher=name == "teacher", version=version,
                                               self_check=self_check), charts)
            for name in ("student", "teacher") if name in editions}
