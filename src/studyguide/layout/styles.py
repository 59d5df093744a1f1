"""Page geometry and type: every measure the layout uses, in one place.

Body text is at least 10 pt and every margin at least 0.6 in (the print room's floor);
the footer sits inside the bottom margin's lower half, so nothing is drawn in the
outer 0.6 in band of the sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch

from .. import print_style as ps
from ..fonts import FontSet
from ..print_style import BOOKLET_PAGE, PAPER_SIZES, SAFE_MARGIN  # noqa: F401  (the layout's measures too)

INK = colors.HexColor(ps.INK)
MUTED = colors.HexColor(ps.MUTED)
RULE = colors.HexColor(ps.RULE)
ACCENT = colors.HexColor(ps.ACCENT)
ANSWER = colors.HexColor(ps.ANSWER)


BODY_SIZE = 10.5  # points, before large print scales it


@dataclass(frozen=True)
class Styles:
    fonts: FontSet
    paper: str = "letter"
    scale: float = 1.0  # large print scales type and answer space together
    duplex: bool = False  # mirrored margins: the wider one on the binding side
    rtl: bool = False  # a guide in Arabic or Hebrew: paragraphs set right to left, flush right

    @property
    def pagesize(self) -> tuple[float, float]:
        return PAPER_SIZES[self.paper]

    @property
    def margin_x(self) -> float:
        return 0.65 * inch if self.pagesize[0] < 7 * inch else 0.8 * inch  # narrower on half pages

    def left_margin(self, page: int) -> float:
        """Left edge of the text on `page` (1-based); in duplex odd pages are right-hand pages."""
        if not self.duplex:
            return self.margin_x
        inner, outer = 0.95 * inch, 0.65 * inch  # same sum as two 0.8 in margins: same line breaks
        return inner if page % 2 == 1 else outer

    @property
    def margin_top(self) -> float:
        return 0.75 * inch

    @property
    def margin_bottom(self) -> float:
        return 1.0 * inch

    @property
    def footer_y(self) -> float:
        return SAFE_MARGIN + 4  # baseline of the footer, its descenders stay inside the margin

    @property
    def frame_width(self) -> float:
        return self.pagesize[0] - 2 * self.margin_x

    def in_reading_order(self, rows: list[list], widths: list[float]) -> tuple[list[list], list[float]]:
        """A table's columns as a reader meets them: mirrored in a right-to-left guide, so
        what heads a row (a number, a date, a title) stands on the right. The structure
        tree keeps the logical order."""
        if not self.rtl:
            return rows, widths
        return [row[::-1] for row in rows], widths[::-1]

    @property
    def table_align(self) -> str:
        """Where a table narrower than the frame stands: at the side its lines start from."""
        return "RIGHT" if self.rtl else "LEFT"

    @property
    def outer(self) -> str:
        """The `align` of a page number in a table's outer column (the right, or the left)."""
        return "start" if self.rtl else "end"

    @property
    def frame_height(self) -> float:
        return self.pagesize[1] - self.margin_top - self.margin_bottom

    @property
    def chart_height(self) -> float:
        """The tallest a timeline chart is drawn (beyond it, numbered markers with a key):
        60% of the text frame, so its heading, caption and first key dates share its page,
        on a booklet's half page too."""
        return round(0.6 * self.frame_height, 1)

    def size(self, pt: float) -> float:
        return round(pt * self.scale, 2)

    # answer space
    @property
    def line_spacing(self) -> float:
        return self.size(22)

    @property
    def answer_size(self) -> float:
        return self.size(BODY_SIZE)

    def table_style(self, *commands):
        """A TableStyle whose default cell font is ours (ReportLab's default is Helvetica)."""
        from reportlab.platypus import TableStyle

        return TableStyle([("FONT", (0, 0), (-1, -1), self.fonts.primary("serif"), self.size(10)),
                           *commands])

    def grid(self, valign: str = "TOP", pad: float = 0.0, right: float = 6.0,
             bottom: float | None = None, *extra):
        """The style of our borderless layout tables: flush left, cells padded `pad` above
        and `bottom` (default `pad`) below, `right` between columns."""
        return self.table_style(
            ("VALIGN", (0, 0), (-1, -1), valign),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), right),
            ("TOPPADDING", (0, 0), (-1, -1), pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad if bottom is None else bottom),
            *extra)

    def _style(self, name: str, role: str, size: float, leading: float, **kw) -> ParagraphStyle:
        if self.rtl:  # layout.textflow sets these right to left (ReportLab's wordWrap convention)
            kw["wordWrap"] = "RTL"
            if kw.get("alignment", TA_LEFT) == TA_LEFT:
                kw["alignment"] = TA_RIGHT
        # no widows, no orphans: a paragraph leaves at least two lines at a page's foot and head
        return ParagraphStyle(
            name, fontName=self.fonts.primary(role), fontSize=self.size(size),
            leading=self.size(leading), textColor=kw.pop("textColor", INK),
            allowWidows=0, allowOrphans=0, **kw)

    @cached_property
    def body(self) -> ParagraphStyle:
        # running prose keeps to a reading measure (about 70 characters a line); the rest of
        # the frame's width is the margin column where the questions' points stand
        return self._style("body", "serif", BODY_SIZE, 14.5, spaceAfter=self.size(6),
                           rightIndent=max(0.0, self.frame_width - self.measure))

    @cached_property
    def measure(self) -> float:
        """The width of running text: 2.4 lowercase alphabets of the body face, which holds
        60-75 characters of prose a line, whatever the face (a typesetter's rule of thumb)."""
        return min(self.frame_width,
                   2.4 * self.fonts.string_width("abcdefghijklmnopqrstuvwxyz", "serif", self.size(BODY_SIZE)))

    @cached_property
    def small(self) -> ParagraphStyle:
        return self._style("small", "serif", 10, 13, textColor=MUTED)

    @cached_property
    def title(self) -> ParagraphStyle:
        return self._style("title", "sans-bold", 28, 34, textColor=ACCENT, spaceAfter=self.size(10))

    @cached_property
    def subtitle(self) -> ParagraphStyle:
        return self._style("subtitle", "sans", 16, 21, textColor=INK, spaceAfter=self.size(18))

    @cached_property
    def cover_meta(self) -> ParagraphStyle:
        return self._style("cover_meta", "sans", 12, 17, textColor=MUTED)

    @cached_property
    def h1(self) -> ParagraphStyle:
        # spaceBefore counts only where a part flows on after another (not at a page's top)
        return self._style("h1", "sans-bold", 20, 25, textColor=ACCENT, spaceBefore=self.size(22),
                           spaceAfter=self.size(10), keepWithNext=1)

    @cached_property
    def h2(self) -> ParagraphStyle:
        return self._style("h2", "sans-bold", 13, 17, textColor=ACCENT, spaceBefore=self.size(12),
                           spaceAfter=self.size(6), keepWithNext=1)

    @cached_property
    def toc(self) -> ParagraphStyle:
        return self._style("toc", "sans", 11.5, 16)

    @cached_property
    def explanation(self) -> ParagraphStyle:
        return self._style("explanation", "serif", 10, 13, leftIndent=self.size(22), textColor=MUTED,
                           spaceAfter=self.size(4))

    @property
    def question_indent(self) -> float:
        """Where every question's text, answer lines and choices start: room for "999." """
        return self.size(26)

    @cached_property
    def points_width(self) -> float:
        """The right-hand column kept free for points ("12 points") beside each prompt."""
        return self.fonts.string_width("99\u00a0points", "serif", self.size(BODY_SIZE)) + self.size(12)

    @cached_property
    def question(self) -> ParagraphStyle:
        # the number is the paragraph's bullet: wrapped lines align with the first whatever
        # the number's width
        return self._style("question", "serif", BODY_SIZE, 14.5, leftIndent=self.question_indent,
                           bulletIndent=0, bulletFontName=self.fonts.primary("sans-bold"),
                           bulletFontSize=self.size(BODY_SIZE), rightIndent=self.points_width,
                           spaceBefore=self.size(10), spaceAfter=self.size(4))

    def hanging(self, label_width: float) -> ParagraphStyle:
        """A numbered or lettered entry (matching): the label hangs, the text aligns."""
        return ParagraphStyle(f"hanging-{label_width:.1f}", parent=self.choice, leftIndent=label_width,
                              bulletIndent=0, bulletFontName=self.choice.fontName,
                              bulletFontSize=self.choice.fontSize)

    @cached_property
    def choice(self) -> ParagraphStyle:
        return self._style("choice", "serif", BODY_SIZE, 14)

    @cached_property
    def term(self) -> ParagraphStyle:
        return self._style("term", "serif", BODY_SIZE, 14.5, leftIndent=self.size(14),
                           firstLineIndent=-self.size(14), spaceAfter=self.size(5))

    @cached_property
    def caption(self) -> ParagraphStyle:
        return self._style("caption", "serif", 10, 13, textColor=MUTED, alignment=TA_LEFT,
                           spaceBefore=self.size(4), spaceAfter=self.size(10))

    @cached_property
    def key_date(self) -> ParagraphStyle:
        return self._style("key_date", "serif", 10, 12.5)

    @cached_property
    def key_date_head(self) -> ParagraphStyle:
        # the third step of the heading scale: body size, bold sans
        return self._style("key_date_head", "sans-bold", BODY_SIZE, 14.5, textColor=ACCENT,
                           spaceBefore=self.size(8), spaceAfter=self.size(3), keepWithNext=1)

    @cached_property
    def mark(self) -> ParagraphStyle:
        return self._style("mark", "sans-bold", 14, 18, textColor=ANSWER, alignment=TA_CENTER)
