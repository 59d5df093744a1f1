"""How each question type looks on paper, in both editions, plus its answer-key entry.

Questions are data in the model; here each becomes a block that is kept on one page
with its answer space. The teacher edition draws the answer into the very space the
student edition leaves empty, so the two editions paginate identically.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from reportlab.platypus import Flowable, KeepTogether, Table

from .. import model as m
from ..charts.chart import ChartKey
from ..collation import sort_key_for
from ..labels import Labels, labels_for
from ..shuffle import shown_order
from ..text import escape, plain, to_markup
from .flowables import AnswerLines, Blank, Mark
from .reportlab_private import keep_together_measures, text_cursor
from .styles import Styles
from .tagging import Element, StructureTree, TaggedParagraph, language_of, marked, registered
from .textflow import Paragraph  # ReportLab's, or ours where text must be shaped

INDENT = 22.0  # question text hangs after its number
BLANK_CB = "sg_blank"


class QuestionBlock(KeepTogether):
    """A question kept on one page with its answer space, unless it is too big to.

    A question taller than `limit` (a 40-pair matching, a 200-line essay) would leave a
    near-empty page behind it if moved whole; it starts where it is instead, provided its
    prompt and a little answer space fit, and continues on the next page.
    """

    def __init__(self, flowables, limit: float):
        super().__init__(flowables)
        self.limit = limit

    def split(self, aW, aH):
        total, first, content = keep_together_measures(self, aW, aH)
        if total > self.limit and aH >= first + 72:
            return content[:]
        return super().split(aW, aH)


@dataclass(frozen=True)
class KeyEntry:
    """One line of the answer key."""

    number: int
    kind: str
    answer: str          # teacher's text, markup allowed
    explanation: str | None
    points: int | None




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
                 language: str = "en", words: Labels | None = None):
        self.st = styles
        self.words = words or labels_for()
        self.fonts = styles.fonts
        self.teacher = teacher
        self.seed = seed
        self.charts = charts or {}
        self.language = language
        self.at: Element = StructureTree(language).root  # the current question's Div

    # -- helpers -----------------------------------------------------------------------
    def _md(self, text: str, **kw) -> str:
        return to_markup(text, self.fonts, **kw)

    def _elem(self, role: str, text: str = "", parent: Element | None = None, **kw) -> Element:
        lang = language_of(plain(text), self.language) if text else None
        return (parent or self.at).add(role, lang=lang, **kw)

    def _para(self, markup: str, style, role: str = "P", text: str = "",
              parent: Element | None = None) -> TaggedParagraph:
        return TaggedParagraph(markup, style, tag=self._elem(role, text, parent))

    def _points(self, q: m.QuestionBase) -> str:
        if not q.points:
            return ""
        points = self.words.plural("points", q.points).replace(" ", "\u00a0")
        return "\u00a0" + self._md(f"({points})", family="sans")

    def _header(self, q: m.QuestionBase, number: int, prompt_markup: str,
                tag: Element | None = None) -> Paragraph:
        num = self._md(f"{number}.", family="sans", bold=True)
        return TaggedParagraph(f"{num}\u00a0 {prompt_markup}{self._points(q)}", self.st.question,
                               tag=tag or self._elem("P", q.prompt))

    def _table(self, rows: list[list], widths: list[float]) -> Table:
        t = Table(rows, colWidths=[INDENT] + widths, hAlign="LEFT")
        t.setStyle(self.st.grid("TOP", 1.5))
        return t

    # -- public ------------------------------------------------------------------------
    def render(self, q: m.Question, number: int, lead: list[Flowable] | None = None,
               parent: Element | None = None) -> tuple[Flowable, KeyEntry]:
        """The question as one block; `lead` (a heading) is kept on the page with it.

        Its elements go into a new Div of `parent` (after those of `lead`)."""
        if parent is not None:
            self.at = parent.add("Div")
        parts, answer = RENDERERS[type(q)](self, q, number)
        block = QuestionBlock((lead or []) + parts, limit=self.st.frame_height * 0.6)
        return block, KeyEntry(number, self.words(q.kind), answer, q.explanation, q.points)

    def _multiple_choice(self, q: m.MultipleChoice, n: int):
        size = self.st.size(10.5)
        rows = []
        mark_w = self.fonts.string_width("W", "sans-bold", size) + size * 1.1
        header = self._header(q, n, self._md(q.prompt))
        choices = self._elem("L")
        for i, choice in enumerate(q.choices):
            item = choices.add("LI")
            mark = Mark(letter(i), self.fonts, size, circled=self.teacher and i == q.answer,
                        tag=item.add("Lbl"))
            rows.append(["", mark, self._para(self._md(choice), self.st.choice, "LBody", choice, item)])
        table = self._table(rows, [mark_w + 6, self.st.frame_width - INDENT - mark_w - 6])
        answer = f"{letter(q.answer)}. {q.choices[q.answer]}"
        return [header, table], answer

    def _true_false(self, q: m.TrueFalse, n: int):
        size = self.st.size(10.5)
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
                            answer=plain(q.answer) if self.teacher else None, indent=INDENT,
                            tail=self.words("see_answer_key"), tag=space, answer_tag=answer)
        return [header, lines], q.answer

    def _fill_in_blank(self, q: m.FillInBlank, n: int):
        before, _, after = q.prompt.partition(m.BLANK)
        size = self.st.question.fontSize
        us = self.fonts.string_width("_", "serif", size)
        want = self.fonts.string_width(plain(q.answer), "sans-italic", size) + 16
        count = max(10, min(30, int(want / us) + 1))
        answer = plain(q.answer) if self.teacher else ""
        prompt_elem = self._elem("P", q.prompt)  # the answer written in the blank comes after it
        ref = self.at.tree.register(self._elem("P", answer)) if answer else ""
        label = escape(f"{count * us:.2f}|{self.st.answer_size}|{ref}|{answer}").replace('"', "&quot;")
        # the callback follows the underscores: a mark before them could be left at the end of
        # the previous line when the blank wraps; after them it always shares their line
        blank = self._md("_" * count, markup=False) + f'<onDraw name="{BLANK_CB}" label="{label}"/>'

        prompt = self._md(before) + blank + self._md(after)
        return [self._header(q, n, prompt, prompt_elem)], q.answer

    def _matching(self, q: m.Matching, n: int):
        size = self.st.size(10.5)
        order = shown_order(q, self.seed)  # order[k] = pair shown at right row k
        right_letter = {pair_i: letter(k) for k, pair_i in enumerate(order)}
        blank_w = max(28.0, self.fonts.string_width(letter(len(order)), "sans-bold", size) + 14)
        col = (self.st.frame_width - INDENT - blank_w - 12) / 2
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
                self._para(self._md(f"{i + 1}. ") + self._md(pair.left), self.st.choice, "TH",
                           pair.left, row),
                self._para(self._md(f"{letter(i)}. ", family="sans", bold=True) + self._md(right),
                           self.st.choice, "TD", right, row),
            ])
            row.element(1).scope = "Row"
        table = self._table(rows, [blank_w + 6, col, col])
        answer = "; ".join(f"{i + 1}\u2013{right_letter[i]}" for i in range(len(q.pairs)))
        return [header, table], answer

    def _ordering(self, q: m.Ordering, n: int):
        size = self.st.size(10.5)
        order = shown_order(q, self.seed)
        blank_w = 28.0
        header = self._header(q, n, self._md(q.prompt))
        items = self._elem("L")
        rows = []
        for shown in order:
            item = items.add("LI")
            rows.append(["", Blank(blank_w, self.fonts, size, str(shown + 1) if self.teacher else None,
                                   tag=item.add("Lbl")),
                          self._para(self._md(q.items[shown]), self.st.choice, "LBody", q.items[shown],
                                     item)])
        table = self._table(rows, [blank_w + 6, self.st.frame_width - INDENT - blank_w - 6])
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
        size = self.st.size(10.5)
        num_w = self.fonts.string_width(f"({len(key)})", "sans-bold", size) + 8
        date_w = max(self.fonts.string_width(d, "serif", size) for _, d, _ in key) + 10
        blank_w = self.st.frame_width - INDENT - num_w - date_w - 12
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

