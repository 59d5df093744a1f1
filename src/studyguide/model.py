"""The validated, typed content of one unit: what every later stage reads.

The model is semantic (headings, terms, events, questions as data), never layout:
the same model feeds the student and teacher PDFs and, later, an HTML twin.
Every object keeps where it was written (`pos`) and where each of its fields was
written (`where`), so later stages (font coverage, layout limits) can still report
`file:line:col` problems.

Text fields hold the teacher's text as typed: `**bold**` and `*italic*` are the only
markup (see `studyguide.text`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Mapping, Union

from .dates import HistDate
from .problems import Pos

Paper = Literal["letter", "a4"]
NOWHERE = Pos("<unknown>")


@dataclass(frozen=True)
class Located:
    pos: Pos = field(default=NOWHERE, compare=False, kw_only=True)
    where: Mapping[str, Pos] = field(default_factory=dict, compare=False, kw_only=True, repr=False)

    def pos_of(self, name: str) -> Pos:
        """Position of field `name` (falls back to the object's own position)."""
        return self.where.get(name, self.pos)


@dataclass(frozen=True)
class Source(Located):
    title: str
    author: str | None = None
    publisher: str | None = None
    date: HistDate | None = None
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Era(Located):
    label: str
    start: HistDate
    end: HistDate


@dataclass(frozen=True)
class Event(Located):
    date: HistDate
    label: str
    end: HistDate | None = None
    detail: str | None = None

    @property
    def is_span(self) -> bool:
        return self.end is not None


@dataclass(frozen=True)
class KeyTerm(Located):
    term: str
    definition: str
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure(Located):
    image: Path  # absolute, resolved inside the unit's folder
    caption: str | None = None
    alt: str | None = None
    credit: str | None = None


@dataclass(frozen=True)
class Document(Located):
    """A primary source: printed as a set-off excerpt, with the questions about it below."""

    id: str
    title: str
    date: HistDate
    source: str
    text: str
    author: str | None = None
    translation_note: str | None = None
    notes: str | None = None  # marking notes, teacher edition only


# --- questions ---------------------------------------------------------------


@dataclass(frozen=True)
class QuestionBase(Located):
    prompt: str
    points: int | None = field(default=None, kw_only=True)
    explanation: str | None = field(default=None, kw_only=True)
    tags: tuple[str, ...] = field(default=(), kw_only=True)  # to draw questions from a bank by
    difficulty: str | None = field(default=None, kw_only=True)  # easy, medium or hard
    document: str | None = field(default=None, kw_only=True)  # the id of the document it is about


@dataclass(frozen=True)
class MultipleChoice(QuestionBase):
    choices: tuple[str, ...]
    answer: int  # index into choices
    shuffle: bool = field(default=True, kw_only=True)  # False: the choices print as typed
    kind: Literal["multiple_choice"] = field(default="multiple_choice", kw_only=True)


@dataclass(frozen=True)
class TrueFalse(QuestionBase):
    answer: bool
    kind: Literal["true_false"] = field(default="true_false", kw_only=True)


@dataclass(frozen=True)
class ShortAnswer(QuestionBase):
    answer: str
    lines: int = 3
    kind: Literal["short_answer"] = field(default="short_answer", kw_only=True)


@dataclass(frozen=True)
class Essay(QuestionBase):
    answer: str  # guidance for the teacher
    lines: int = 12
    kind: Literal["essay"] = field(default="essay", kw_only=True)


@dataclass(frozen=True)
class FillInBlank(QuestionBase):
    answer: str  # prompt holds exactly one BLANK where this goes
    kind: Literal["fill_in_blank"] = field(default="fill_in_blank", kw_only=True)


@dataclass(frozen=True)
class Pair(Located):
    left: str
    right: str


@dataclass(frozen=True)
class Matching(QuestionBase):
    pairs: tuple[Pair, ...]
    kind: Literal["matching"] = field(default="matching", kw_only=True)


@dataclass(frozen=True)
class Ordering(QuestionBase):
    items: tuple[str, ...]  # in the correct order
    kind: Literal["ordering"] = field(default="ordering", kw_only=True)


@dataclass(frozen=True)
class LabelTimeline(QuestionBase):
    """Generated from a timeline (`timeline_exercises: [label]`), never written by hand:
    students write each event's label at its numbered blank on the chart."""

    events: tuple[Event, ...]
    chart_key: str  # which pair of charts (blanks for students, labels for teachers) it shows
    kind: Literal["label_timeline"] = field(default="label_timeline", kw_only=True)


Question = Union[MultipleChoice, TrueFalse, ShortAnswer, Essay, FillInBlank, Matching, Ordering,
                 LabelTimeline]
QUESTION_TYPES = ("multiple_choice", "true_false", "short_answer", "essay",
                  "fill_in_blank", "matching", "ordering")
BLANK = "___"


# --- sections and the unit -----------------------------------------------------


@dataclass(frozen=True)
class Section(Located):
    title: str
    summary: str
    key_terms: tuple[KeyTerm, ...] = ()
    timeline: tuple[Event, ...] = ()
    figures: tuple[Figure, ...] = ()
    documents: tuple[Document, ...] = ()
    questions: tuple[Question, ...] = ()
    timeline_exercises: tuple[str, ...] = ()

    def questions_about(self, document_id: str) -> list[Question]:
        return [q for q in self.questions if q.document == document_id]

    def printed_questions(self) -> list[Question]:
        """The order questions print (and are numbered) in: each document's questions right
        after the document, then the section's other questions."""
        about = [q for d in self.documents for q in self.questions_about(d.id)]
        return about + [q for q in self.questions if q.document is None]


@dataclass(frozen=True)
class Unit(Located):
    path: Path  # the YAML file
    title: str
    sections: tuple[Section, ...]
    subtitle: str | None = None
    course: str | None = None
    audience: str | None = None
    author: str | None = None
    edition: str | None = None
    language: str = "en"
    paper: Paper = "letter"
    objectives: tuple[str, ...] = ()
    introduction: str | None = None
    sources: tuple[Source, ...] = ()
    eras: tuple[Era, ...] = ()
    questions: tuple[Question, ...] = ()
    timeline_exercises: tuple[str, ...] = ()
    key_dates: bool = True  # a compact "Key dates" list after each timeline chart
    labels: tuple[tuple[str, str], ...] = ()  # (word key, text) replacing catalogue words
    section_breaks: str = "flow"  # "page": every section starts a new page

    @property
    def slug(self) -> str:
        return self.path.stem

    def all_events(self) -> list[Event]:
        return [e for s in self.sections for e in s.timeline]

    def all_terms(self) -> list[tuple[Section, KeyTerm]]:
        return [(s, t) for s in self.sections for t in s.key_terms]

    def all_documents(self) -> list[tuple[Section, Document]]:
        return [(s, d) for s in self.sections for d in s.documents]

    def all_questions(self) -> list[Question]:
        """Every question, in the order the guide prints and numbers them."""
        return [q for s in self.sections for q in s.printed_questions()] + list(self.questions)
