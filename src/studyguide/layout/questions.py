"""How each question type looks on paper, in both editions, plus its answer-key entry.

Questions are data in the model; here each becomes a block that is kept on one page
with its answer space. The teacher edition draws the answer into the very space the
student edition leaves empty, so the two editions paginate identically.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Table
from reportlab.platypus.doctemplate import ActionFlowable, NullActionFlowable

from .. import model as m
from ..charts.chart import ChartKey
from ..collation import sort_key_for
from ..scripts import language_of
from ..labels import Labels, labels_for
from ..points import points_of
from ..shuffle import shown_order
from ..text import escape, plain, to_markup
from .flowables import AnchoredParagraph, AnswerLines, Blank, Mark
from .keep import PartOpening
from .reportlab_private import keep_together_measures, text_cursor
from .styles import BODY_SIZE, INK, Styles
from .tagging import Element, StructureTree, TaggedParagraph, marked, registered
from .textdraw import draw_runs
from .textflow import Paragraph  # ReportLab's, or ours where text must be shaped
from ..typeset import smarten

BLANK_CB = "sg_blank"
BLANK_WIDTH = 1.7 * 72  # every fill-in blank: one length, so it never hints at the answer's


def points_label(words: Labels, points: int) -> str:
    """"3 points", in the guide's language, never broken over two lines."""
    return words.plural("points", points).replace(" ", "\u00a0")


def uses_points(unit: m.Unit) -> bool:
    """A unit that writes `points` on any question prints every question's points (its
    type's default where not written) and the totals; one that never does prints none."""
    return any(q.points is not None for q in unit.all_questions())


def printed_points(unit: m.Unit, questions) -> int:
    """The total printed for `questions` (0: nothing is printed)."""
    return sum(points_of(q) for q in questions) if uses_points(unit) else 0


class PointsParagraph(AnchoredParagraph):
    """A paragraph with a note (a question's points, a section's total) set flush right on
    its first line, in the column its style's rightIndent keeps free, as the LaTeX exam
    class does; the note is in the paragraph's own face and size.

    The note is part of the paragraph's element, or of `note_tag` when given (a heading's
    total is not part of the heading's text)."""

    def __init__(self, text, style, note: str = "", fonts=None, role: str = "serif",
                 size: float | None = None, note_tag: Element | None = None, **kw):
        super().__init__(text, style, **kw)
        self.note, self.fonts, self.role, self.note_size = note, fonts, role, size or style.fontSize
        self.note_tag = note_tag

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2:
            for part, note in zip(parts, (self.note, "")):
                part.__dict__.update(note=note, fonts=self.fonts, role=self.role, note_size=self.note_size,
                                     note_tag=self.note_tag)
        return parts

    def draw(self):
        super().draw()
        if getattr(self, "note", "") and self.fonts is not None:
            st = self.style
            c = self.canv
            c.saveState()
            c.setFillColor(st.textColor or INK)
            # the column rightIndent keeps free: the right edge, or the left when the
            # paragraph is set right to left (its indents mirror)
            rtl = self._sg_rtl
            with marked(c, self.note_tag):
                draw_runs(c, 0 if rtl else self.width, self.height - st.fontSize, self.note, self.role,
                          self.note_size, self.fonts, "start" if rtl else "end")
            c.restoreState()


class QuestionBlock(KeepTogether):
    """A question kept on one page with its answer space, unless it is too big to.

    A question taller than `limit` (a 40-pair matching, a 200-line essay) would leave a
    near-empty page behind it if moved whole; it starts where it is instead, provided its
    prompt and a little answer space fit, and continues on the next page.

    The last question before a page's end stretches its answer lines down to the foot of
    the page (never fewer lines): `following` is the flowable after it in the story, which
    tells whether the page ends after this question. Both editions have the same geometry,
    so they stretch alike.
    """

    following: Flowable | None = None  # the next flowable of the story

    def __init__(self, flowables, limit: float):
        super().__init__(flowables)
        self.limit = limit  # the frame's height

    def split(self, aW, aH):
        total, first, content = keep_together_measures(self, aW, aH)
        if total > aH and total > self.limit and aH >= first + 72:
            return content[:]
        if total <= aH:
            rest = aH - total
            if _page_ends_after(self, rest, aW):
                return self._stretched(content, rest)
            return super().split(aW, aH)
        parts = super().split(aW, aH)
        if parts and _moves_on(parts[0]) and total <= self.limit:
            rest = self.limit - total  # it moves to the top of the next page, a whole frame
            if _page_ends_after(self, rest, aW):
                return parts[:1] + self._stretched(content, rest)
        return parts

    @staticmethod
    def _stretched(content: list[Flowable], rest: float) -> list[Flowable]:
        content = content[:]
        last = content[-1]
        if isinstance(last, AnswerLines):
            more = int((rest - 1) // last.spacing)
            if more > 0:
                content[-1] = last.with_lines(last.lines + more)
                if last.tag is not None:  # what a reader hears matches what is printed
                    last.tag.actual_text = answer_space(last.lines + more)
        return content


def _moves_on(first: Flowable) -> bool:
    """A group's split that starts with a frame break moves the group to the next page
    (a NullActionFlowable there means it stays, too big to move)."""
    return isinstance(first, ActionFlowable) and not isinstance(first, NullActionFlowable)


def _page_ends_after(block: QuestionBlock, rest: float, width: float) -> bool:
    return _starts_next_page(block.following, rest, width, block.canv)


def _starts_next_page(nxt: Flowable | None, rest: float, width: float, canv) -> bool:
    """Whether `nxt` will start on the next page when `rest` is the room left for it: the
    end of the guide, a page break, a part that needs more room than is left (or whose
    opening does not fit), a question or group kept together that does not fit there.
    Each flowable of the story knows its `following` one (set by build_story)."""
    if nxt is None or isinstance(nxt, (PageBreak, ActionFlowable)):
        return True
    if isinstance(nxt, CondPageBreak):  # takes no room itself: what comes after it decides
        needed = nxt.needed(width, canv) if isinstance(nxt, PartOpening) else nxt.height
        return rest < needed or _starts_next_page(getattr(nxt, "following", None), rest, width, canv)
    if isinstance(nxt, KeepTogether):
        rest -= nxt.getSpaceBefore()  # the frame puts it there, under this one
        nxt.canv = canv
        try:
            total, first, _ = keep_together_measures(nxt, width, rest)
        finally:
            del nxt.canv
        if total <= rest:
            return False
        # a question too big for any page starts where it is (see QuestionBlock.split)
        return not (isinstance(nxt, QuestionBlock) and total > nxt.limit and rest >= first + 72)
    return False  # running text may start here


@dataclass(frozen=True)
class KeyEntry:
    """One line of the answer key."""

    number: int
    kind: str
    answer: str          # teacher's text, markup allowed
    explanation: str | None
    points: int | None
    exact: bool = False  # printed as typed: a fill-in answer must match what a student writes




def word_bank(q: m.LabelTimeline, language: str = "en") -> list[str]:
    """The labels offered under a label-the-timeline chart, once each, in the language's order."""
    return sorted({e.label for e in q.events}, key=sort_key_for(language))


def letter(i: int) -> str:
    """A, B, ..., Z, AA, AB, ... (matching questions may have many pairs)."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


class QuestionRenderer:
    """Questions as flowables; each question is a Div of the structure tree, its parts
    (prompt, choices, answer space, the teacher's answer) elements inside it in reading order.
    """

    def __init__(self, styles: Styles, teacher: bool, seed: str, charts=None,
                 language: str = "en", words: Labels | None = None, points: bool = False):
        self.st = styles
        self.words = words or labels_for()
        self.fonts = styles.fonts
        self.teacher = teacher
        self.seed = seed
        self.points = points  # print every question's points (see uses_points)
        self.charts = charts or {}
        self.language = language
        self.at: Element = StructureTree(language).root  # the current question's Div

    # -- helpers -----------------------------------------------------------------------
    def _md(self, text: str, **kw) -> str:
        return to_markup(smarten(text), self.fonts, **kw)

    def _elem(self, role: str, text: str = "", parent: Element | None = None, **kw) -> Element:
        lang = language_of(plain(text), self.language) if text else None
        return (parent or self.at).add(role, lang=lang, **kw)

    def _para(self, markup: str, style, role: str = "P", text: str = "",
              parent: Element | None = None) -> TaggedParagraph:
        return TaggedParagraph(markup, style, tag=self._elem(role, text, parent))

    @property
    def indent(self) -> float:
        return self.st.question_indent

    def _header(self, q: m.Question, number: int, prompt_markup: str,
                tag: Element | None = None) -> Paragraph:
        """The number in the hanging indent, the prompt after it (every wrapped line aligned
        with the first), the points flush right in their own column."""
        num = self._md(f"{number}.", family="sans", bold=True)
        note = points_label(self.words, points_of(q)) if self.points else ""
        return PointsParagraph(f"<bullet>{num}</bullet>{prompt_markup}", self.st.question, note=note,
                               fonts=self.fonts, tag=tag or self._elem("P", q.prompt))

    def _table(self, rows: list[list], widths: list[float], bottom: float | None = None) -> Table:
        """Rows after the question's hanging indent; mirrored in a right-to-left guide, so
        marks and labels stand before their text in reading order. `bottom`: the space under
        each row (default: as above it)."""
        rows, widths = self.st.in_reading_order(rows, [self.indent] + widths)
        t = Table(rows, colWidths=widths, hAlign=self.st.table_align)
        t.setStyle(self.st.grid("TOP", 1.5, 6.0, bottom))
        return t

    def _hanging(self, label: str, text_markup: str, label_w: float, tag: Element) -> Paragraph:
        """A list entry ("1.", "A.") whose wrapped lines align with its first."""
        return TaggedParagraph(f"<bullet>{label}</bullet>{text_markup}", self.st.hanging(label_w), tag=tag)

    # -- public ------------------------------------------------------------------------
    def render(self, q: m.Question, number: int, lead: list[Flowable] | None = None,
               parent: Element | None = None) -> tuple[Flowable, KeyEntry]:
        """The question as one block; `lead` (a heading) is kept on the page with it.

        Its elements go into a new Div of `parent` (after those of `lead`)."""
        if parent is not None:
            self.at = parent.add("Div")
        parts, answer = RENDERERS[type(q)](self, q, number)
        block = QuestionBlock((lead or []) + parts, limit=self.st.frame_height)
        return block, KeyEntry(number, self.words(q.kind), answer, q.explanation, q.points,
                               exact=q.kind == "fill_in_blank")

    def _multiple_choice(self, q: m.MultipleChoice, n: int):
        size = self.st.size(BODY_SIZE)
        mark_w = self.fonts.string_width("W", "sans-bold", size) + size * 1.1 + 6
        header = self._header(q, n, self._md(q.prompt))
        choices = self._elem("L")
        items = [choices.add("LI") for _ in q.choices]
        marks = [Mark(letter(i), self.fonts, size, circled=self.teacher and i == q.answer,
                      tag=items[i].add("Lbl")) for i in range(len(q.choices))]
        texts = [self._para(self._md(c), self.st.choice, "LBody", c, items[i]) for i, c in enumerate(q.choices)]
        room = self.st.frame_width - self.indent
        widest = max(self.fonts.string_width(plain(smarten(c)), "serif", self.st.choice.fontSize)
                     for c in q.choices)
        # short options across the line (four or two to a row), long ones stacked
        per_row = next((k for k in (4, 2) if k <= len(q.choices) and mark_w + widest + 12 <= room / k), 1)
        if per_row == 1:
            rows = [["", mk, tx] for mk, tx in zip(marks, texts)]
            table = self._table(rows, [mark_w, room - mark_w])
        else:
            col = room / per_row
            rows = []
            for start in range(0, len(q.choices), per_row):
                row: list = [""]
                for mk, tx in zip(marks[start:start + per_row], texts[start:start + per_row]):
                    row += [mk, tx]
                row += ["", ""] * (per_row - (len(row) - 1) // 2)
                rows.append(row)
            table = self._table(rows, [mark_w, col - mark_w] * per_row)
        answer = f"{letter(q.answer)}. {q.choices[q.answer]}"
        return [header, table], answer

    def _true_false(self, q: m.TrueFalse, n: int):
        size = self.st.size(BODY_SIZE)
        header = self._header(q, n, self._md(q.prompt))
        choices = self._elem("L")
        yes, no = self.words("answer_true"), self.words("answer_false")
        t = Mark(yes, self.fonts, size, circled=self.teacher and q.answer,
                 tag=choices.add("LI").add("LBody"))
        f = Mark(no, self.fonts, size, circled=self.teacher and not q.answer,
                 tag=choices.add("LI").add("LBody"))
        table = self._table([["", t, f]], [t.width + 18, f.width + 6])
        return [header, table], yes if q.answer else no

    def _lines(self, q, n: int):
        header = self._header(q, n, self._md(q.prompt))
        space = self._elem("P", actual_text=answer_space(q.lines))
        answer = self._elem("P", plain(q.answer)) if self.teacher else None
        lines = AnswerLines(q.lines, self.st.line_spacing, self.fonts, self.st.answer_size,
                            answer=smarten(plain(q.answer)) if self.teacher else None, indent=self.indent,
                            tail=self.words("see_answer_key"), tag=space, answer_tag=answer, rtl=self.st.rtl)
        return [header, lines], q.answer

    def _fill_in_blank(self, q: m.FillInBlank, n: int):
        before, _, after = smarten(q.prompt).partition(m.BLANK)  # quotes around the blank pair up
        size = self.st.question.fontSize
        us = self.fonts.string_width("_", "serif", size)
        count = round(self.st.size(BLANK_WIDTH) / us)  # the same for every answer
        answer = plain(q.answer) if self.teacher else ""
        prompt_elem = self._elem("P", q.prompt)  # the answer written in the blank comes after it
        ref = self.at.tree.register(self._elem("P", answer)) if answer else ""
        label = escape(f"{count * us:.2f}|{self.st.answer_size}|{ref}|{answer}").replace('"', "&quot;")
        # the callback follows the underscores: a mark before them could be left at the end of
        # the previous line when the blank wraps; after them it always shares their line
        blank = self._md("_" * count, markup=False) + f'<onDraw name="{BLANK_CB}" label="{label}"/>'

        prompt = self._md(before) + blank + self._md(after)
        header = self._header(q, n, prompt, prompt_elem)
        header.announce_blank(self.words("chart_blank"))  # read "blank", not the underscores
        return [header], q.answer

    def _matching(self, q: m.Matching, n: int):
        size = self.st.size(BODY_SIZE)
        order = shown_order(q, self.seed)  # order[k] = pair shown at right row k
        right_letter = {pair_i: letter(k) for k, pair_i in enumerate(order)}
        blank_w = max(self.st.size(28), self.fonts.string_width(letter(len(order)), "sans-bold", size) + 14)
        gap = self.st.size(18)
        col = (self.st.frame_width - self.indent - blank_w - 6 - gap) / 2
        num_w = self.fonts.string_width(f"{len(q.pairs)}.", "serif", self.st.choice.fontSize) + 5
        let_w = self.fonts.string_width(f"{letter(len(order) - 1)}.", "sans-bold", self.st.choice.fontSize) + 5
        header = self._header(q, n, self._md(q.prompt))
        grid = self._elem("Table")  # each row's item is its header
        rows = []
        for i, pair in enumerate(q.pairs):
            right = q.pairs[order[i]].right
            row = grid.add("TR")
            rows.append([
                "",
                Blank(blank_w, self.fonts, size, right_letter[i] if self.teacher else None,
                      tag=row.add("TD")),
                self._hanging(self._md(f"{i + 1}."), self._md(pair.left), num_w,
                              self._elem("TH", pair.left, row)),
                "",
                self._hanging(self._md(f"{letter(i)}.", family="sans", bold=True), self._md(right), let_w,
                              self._elem("TD", right, row)),
            ])
            row.element(1).scope = "Row"
        table = self._table(rows, [blank_w + 6, col, gap, col], bottom=self.st.size(4))
        answer = "; ".join(f"{i + 1}\u2013{right_letter[i]}" for i in range(len(q.pairs)))
        return [header, table], answer

    def _ordering(self, q: m.Ordering, n: int):
        size = self.st.size(BODY_SIZE)
        order = shown_order(q, self.seed)
        blank_w = self.st.size(28)
        header = self._header(q, n, self._md(q.prompt))
        items = self._elem("L")
        rows = []
        for shown in order:
            item = items.add("LI")
            rows.append(["", Blank(blank_w, self.fonts, size, str(shown + 1) if self.teacher else None,
                                   tag=item.add("Lbl")),
                          self._para(self._md(q.items[shown]), self.st.choice, "LBody", q.items[shown],
                                     item)])
        table = self._table(rows, [blank_w + 6, self.st.frame_width - self.indent - blank_w - 6],
                            bottom=self.st.size(4))
        answer = " \u2192 ".join(q.items)
        return [header, table], answer


    def _label_timeline(self, q: m.LabelTimeline, n: int):
        from .flowables import ChartFlowable

        blanks = self.charts[ChartKey(exercise=q.chart_key, mode="blanks")]
        shown = self.charts[ChartKey(exercise=q.chart_key, mode="answers" if self.teacher else "blanks")]
        words = "\u2003".join(self._md("\u25a1\u00a0") + self._md(w) for w in word_bank(q, self.words.language))
        header = self._header(q, n, self._md(q.prompt))
        parts = [header, ChartFlowable(shown, self.st.frame_height * 0.7,
                                       tag=self._elem("Figure", alt=shown.alt or None))]
        if blanks.key:  # too dense for blanks on the chart: numbered markers, written in below
            answers = self.charts[ChartKey(exercise=q.chart_key, mode="answers")]
            parts.append(self._numbered_blanks(answers.key))
        bank_label = self._md(self.words("word_bank") + " ", family="sans", bold=True)
        parts.append(self._para(bank_label + words, self.st.choice))
        answer = "; ".join(f"({num}) {label}" for num, label in blanks.blanks)
        return parts, answer

    def _numbered_blanks(self, key: list[tuple[str, str, str]]) -> Table:
        """(number) date ________ rows; the teacher's copy has the label on each line."""
        size = self.st.size(BODY_SIZE)
        num_w = self.fonts.string_width(f"({len(key)})", "sans-bold", size) + 8
        date_w = max(self.fonts.string_width(d, "serif", size) for _, d, _ in key) + 10
        blank_w = self.st.frame_width - self.indent - num_w - date_w - 12
        grid = self._elem("Table")
        rows = []
        for num, date, label in key:
            row = grid.add("TR")
            rows.append(["", self._para(self._md(f"({num})", family="sans", bold=True), self.st.choice,
                                        "TD", parent=row),
                         self._para(self._md(date, markup=False), self.st.choice, "TH", parent=row),
                         Blank(blank_w, self.fonts, size, label if self.teacher else None,
                               tag=row.add("TD"))])
            row.element(1).scope = "Row"
        return self._table(rows, [num_w, date_w, blank_w])


# One renderer per question class (model.QUESTION_CLASSES): the question's parts and its
# answer-key text. A new question type adds its class here, and its printed name (the word
# keyed by its kind) to the message catalogues in locales/.
RENDERERS: dict[type, Callable[..., tuple[list[Flowable], str]]] = {
    m.MultipleChoice: QuestionRenderer._multiple_choice, m.TrueFalse: QuestionRenderer._true_false,
    m.ShortAnswer: QuestionRenderer._lines, m.Essay: QuestionRenderer._lines,
    m.FillInBlank: QuestionRenderer._fill_in_blank, m.Matching: QuestionRenderer._matching,
    m.Ordering: QuestionRenderer._ordering, m.LabelTimeline: QuestionRenderer._label_timeline,
}


def draw_blank_answer(canv, kind, label) -> None:
    """onDraw callback at the end of a blank: write the fill-in answer over it (teacher only)."""
    from ..fonts import load_fonts
    from .styles import ANSWER
    from .textdraw import draw_runs, fit_text

    width_s, size_s, ref, answer = (label or "").split("|", 3)
    if not answer:
        return
    cur_x, cur_y = text_cursor(canv)
    width = float(width_s)
    fonts = load_fonts()
    size = fit_text(answer, "sans-italic", float(size_s), width - 4, fonts)
    canv.saveState()
    canv.setFillColor(ANSWER)
    with marked(canv, registered(canv, ref)):  # the answer: an element after the prompt's
        draw_runs(canv, cur_x - width / 2, cur_y + 2, answer, "sans-italic", size,
                  fonts, "middle")
    canv.restoreState()


def answer_space(lines: int) -> str:
    """What a screen reader says for ruled answer lines."""
    return f"Answer space, {lines} line{'s' if lines != 1 else ''}."

