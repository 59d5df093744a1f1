"""The guide in reading order: the unit model becomes a list of flowables.

One function per part of the guide, in the order they are printed. Nothing here knows
about passes or files: page numbers are PageRef forms filled in at save time, and the
charts come in already drawn, so both editions share them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.units import inch
from reportlab.platypus import (Flowable, Image, KeepInFrame, KeepTogether, ListFlowable,
                                ListItem, PageBreak, Spacer, Table)
from reportlab.lib.utils import ImageReader

from .. import model as m
from ..charts.chart import ChartKey, Charts
from ..collation import sort_key_for
from ..labels import Labels, unit_labels
from ..localdates import format_date, format_span
from ..images import print_ready
from ..shuffle import layout_seed
from ..text import escape, paragraphs, plain, to_markup
from ..scripts import language_of
from ..typeset import smarten
from .answer_grid import answer_grid, points_table, self_check
from .columns import TwoColumns
from .documents import KeyNote, document_numbers, key_note_flowables, reference_line, section_documents
from .flowables import AnchoredParagraph, ChartFlowable, PageRef, part_break
from .keep import OPENING, KeepOpening, PartOpening
from .questions import KeyEntry, PointsParagraph, QuestionRenderer, points_label, printed_points, uses_points
from .styles import ACCENT, MUTED, RULE, Styles
from .tagging import Element, StructureTree, Tagged, TaggedParagraph



@dataclass
class Edition:
    teacher: bool
    version: str | None = None  # "A", "B", ... for shuffled versions
    self_check: bool = False    # students' short answers on the last page (--answers-at-end)

    @property
    def name(self) -> str:
        return "teacher" if self.teacher else "student"


@dataclass
class StoryContext:
    unit: m.Unit
    styles: Styles
    edition: Edition
    charts: Charts
    tree: StructureTree = field(default_factory=StructureTree)
    key_entries: list[tuple[str, list[KeyEntry | KeyNote]]] = field(default_factory=list)

    def __post_init__(self):
        self.at: Element = self.tree.root  # the element new content goes into

    @property
    def words(self) -> Labels:
        """The guide's own words in the unit's language (studyguide.labels)."""
        return unit_labels(self.unit)

    def md(self, text: str, smart: bool = True, **kw) -> str:
        """Paragraph markup for a text of the unit, typographic unless `smart` is False."""
        return to_markup(smarten(text) if smart else text, self.styles.fonts, **kw)

    def part(self) -> Element:
        """A new part of the guide (a Sect of the document): content goes into it."""
        self.at = self.tree.root.add("Sect")
        return self.at

    def elem(self, role: str, text: str = "", parent: Element | None = None, **kw) -> Element:
        """A new element; `text` (source text) gives it a /Lang when its script is unambiguous."""
        lang = language_of(plain(text), self.unit.language) if text else None
        return (parent or self.at).add(role, lang=lang, **kw)

    def para(self, markup: str, style, role: str = "P", text: str = "",
             parent: Element | None = None) -> TaggedParagraph:
        return TaggedParagraph(markup, style, tag=self.elem(role, text, parent))



def part_start(ctx: StoryContext, fresh_page: bool = False) -> list[Flowable]:
    """Where a part of the guide begins: on the current page unless its opening does not
    fit there (see PartOpening). `fresh_page` (a unit's `section_breaks: page`) gives every
    part its own page, for teachers who hand sections out separately."""
    if fresh_page:
        return [part_break()]
    return [PartOpening(ctx.styles.frame_height * OPENING)]


def fresh_sections(unit: m.Unit) -> bool:
    return unit.section_breaks == "page"


# --- anchors and their titles (contents, outline) -----------------------------------

def section_key(i: int) -> str:
    return f"sec-{i + 1}"


def term_key(si: int, ti: int) -> str:
    return f"term-{si + 1}-{ti + 1}"


def contents_entries(unit: m.Unit, teacher: bool) -> list[tuple[str, str | None]]:
    """(key, title) of every contents line; None titles are reserved, empty lines."""
    words = unit_labels(unit)
    entries: list[tuple[str, str | None]] = []
    if unit.objectives or unit.introduction:
        entries.append(("intro", words("objectives_and_introduction")))
    if unit.all_events() or unit.eras:
        entries.append(("timeline", words("unit_timeline")))
    entries += [(section_key(i), f"{i + 1}. {s.title}") for i, s in enumerate(unit.sections)]
    if unit.questions:
        entries.append(("review", words("unit_review")))
    if unit.all_terms():
        entries.append(("glossary", words("glossary")))
    if unit.sources:
        entries.append(("sources", words("sources")))
    # the student edition keeps the answer key's line empty so both editions match page for page
    entries.append(("answers", words("answer_key") if teacher else None))
    return entries


# --- the parts ---------------------------------------------------------------------

def cover(ctx: StoryContext) -> list[Flowable]:
    u, st = ctx.unit, ctx.styles
    ctx.part()
    out: list[Flowable] = [Spacer(1, 1.3 * inch)]
    if u.course:
        out.append(ctx.para(ctx.md(u.course.upper(), family="sans", bold=True), st.cover_meta,
                            text=u.course))
        out.append(Spacer(1, 10))
    out.append(ctx.para(ctx.md(u.title, family="sans", bold=True), st.title, "H1", u.title))
    if u.subtitle:
        out.append(ctx.para(ctx.md(u.subtitle, family="sans"), st.subtitle, text=u.subtitle))
    meta = [x for x in (u.audience, u.edition, u.author) if x]
    for line in meta:
        out.append(ctx.para(ctx.md(line, family="sans"), st.cover_meta, text=line))
    if ctx.edition.version:
        out.append(Spacer(1, 0.3 * inch))
        out.append(ctx.para(ctx.md(ctx.words("version", version=ctx.edition.version), family="sans", bold=True),
                            st.subtitle))
    total = printed_points(u, u.all_questions())
    if total and not ctx.edition.teacher:
        # the guide's total (the teacher's cover has the table by section); each section's
        # total stands by its questions' heading
        out.append(Spacer(1, 0.2 * inch))
        out.append(ctx.para(ctx.md(ctx.words("total_points", points=points_label(ctx.words, total)),
                                   family="sans", bold=True), st.cover_meta))
    out.append(Spacer(1, 0.8 * inch))
    if ctx.edition.teacher:
        out.append(_teacher_mark(ctx))
        if ctx.unit.all_questions():
            out += [Spacer(1, 0.3 * inch), points_table(ctx)]
    else:
        out.append(_name_lines(ctx))
    # the cover is one page whatever the title's length or the print size
    return [KeepInFrame(st.frame_width, st.frame_height, out, mode="shrink"), PageBreak()]


def _name_lines(ctx: StoryContext) -> Flowable:
    st = ctx.styles
    rows = [[ctx.para(ctx.md(label, family="sans", bold=True), st.cover_meta), ""]
            for label in (ctx.words("name"), ctx.words("class"), ctx.words("date"))]
    t = Table(rows, colWidths=[st.size(0.9 * inch), 3.6 * inch], rowHeights=[st.size(0.45 * inch)] * 3,
              hAlign="LEFT")
    t.setStyle(st.table_style(
        ("LINEBELOW", (1, 0), (1, -1), 0.7, RULE),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ))
    return t


def _teacher_mark(ctx: StoryContext) -> Flowable:
    st = ctx.styles
    p = ctx.para(ctx.md(ctx.words("teacher_edition"), family="sans", bold=True), st.mark)
    t = Table([[p]], colWidths=[4.5 * inch], rowHeights=[1.35 * inch], hAlign="LEFT")
    t.setStyle(st.table_style(
        ("BOX", (0, 0), (-1, -1), 2, st.mark.textColor),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ))
    return t


def contents(ctx: StoryContext) -> list[Flowable]:
    st = ctx.styles
    ctx.part()
    out: list[Flowable] = [AnchoredParagraph(ctx.md(ctx.words("contents"), family="sans", bold=True), st.h1,
                                             key="contents", outline=ctx.words("contents"), tag=ctx.elem("H1"))]
    toc = ctx.elem("TOC")
    rows = []
    for key, title in contents_entries(ctx.unit, ctx.edition.teacher):
        if title is None:  # as tall as a line of text, so both editions break pages alike
            rows.append([Spacer(1, st.toc.leading), ""])
            continue
        link = f'<a href="#{key}" color="{ACCENT.hexval()}">'
        ref = ctx.elem("TOCI", parent=toc).add("Reference")
        rows.append([ctx.para(link + ctx.md(title, family="sans", markup=False) + "</a>", st.toc,
                              "Link", title, parent=ref),
                     PageRef(key, 0.6 * inch, st.toc.leading, "sans", st.toc.fontSize, ACCENT,
                             tag=ref.add("Link", link_text=f"{plain(title)}: page number"), align=st.outer)])
        ref.element(0).link_text = plain(title)
    rows, widths = st.in_reading_order(rows, [st.frame_width - 0.6 * inch, 0.6 * inch])
    t = Table(rows, colWidths=widths, hAlign=st.table_align)
    t.setStyle(st.grid(
        "BOTTOM", 3, 0, None,
        ("LINEBELOW", (0, 0), (-1, len(rows) - 2), 0.25, RULE),
    *([("LINEBELOW", (0, -1), (-1, -1), 0.25, RULE)] if ctx.edition.teacher else [])))
    out.append(t)
    return out


def heading(ctx: StoryContext, text: str, key: str, level: int = 0, style=None,
            outline: str | None = None) -> AnchoredParagraph:
    st = style or (ctx.styles.h1 if level == 0 else ctx.styles.h2)
    return AnchoredParagraph(ctx.md(text, family="sans", bold=True, markup=False), st, key=key,
                             outline=outline if outline is not None else plain(text), level=level,
                             tag=ctx.elem(f"H{level + 1}", text))


def totalled_heading(ctx: StoryContext, text: str, key: str, questions, level: int) -> Flowable:
    """A questions heading with the points of its questions flush right (when they have any)."""
    total = printed_points(ctx.unit, questions)
    if not total:
        return heading(ctx, text, key, level)
    st = ctx.styles.h1 if level == 0 else ctx.styles.h2
    # the total in the points column: the questions' face and size, bold
    return PointsParagraph(ctx.md(text, family="sans", bold=True, markup=False), st,
                           note=points_label(ctx.words, total), fonts=ctx.styles.fonts, role="serif-bold",
                           size=ctx.styles.question.fontSize, key=key, outline=plain(text), level=level,
                           tag=ctx.elem(f"H{level + 1}", text), note_tag=ctx.elem("P"))


def body(ctx: StoryContext, text: str) -> list[Flowable]:
    return [ctx.para(ctx.md(p), ctx.styles.body, text=p) for p in paragraphs(text)]


def introduction(ctx: StoryContext) -> list[Flowable]:
    u, st = ctx.unit, ctx.styles
    if not (u.objectives or u.introduction):
        return []
    ctx.part()
    out: list[Flowable] = part_start(ctx) + [heading(ctx, ctx.words("objectives_and_introduction"), "intro")]
    if u.objectives:
        out.append(ctx.para(ctx.md(ctx.words("objectives_lead"), family="sans", bold=True),
                            st.body))
        objectives = ctx.elem("L")
        # right to left, the bullets stand on the right, before each objective in reading order
        side = {"rightIndent": 18, "leftIndent": 0} if st.rtl else {"leftIndent": 18}
        items = [ListItem(ctx.para(ctx.md(o), st.body, "LBody", o, parent=objectives.add("LI")), **side)
                 for o in u.objectives]
        out.append(ListFlowable(items, bulletType="bullet", start="\u2022", bulletDir="rtl" if st.rtl else "ltr",
                                bulletAlign="right" if st.rtl else "left",  # at the text's edge, as in LTR
                                bulletFontName=st.fonts.primary("serif"), bulletFontSize=st.body.fontSize,
                                **side))
    if u.introduction:
        out.append(Spacer(1, 6))
        out += body(ctx, u.introduction)
    return out


def timeline_block(ctx: StoryContext, chart_key: ChartKey, events: tuple[m.Event, ...]) -> list[Flowable]:
    chart = ctx.charts.get(chart_key)
    out: list[Flowable] = []
    if chart is not None:
        out.append(ChartFlowable(chart, ctx.styles.frame_height - 40,
                                 tag=ctx.elem("Figure", alt=chart.alt or None)))
        if chart.key:  # numbered markers: their key doubles as the list of key dates
            out.append(_key_table(ctx, [(n, d, lbl) for n, d, lbl in chart.key], numbered=True))
            return out
    if getattr(ctx.unit, "key_dates", True) and events:
        rows = [("", format_span(e.date, e.end, ctx.words), e.label) for e in sorted(events, key=_event_order)]
        out.append(ctx.para(ctx.md(ctx.words("key_dates"), family="sans", bold=True), ctx.styles.key_date_head))
        out.append(_key_table(ctx, rows, numbered=False))
    return out


def _event_order(e: m.Event):
    return (e.date.axis_start(), e.end.axis_end() if e.end else e.date.axis_end(), e.label)


def _key_table(ctx: StoryContext, rows, numbered: bool) -> Flowable:
    st = ctx.styles
    data = []
    table = ctx.elem("Table")  # each row's date is its header
    for num, date, label in rows:
        row = table.add("TR")
        cells = [ctx.para(ctx.md(date, markup=False), st.key_date, "TH", parent=row),
                 ctx.para(ctx.md(label, markup=False), st.key_date, "TD", label, parent=row)]  # as on the chart
        row.element(0).scope = "Row"
        if numbered:
            cells.insert(0, ctx.para(ctx.md(f"({num})", family="sans", bold=True), st.key_date, "TD",
                                     parent=row))
            row.kids.insert(0, row.kids.pop())  # the number cell comes first
        data.append(cells)
    # a long list reads down two columns (half the height, and no ragged half-empty lines),
    # where each is wide enough for a date, and for the longest word of a label on one line
    gap = st.size(18)

    def text_w(text: str) -> float:
        return st.fonts.string_width(text, "serif", st.key_date.fontSize) + 12  # 12: the cell's padding

    num_w = st.fonts.string_width(f"({len(rows)})", "sans-bold", st.key_date.fontSize) + 8 if numbered else 0
    longest = max(text_w(w) for _, _, label in rows for w in (plain(label).split() or [""]))

    def widths_for(columns: int) -> list[float]:
        width = (st.frame_width - gap * (columns - 1)) / columns
        date_w = min(max(max(text_w(d) for _, d, _ in rows), 0.8 * inch), width / 2.1)
        if width - num_w - date_w < longest:  # a long word: dates may take two lines, words may not
            date_w = max(width - num_w - longest, max(text_w(w) for _, d, _ in rows for w in d.split()))
        return ([num_w] if numbered else []) + [date_w, width - date_w - num_w]

    two = widths_for(2)
    if len(rows) > LONG_LIST and (st.frame_width - gap) / 2 >= st.size(3.2 * inch) and two[-1] >= longest:
        return TwoColumns(data, two, gap, lambda: st.grid("TOP", 1), rtl=st.rtl)
    widths = widths_for(1)
    data, widths = st.in_reading_order(data, widths)  # the date, the row's header, stands first
    t = Table(data, colWidths=widths, hAlign=st.table_align)
    t.setStyle(st.grid("TOP", 1))
    return t


LONG_LIST = 8  # entries beyond which a key-dates list reads down two columns


def unit_timeline(ctx: StoryContext) -> list[Flowable]:
    u = ctx.unit
    if not (u.all_events() or u.eras):
        return []
    ctx.part()
    head = heading(ctx, ctx.words("unit_timeline"), "timeline")
    block = [head] + timeline_block(ctx, ChartKey(), tuple(u.all_events()))
    return part_start(ctx, fresh_sections(u)) + [KeepOpening(block)]


class TaggedImage(Tagged, Image):
    """An image that is the content of a Figure element (its /Alt is the figure's alt)."""


def figure(ctx: StoryContext, fig: m.Figure, number: str) -> list[Flowable]:
    st = ctx.styles
    iw, ih = ImageReader(str(fig.image)).getSize()
    max_w, max_h = st.frame_width, st.frame_height * 0.5
    scale = min(max_w / iw, max_h / ih, 72.0 / 96.0)  # a small image stays at its 96 dpi size
    source = print_ready(fig.image, iw * scale, ih * scale)
    img = TaggedImage(source, width=iw * scale, height=ih * scale,
                      lazy=2 if isinstance(source, str) else 0, hAlign="LEFT",
                      tag=ctx.elem("Figure", alt=plain(fig.alt or fig.caption
                                                       or ctx.words("figure", number=number).rstrip("."))))
    caption = ctx.md(ctx.words("figure", number=number), family="sans", bold=True)
    if fig.caption:
        caption += " " + ctx.md(fig.caption)
    if fig.credit:
        caption += " " + ctx.md(ctx.words("credit", credit=fig.credit), italic=True)
    return [KeepTogether([img, ctx.para(caption, st.caption, "Caption", fig.caption or "")])]


def section(ctx: StoryContext, i: int, s: m.Section, questions: QuestionRenderer,
            first_number: int) -> tuple[list[Flowable], int]:
    st = ctx.styles
    ctx.part()
    out: list[Flowable] = part_start(ctx, fresh_sections(ctx.unit))
    out.append(heading(ctx, f"{i + 1}. {s.title}", section_key(i)))
    out += body(ctx, s.summary)
    if s.key_terms:
        out.append(heading(ctx, ctx.words("key_terms"), f"{section_key(i)}-terms", level=1))
        for ti, t in enumerate(s.key_terms):
            text = ctx.md(t.term, bold=True)
            if t.also:
                text += " " + ctx.md("(" + ctx.words("also", names=", ".join(t.also)) + ")", italic=True, markup=False)
            text += " \u2013 " + ctx.md(t.definition)
            out.append(AnchoredParagraph(text, st.term, key=term_key(i, ti),
                                         tag=ctx.elem("P", f"{t.term} {t.definition}")))
    if s.timeline:
        # the chart, its caption and its key-dates list on one page when they fit on one
        block = [heading(ctx, ctx.words("timeline"), f"{section_key(i)}-timeline", level=1)]
        block += timeline_block(ctx, ChartKey(section=i), s.timeline)
        out.append(KeepOpening(block))
    for fi, fig in enumerate(s.figures):
        out += figure(ctx, fig, f"{i + 1}.{fi + 1}")
    number = first_number
    entries: list = []

    def render(q: m.Question, lead: list[Flowable] | None = None):
        nonlocal number
        number += 1
        return questions.render(q, number - 1, lead, parent=ctx.at)

    if s.documents:
        part, doc_entries = section_documents(
            ctx, i + 1, s, render,
            heading(ctx, ctx.words("primary_sources"), f"{section_key(i)}-documents", level=1))
        out += part
        entries += doc_entries
    review = [q for q in s.questions if q.document is None]
    if review:
        lead: list[Flowable] | None = [
            totalled_heading(ctx, ctx.words("review_questions"), f"{section_key(i)}-questions", review, 1)]
        for q in review:
            block, entry = render(q, lead)
            lead = None
            out.append(block)
            entries.append(entry)
    if entries:
        ctx.key_entries.append((f"{i + 1}. {s.title}", entries))
    return out, number


def unit_review(ctx: StoryContext, questions: QuestionRenderer, first_number: int) -> list[Flowable]:
    if not ctx.unit.questions:
        return []
    ctx.part()
    out: list[Flowable] = part_start(ctx, fresh_sections(ctx.unit))
    # kept with question 1
    head: list[Flowable] = [totalled_heading(ctx, ctx.words("unit_review"), "review", ctx.unit.questions, 0)]
    entries: list[KeyEntry | KeyNote] = []
    docs = {d.id: d for sec in ctx.unit.sections for d in sec.documents}
    numbers = document_numbers(ctx.unit)
    for n, q in enumerate(ctx.unit.questions, first_number):
        lead, head = head, []
        if q.document is not None:  # printed away from its document: say which one
            lead = lead + [reference_line(ctx, docs[q.document], numbers[q.document])]
        block, entry = questions.render(q, n, lead or None, parent=ctx.at)
        out.append(block)
        entries.append(entry)
    ctx.key_entries.append((ctx.words("unit_review"), entries))
    return out


def glossary(ctx: StoryContext) -> list[Flowable]:
    key = sort_key_for(ctx.words.language)
    terms = [(key(t.term), si, ti, t) for si, s in enumerate(ctx.unit.sections)
             for ti, t in enumerate(s.key_terms)]
    if not terms:
        return []
    st = ctx.styles
    ctx.part()
    out: list[Flowable] = part_start(ctx) + [heading(ctx, ctx.words("glossary"), "glossary")]
    rows = []
    num_w = 0.45 * inch
    for _, si, ti, t in sorted(terms, key=lambda x: x[0]):
        text = ctx.md(t.term, bold=True)
        if t.also:
            text += " " + ctx.md("(" + ctx.words("also", names=", ".join(t.also)) + ")", italic=True, markup=False)
        text += " \u2013 " + ctx.md(t.definition)
        # the page where the term is introduced, in an index-style column
        # each entry is one paragraph: the term, its definition, then a link to its page
        entry = ctx.elem("P", f"{t.term} {t.definition}")
        rows.append([TaggedParagraph(text, st.term, tag=entry.add("Span")),
                     PageRef(term_key(si, ti), num_w, st.term.leading, "sans", st.small.fontSize, MUTED,
                             tag=entry.add("Link", link_text=f"{plain(t.term)}: page where it is introduced"),
                             align=st.outer)])
    rows, widths = st.in_reading_order(rows, [st.frame_width - num_w, num_w])
    table = Table(rows, colWidths=widths, hAlign=st.table_align)
    table.setStyle(st.grid("TOP", 0, 0, st.term.spaceAfter))
    out.append(table)
    return out


def sources(ctx: StoryContext) -> list[Flowable]:
    if not ctx.unit.sources:
        return []
    st = ctx.styles
    ctx.part()
    out: list[Flowable] = part_start(ctx) + [heading(ctx, ctx.words("sources"), "sources")]
    for src in ctx.unit.sources:
        parts = []
        if src.author:
            parts.append(ctx.md(src.author.rstrip(".") + ".", markup=False))
        parts.append(ctx.md(src.title.rstrip(".") + ".", italic=True, markup=False))
        pub = ", ".join(x for x in (src.publisher, format_date(src.date, ctx.words) if src.date else None) if x)
        if pub:
            parts.append(ctx.md(pub + ".", markup=False))
        if src.url:
            parts.append(f'<a href="{_attr(src.url)}">' + ctx.md(src.url, smart=False, markup=False) + "</a>")
        if src.note:
            parts.append(ctx.md(src.note))
        out.append(ctx.para(" ".join(parts), st.term))
    return out


def _attr(url: str) -> str:
    return escape(url).replace('"', "&quot;")


def answer_key(ctx: StoryContext) -> list[Flowable]:
    st = ctx.styles
    ctx.part()
    out: list[Flowable] = [part_break(), heading(ctx, ctx.words("answer_key"), "answers")]
    for title, entries in ctx.key_entries:
        lead = [ctx.para(ctx.md(title, family="sans", bold=True, markup=False), st.h2, "H2", title)]
        for e in entries:
            if isinstance(e, KeyNote):
                out.append(KeepTogether(lead + key_note_flowables(ctx, e)))
                lead = []
                continue
            head = "<bullet>" + ctx.md(f"{e.number}.", family="sans", bold=True) + "</bullet>"
            # a fill-in answer as typed: it must match what a student writes
            head += ctx.md(f"[{e.kind}]", family="sans", italic=True) + " " + ctx.md(e.answer, smart=not e.exact)
            block = lead + [ctx.para(head, st.question, text=e.answer)]
            lead = []  # the group's title stays with its first answer
            if e.explanation:
                block.append(ctx.para(ctx.md(e.explanation, italic=True), st.explanation,
                                      text=e.explanation))
            out.append(KeepOpening(block))
    return out


def build_story(unit: m.Unit, styles: Styles, edition: Edition, charts: Charts,
                tree: StructureTree | None = None) -> list[Flowable]:
    """The whole guide for one edition; its elements go into `tree` in reading order."""
    ctx = StoryContext(unit, styles, edition, charts, tree or StructureTree(unit.language))
    questions = QuestionRenderer(styles, edition.teacher, seed=layout_seed(unit.slug, edition.version),
                                 charts=charts, language=unit.language, words=ctx.words,
                                 points=uses_points(unit))
    story = cover(ctx) + contents(ctx) + introduction(ctx) + unit_timeline(ctx)
    number = 1
    for i, s in enumerate(unit.sections):
        part, number = section(ctx, i, s, questions, number)
        story += part
    story += unit_review(ctx, questions, number)
    story += glossary(ctx) + sources(ctx)
    if edition.teacher:
        story += answer_key(ctx)
        if unit.all_questions():
            story += answer_grid(ctx)
    elif edition.self_check:
        story += self_check(ctx)
    PartOpening.collect(story)
    for flowable, following in zip(story, story[1:] + [None]):
        flowable.following = following  # a question may stretch its answer lines to the page's foot
    return story
