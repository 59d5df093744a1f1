"""Marking aids of the teacher edition: the points table on the cover and the one-page
answer grid at the end (number, type, short answer, points), and the students' optional
self-check page (`--answers-at-end`).

Every short answer is computed here from the arranged unit the pages were laid out
from (`shuffle.arrange`, `shuffle.shown_order`), so the grid and the answers drawn on the
question pages come from the same orders.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from reportlab.platypus import Flowable, KeepInFrame, Spacer, Table

from .. import model as m
from ..points import points_of, tally
from ..labels import Labels, labels_for, unit_labels
from ..shuffle import layout_seed, shown_order
from ..text import plain
from .questions import letter
from .styles import RULE
from .tagging import Element, TaggedParagraph
from .textflow import Paragraph  # ReportLab's, or ours where text must be shaped



@dataclass(frozen=True)
class GridRow:
    number: int
    kind: str            # the question type, as in the model
    answer: str | None   # the short answer; None: see the model answer in the key
    points: int


def numbered(unit: m.Unit) -> Iterator[tuple[int, m.Question]]:
    """Questions with the numbers the guide prints: sections in order, then the review."""
    return enumerate(unit.all_questions(), 1)


def short_answer(q: m.Question, seed: str, words: Labels | None = None) -> str | None:
    """What a marker compares with: a letter, True/False, the word, the order, the pairs."""
    words = words or labels_for()
    if isinstance(q, m.MultipleChoice):
        return letter(q.answer)
    if isinstance(q, m.TrueFalse):
        return words("answer_true") if q.answer else words("answer_false")
    if isinstance(q, m.FillInBlank):
        return plain(q.answer)
    if isinstance(q, m.Matching):
        order = shown_order(q, seed)  # order[row] = the pair whose right side prints in that row
        return ", ".join(f"{i + 1}\u2013{letter(order.index(i))}" for i in range(len(q.pairs)))
    if isinstance(q, m.Ordering):
        # the numbers students write next to the items, top to bottom
        return ", ".join(str(i + 1) for i in shown_order(q, seed))
    return None  # short answers, essays, labelled timelines: the key has the model answer


def grid_rows(unit: m.Unit, version: str | None) -> list[GridRow]:
    seed = layout_seed(unit.slug, version)
    words = unit_labels(unit)
    return [GridRow(n, q.kind, short_answer(q, seed, words), points_of(q)) for n, q in numbered(unit)]


def _p(ctx, text: str, style, role: str, parent: Element, scope: str | None = None,
       **kw) -> Paragraph:
    """A paragraph that is the content of a new `role` element (TH, TD, LBody) of `parent`."""
    return TaggedParagraph(ctx.md(text, family="sans", markup=False, **kw), style,
                           tag=ctx.elem(role, text, parent, scope=scope))


def _row(ctx, table: Element, cells: list[tuple[str, object]], header: bool = False,
         **kw) -> list:
    """One table row: the first cell heads the row (every cell of a header row heads a column)."""
    tr = table.add("TR")
    out = []
    for i, (text, style) in enumerate(cells):
        if text == "":
            out.append("")
            continue
        role, scope = ("TH", "Column") if header else ("TH", "Row") if i == 0 else ("TD", None)
        out.append(_p(ctx, text, style, role, tr, scope, **kw))
    return out


def points_table(ctx) -> Flowable:
    """Questions and points per section, and the total: for the teacher's cover."""
    st = ctx.styles
    t = tally(ctx.unit)
    tag = ctx.elem("Table")
    rows = [_row(ctx, tag, [(ctx.words(k), st.small) for k in ("grid_section", "grid_questions", "grid_points")],
                 header=True, bold=True)]
    for part in t.parts:
        title = (f"{part.section + 1}. {ctx.unit.sections[part.section].title}" if part.section is not None
                 else ctx.words("unit_review"))
        rows.append(_row(ctx, tag, [(title, st.small), (str(part.questions), st.small),
                                    (str(part.points), st.small)]))
    rows.append(_row(ctx, tag, [(ctx.words("grid_total"), st.small), (str(t.questions), st.small),
                                (str(t.points), st.small)], bold=True))
    num_w = st.size(0.9 * 72)
    rows, widths = st.in_reading_order(rows, [st.frame_width - 2 * num_w, num_w, num_w])
    table = Table(rows, colWidths=widths, hAlign=st.table_align, repeatRows=1)
    table.setStyle(st.grid("TOP", 1.5, 6, None,
                           ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
                           ("LINEABOVE", (0, -1), (-1, -1), 0.6, RULE)))
    return table


def answer_grid(ctx) -> list[Flowable]:
    """One page: every question's number, type, short answer and points. A long unit's grid
    stands in two halves side by side at full size rather than shrink to fit one column."""
    from .flowables import AnchoredParagraph, part_break

    st = ctx.styles
    ctx.part()
    head = AnchoredParagraph(ctx.md(ctx.words("answer_grid"), family="sans", bold=True), st.h1, key="grid",
                             outline=ctx.words("answer_grid"), tag=ctx.elem("H1"))
    room = st.frame_height - head.wrap(st.frame_width, st.frame_height)[1] - st.h1.spaceAfter - 2
    entries = grid_rows(ctx.unit, ctx.edition.version)
    fits = int(room // (st.small.leading + 2 * GRID_PAD)) - 2  # rows of one line, after header and total
    half, gap = -(-len(entries) // 2), st.size(18)
    width = (st.frame_width - gap) / 2
    needed = sum(_column_widths(ctx, entries)) + _answer_width(ctx, entries)
    if len(entries) <= fits or needed > width * GRID_SQUEEZE:
        body: Flowable = _grid_table(ctx, entries, st.frame_width, total=True)
    else:  # a little wider than the frame, if need be: the page shrinks it to fit a little
        width = max(width, needed)
        halves, widths = st.in_reading_order([[_grid_table(ctx, entries[:half], width, total=False), "",
                                               _grid_table(ctx, entries[half:], width, total=True)]],
                                             [width, gap, width])
        body = Table(halves, colWidths=widths, hAlign=st.table_align)
        body.setStyle(st.grid("TOP", 0, 0))
    return [part_break(), head, KeepInFrame(st.frame_width, room, [body], mode="shrink")]


GRID_PAD = 1  # points above and below each row of the answer grid
GRID_SQUEEZE = 1.15  # two halves may be this much wider than the page, shrunk to fit it


def _column_widths(ctx, entries: list[GridRow]) -> tuple[float, float, float]:
    """Number, type and points columns: their widest text and the space after it."""
    st = ctx.styles
    size, space = st.small.fontSize, st.size(6 + 2)
    return (st.fonts.string_width("999.", "sans", size) + space,
            max(st.fonts.string_width(ctx.words(r.kind), "sans", size) for r in entries) + space,
            st.fonts.string_width(ctx.words("grid_points"), "sans-bold", size) + space)


def _answer_width(ctx, entries: list[GridRow]) -> float:
    """The narrowest answer column that cuts no word: "see the answer key" on one line, and
    the longest word of any short answer."""
    st = ctx.styles
    size = st.small.fontSize
    words = [w for r in entries if r.answer for w in plain(r.answer).split()]
    return max([st.fonts.string_width(ctx.words("grid_see_key"), "sans-italic", size)]
               + [st.fonts.string_width(w, "sans-bold", size) for w in words]) + st.size(6 + 2)


def _grid_table(ctx, entries: list[GridRow], width: float, total: bool) -> Table:
    """The grid's rows `entries` as one table (its own Table element), `width` wide; the
    guide's total under the last one."""
    st = ctx.styles
    tag = ctx.elem("Table")
    columns = [(ctx.words(k), st.small) for k in ("grid_number", "grid_type", "grid_answer", "grid_points")]
    rows = [_row(ctx, tag, columns, header=True, bold=True)]
    for r in entries:
        tr = tag.add("TR")
        # short answers as typed: a fill-in answer must match what a student writes
        answer = (_p(ctx, r.answer, st.small, "TD", tr, bold=True, smart=False) if r.answer is not None
                  else _p(ctx, ctx.words("grid_see_key"), st.small, "TD", tr, italic=True))
        rows.append([_p(ctx, f"{r.number}.", st.small, "TH", tr, "Row"),
                     _p(ctx, ctx.words(r.kind), st.small, "TD", tr), answer,
                     _p(ctx, str(r.points), st.small, "TD", tr)])
        tr.kids.insert(2, tr.kids.pop(0))  # the answer cell was made first: put it third
    if total:
        row = tag.add("TR")
        rows.append(["", "", _p(ctx, ctx.words("grid_total"), st.small, "TH", row, "Row", bold=True),
                     _p(ctx, str(tally(ctx.unit).points), st.small, "TD", row, bold=True)])
        row.kids[0].colspan = 3  # "Total" heads the row across the first three columns
    num_w, type_w, pts_w = _column_widths(ctx, entries)
    rows, widths = st.in_reading_order(rows, [num_w, type_w, width - num_w - type_w - pts_w, pts_w])
    table = Table(rows, colWidths=widths, hAlign=st.table_align)
    table.setStyle(st.grid("TOP", GRID_PAD, 6, None,
                           ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
                           ("LINEBELOW", (0, 1), (-1, -3 if total else -1), 0.25, RULE),
                           *((("LINEABOVE", (0, -1), (-1, -1), 0.6, RULE),) if total else ())))
    return table


def self_check(ctx) -> list[Flowable]:
    """The students' last page: the short answers of the questions they can mark themselves."""
    from .flowables import AnchoredParagraph, part_break

    st = ctx.styles
    rows = [r for r in grid_rows(ctx.unit, ctx.edition.version) if r.answer is not None]
    if not rows:
        return []
    ctx.part()
    head = AnchoredParagraph(ctx.md(ctx.words("self_check"), family="sans", bold=True), st.h1,
                             key="self-check", outline=ctx.words("self_check"), tag=ctx.elem("H1"))
    note = ctx.para(ctx.md(ctx.words("self_check_note"), italic=True, markup=False), st.small)
    answers = ctx.elem("L")  # in number order, whatever the columns
    cols = 3 if st.scale < 1.3 else 2
    per = -(-len(rows) // cols)
    cells = [TaggedParagraph(ctx.md(f"{r.number}.", family="sans", bold=True) + "\u00a0 "
                             + ctx.md(r.answer or "", family="sans", markup=False, smart=False), st.choice,
                             tag=ctx.elem("LBody", r.answer or "", answers.add("LI"))) for r in rows]
    grid = [[cells[c * per + i] if c * per + i < len(cells) else "" for c in range(cols)] for i in range(per)]
    table = Table(grid, colWidths=[st.frame_width / cols] * cols, hAlign="LEFT")
    table.setStyle(st.grid("TOP", 2, 10))
    body = [note, Spacer(1, 6), table]
    room = st.frame_height - head.wrap(st.frame_width, st.frame_height)[1] - st.h1.spaceAfter - 2
    return [part_break(), head, KeepInFrame(st.frame_width, room, body, mode="shrink")]
