"""Primary sources in the quiz formats.

A learning platform may show one question per page, draw questions at random or shuffle
them, so a question about a document carries the document with it: the excerpt as a block
quote under its label ("Document 2.1"), its attribution, source and translation note, as
the guide prints them. Marking notes stay out: every quiz format here reaches students.
"""

from __future__ import annotations

from .. import model as m
from ..labels import Labels, unit_labels
from ..layout.documents import attribution, document_numbers
from .markup import block_html, escape_html, html


def by_id(unit: m.Unit) -> dict[str, tuple[str, m.Document]]:
    """id -> (its number as printed, the document)."""
    numbers = document_numbers(unit)
    return {d.id: (numbers[d.id], d) for _, d in unit.all_documents()}


def document_html(doc: m.Document, number: str, words: Labels) -> str:
    parts = [f"<p><strong>{escape_html(words('document', number=number))}</strong></p>",
             f"<blockquote>{block_html(doc.text)}<p>{html(attribution(doc, words))}</p></blockquote>",
             f"<p><strong>{escape_html(words('document_source'))}</strong> {html(doc.source)}</p>"]
    if doc.translation_note:
        parts.append(f"<p><strong>{escape_html(words('translation_note'))}</strong> "
                     f"<em>{html(doc.translation_note)}</em></p>")
    return "".join(parts)


class Sources:
    """The HTML to put before each question's own text: its document, or nothing."""

    def __init__(self, unit: m.Unit):
        self.words = unit_labels(unit)
        self.docs = by_id(unit)

    def before(self, q: m.QuestionBase) -> str:
        if q.document is None or q.document not in self.docs:
            return ""
        number, doc = self.docs[q.document]
        return document_html(doc, number, self.words)
