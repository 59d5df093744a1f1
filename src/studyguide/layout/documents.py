"""Primary sources on paper: each document is a set-off excerpt, an indented block quote
with a rule down its left side, followed by its attribution (author, title, date), its
citation and its translation note; the questions about it come right after it.

The teacher's marking notes go to the answer key, never beside the document: the
teacher edition adds no lines to the pages students also get, so both editions keep the
same page breaks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from .. import model as m
from ..labels import Labels
from ..localdates import format_date
from ..text import paragraphs
from .keep import KeepOrFlow
from .styles import ACCENT, MUTED, RULE, Styles
from .tagging import TaggedParagraph, decoration

RULE_WIDTH = 1.6
RULE_GAP = 9.0  # from the rule to the text


@dataclass(frozen=True)
class KeyNote:
    """Marking notes on a document, printed in the answer key before its answers."""

    title: str
    text: str


def document_numbers(unit: m.Unit) -> dict[str, str]:
    """id -> "2.1": the section's number and the document's place in it, like figures."""
    return {d.id: f"{si + 1}.{di + 1}" for si, s in enumerate(unit.sections)
            for di, d in enumerate(s.documents)}


class QuoteParagraph(TaggedParagraph):
    """One paragraph of a block quote, with the quote's rule at its left; a paragraph
    split across pages keeps the rule on both parts. `joined` extends the rule down
    through the space after it, so the paragraphs of one quote share one line."""

    joined = False

    def draw(self):
        super().draw()
        canv = self.canv
        x = self.style.leftIndent - RULE_GAP
        below = self.style.spaceAfter if self.joined else 0
        with decoration(canv, self.tag):  # the rule is not text a reader needs
            canv.saveState()
            canv.setStrokeColor(RULE)
            canv.setLineWidth(RULE_WIDTH)
            canv.line(x, -below, x, self.height)
            canv.restoreState()

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if parts:
            parts[-1].joined = self.joined
        return parts


class DocumentStyles:
    """The type of a document block, derived from the guide's styles (large print too)."""

    def __init__(self, st: Styles):
        self.st = st

    def _style(self, name: str, role: str, size: float, leading: float, **kw) -> ParagraphStyle:
        return self.st._style(name, role, size, leading, **kw)

    @cached_property
    def label(self) -> ParagraphStyle:
        return self._style("document_label", "sans-bold", 11, 15, textColor=ACCENT,
                           spaceBefore=self.st.size(12), spaceAfter=self.st.size(6), keepWithNext=1)

    @cached_property
    def quote(self) -> ParagraphStyle:
        indent = self.st.size(26)
        return self._style("document_quote", "serif", 10.5, 14.5, leftIndent=indent, rightIndent=indent,
                           spaceAfter=self.st.size(5))

    @cached_property
    def attribution(self) -> ParagraphStyle:
        return self._style("document_attribution", "serif", 10, 13.5, leftIndent=self.st.size(26),
                           rightIndent=self.st.size(26), spaceBefore=self.st.size(3),
                           spaceAfter=self.st.size(2))

    @cached_property
    def note(self) -> ParagraphStyle:
        return self._style("document_note", "serif", 10, 13, textColor=MUTED, leftIndent=self.st.size(26),
                           rightIndent=self.st.size(26), spaceAfter=self.st.size(2))


    @cached_property
    def reference(self) -> ParagraphStyle:  # lines up with the question's text
        return self._style("document_reference", "serif", 10, 13, textColor=MUTED,
                           leftIndent=self.st.question.leftIndent, spaceBefore=self.st.size(10),
                           keepWithNext=1)


def attribution(doc: m.Document, words: Labels) -> str:
    """'Author, *Title*, 14 November 1860' as teacher's text (markup allowed), the date in
    the unit's language."""
    parts = [doc.author] if doc.author else []
    parts.append(f"*{doc.title}*")
    parts.append(format_date(doc.date, words))
    return "\u2014\u00a0" + ", ".join(parts)


def document_block(ctx, doc: m.Document, number: str) -> list[Flowable]:
    """The printed document: label, block quote, attribution, source, translation note.

    `ctx` is the story's context (markup, words, structure tree). A screen reader meets a
    heading, then a BlockQuote holding the excerpt's paragraphs and its attribution. The
    label stays with the start of the quote, and a short document stays whole on one page."""
    md, words = ctx.md, ctx.words
    ds = DocumentStyles(ctx.styles)
    title = words("document", number=number)
    label = ctx.para(md(title, family="sans", bold=True, markup=False), ds.label, "H3", title)
    quote_tag = ctx.elem("BlockQuote", doc.text)
    paras = paragraphs(doc.text)
    quote = []
    for k, text in enumerate(paras):
        p = QuoteParagraph(md(text), ds.quote, tag=ctx.elem("P", text, quote_tag))
        p.joined = k < len(paras) - 1
        quote.append(p)
    by = attribution(doc, words)
    lines = [ctx.para(md(by), ds.attribution, "P", by, quote_tag),
             ctx.para(md(words("document_source") + " ", family="sans", bold=True, markup=False)
                      + md(doc.source), ds.note, "P", doc.source, quote_tag)]
    if doc.translation_note:
        lines.append(ctx.para(md(words("translation_note") + " ", family="sans", bold=True, markup=False)
                              + md(doc.translation_note, italic=True), ds.note, "P", doc.translation_note,
                              quote_tag))
    return [KeepOrFlow([label, *quote, *lines], page=ctx.styles.frame_height)]


def key_note(ctx, doc: m.Document, number: str) -> KeyNote | None:
    if not doc.notes:
        return None
    return KeyNote(ctx.words("document_notes", number=number, title=doc.title), doc.notes)


def key_note_flowables(ctx, note: KeyNote) -> list[Flowable]:
    st = ctx.styles
    return [ctx.para(ctx.md(note.title, family="sans", bold=True, markup=False), st.question, "P", note.title),
            *(ctx.para(ctx.md(p), st.explanation, "P", p) for p in paragraphs(note.text))]


def reference_line(ctx, doc: m.Document, number: str) -> TaggedParagraph:
    """'About Document 2.1 (title)': printed above a unit review question on a document."""
    about = ctx.words("about_document", number=number)
    text = ctx.md(about, family="sans", bold=True, markup=False)
    text += " " + ctx.md(f"({doc.title})")
    return ctx.para(text, DocumentStyles(ctx.styles).reference, "P", f"{about} ({doc.title})")


def section_documents(ctx, section_number: int, section: m.Section, render,
                      heading: Flowable) -> tuple[list[Flowable], list]:
    """The section's documents under `heading`, each followed by the questions about it.

    `render(q)` lays out one question and returns (block, answer-key entry); the entries
    come back in print order, each document's marking notes first."""
    out: list[Flowable] = [heading]
    entries: list = []
    for di, doc in enumerate(section.documents):
        number = f"{section_number}.{di + 1}"
        out += document_block(ctx, doc, number)
        note = key_note(ctx, doc, number)
        if note:
            entries.append(note)
        for q in section.questions_about(doc.id):
            block, entry = render(q)
            out.append(block)
            entries.append(entry)
    return out, entries
