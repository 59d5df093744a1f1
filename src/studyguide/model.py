"""The validated, typed content of one unit: what every later stage reads.

The model is semantic (headings, terms, events, questions as data), never layout:
the same model feeds the student and teacher PDFs and, later, an HTML twin.
Each content field is declared once, here: its type, default, and `metadata=content(doc,
...)` for teachers with its constraints (see `studyguide.fields`); `validate`, the JSON Schema and the
field tables in docs/content-format.md are all derived from these classes.
Every object keeps where it was written (`pos`) and where each of its fields was
written (`where`), so later stages (font coverage, layout limits) can still report
`file:line:col` problems.

Text fields hold the teacher's text as typed: `**bold**` and `*italic*` are the only
markup (see `studyguide.text`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Literal, Mapping, Union, get_args

from .dates import HistDate
from .fields import PLAIN, TEXT, Field, Obj, content, kind_of
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
    """A work the unit is based on, cited in full at the end of the guide."""

    title: str = field(metadata=content("the title of the work", plain=True))
    author: str | None = field(default=None, metadata=content("its author or authors", plain=True))
    publisher: str | None = field(default=None, metadata=content("its publisher, journal or website", plain=True))
    date: HistDate | None = field(default=None, metadata=content("its publication date (a DATE)"))
    url: str | None = field(default=None, metadata=content(
        "its web address, printed as typed and linked (never fetched): http:, https: or mailto: only",
        plain=True))
    note: str | None = field(default=None, metadata=content("anything else worth saying about it"))


@dataclass(frozen=True)
class Era(Located):
    """A named band on the unit timeline."""

    label: str = field(metadata=content("the name of the era", plain=True))
    start: HistDate = field(metadata=content("its first date (a DATE)"))
    end: HistDate = field(metadata=content("its last date (a DATE), not before start"))


@dataclass(frozen=True)
class Event(Located):
    """A dated event, or a span when it has an end."""

    noun: ClassVar[str] = "timeline event"
    # `display` is folded into the date (HistDate.display) by validate
    extra_fields: ClassVar[tuple[Field, ...]] = (
        Field("display", PLAIN, "text printed instead of the formatted date, e.g. '1960s'; "
                               "on a span it replaces the start date's text"),
    )
    field_order: ClassVar[tuple[str, ...]] = ("date", "end", "label", "detail", "display")

    date: HistDate = field(metadata=content("when it happened, or when the span began (a DATE)"))
    label: str = field(metadata=content("a short name shown on the chart", plain=True))
    end: HistDate | None = field(default=None, metadata=content(
        "when the span ended (a DATE); makes the event a span; not before date"))
    detail: str | None = field(default=None, metadata=content("one or two sentences shown in the key-dates list"))

    @property
    def is_span(self) -> bool:
        return self.end is not None


@dataclass(frozen=True)
class KeyTerm(Located):
    """A term students should learn; also listed in the glossary."""

    term: str = field(metadata=content("the term itself; each term once per unit (ignoring case)"))
    definition: str = field(metadata=content("what it means, in a sentence"))
    also: tuple[str, ...] = field(default=(), metadata=content(
        "other names or spellings, e.g. [Aihui, 瑷珲]", noun="other name", plain=True))


@dataclass(frozen=True)
class Figure(Located):
    """An image printed with the section."""

    # absolute, resolved inside the unit's folder
    image: Path = field(metadata=content("a PNG or JPEG file, relative to the unit's file and inside its folder"))
    alt: str = field(metadata=content(
        "a short description of the image for readers who cannot see it (required: a tagged PDF reads it "
        "aloud in the image's place)", plain=True))
    caption: str | None = field(default=None, metadata=content("the caption printed under the image"))
    credit: str | None = field(default=None, metadata=content("who made the image, and its licence"))


DOCUMENT_ID = r"[A-Za-z][A-Za-z0-9_-]*"  # checked by validate, with its own message


@dataclass(frozen=True)
class Document(Located):
    """A primary source printed as a set-off excerpt; questions name it with 'document: ID' and
    print below it."""

    field_order: ClassVar[tuple[str, ...]] = (
        "id", "title", "author", "date", "source", "text", "translation_note", "notes")

    id: str = field(metadata=content(
        "a short name questions use to refer to it (document: ID): letters, digits, - and _, "
        "starting with a letter; each id once per unit", plain=True))
    title: str = field(metadata=content("the document's title"))
    date: HistDate = field(metadata=content("when it was written or issued (a DATE)"))
    source: str = field(metadata=content("where the excerpt comes from: a full citation"))
    text: str = field(metadata=content(
        "the excerpt, printed as a block quote; paragraphs separated by a blank line"))
    author: str | None = field(default=None, metadata=content(
        "who wrote or issued it; leave it out for an anonymous document"))
    translation_note: str | None = field(default=None, metadata=content(
        "who translated it, from what, and whether the text is a summary"))
    notes: str | None = field(default=None, metadata=content(
        "marking notes for the teacher; printed in the answer key of the teacher edition only"))


# --- questions ---------------------------------------------------------------
# A question type is one class here (its `kind` is its YAML `type`), listed in `Question`,
# plus one renderer in layout/questions.py.

MAX_LINES = 300  # answer space continues on the next page; 300 lines are about ten pages
MAX_POINTS = 1000
DIFFICULTIES = ("easy", "medium", "hard")
LINES_DOC = "lines of answer space (about 28 fill a page; more continue on the next)"


@dataclass(frozen=True)
class QuestionBase(Located):
    """What every question has: a prompt, and marks and an explanation for the teacher."""

    noun: ClassVar[str] = "question"

    prompt: str = field(metadata=content("the question as students read it"))
    points: int | None = field(default=None, kw_only=True, metadata=content(
        "the marks the question is worth. When any question of a unit has points, every question prints "
        "its points flush right beside its prompt (its type's default where not written), each section's "
        "total stands on its 'Review questions' heading (the unit review's on its heading) and the guide's "
        "total on the student cover, in both editions; a unit with no points prints none. Counted in the "
        "teacher edition's points table and answer grid; default 1, but 1 per pair on a "
        "matching question, 1 per line of answer space on a short answer and 1 per two lines (rounded up) "
        "on an essay", range=(0, MAX_POINTS)))
    explanation: str | None = field(default=None, kw_only=True, metadata=content(
        "why the answer is right, teacher edition only"))
    tags: tuple[str, ...] = field(default=(), kw_only=True, metadata=content(
        "words to draw questions by: studyguide build --questions N --tags map,treaty", noun="tag", plain=True))
    difficulty: str | None = field(default=None, kw_only=True, metadata=content(
        "how hard it is, to draw questions by: studyguide build --difficulty easy,medium", choices=DIFFICULTIES))
    document: str | None = field(default=None, kw_only=True, metadata=content(
        "the id of the document (primary source) the question is about; it prints below that document",
        plain=True))
    kind: str = field(default="", kw_only=True)  # each type's own Literal; its `type` in YAML


@dataclass(frozen=True)
class MultipleChoice(QuestionBase):
    """Pick one of several choices (students circle A, B, C, ...)."""

    choices: tuple[str, ...] = field(metadata=content("two or more different choices", noun="choice", min_items=2))
    answer: int = field(metadata=content(  # index into choices; written as a choice's text or letter
        "the right choice: its exact text, or its letter A, B, C, ...", spec=TEXT))
    shuffle: bool = field(default=True, metadata=content(
        "false prints the choices in the order typed (for 'all of the above' or an ordered scale); "
        "by default they print shuffled"))
    kind: Literal["multiple_choice"] = field(default="multiple_choice", kw_only=True)


@dataclass(frozen=True)
class TrueFalse(QuestionBase):
    """A statement students mark true or false."""

    answer: bool = field(metadata=content("true or false (yes and no are read as true and false)"))
    kind: Literal["true_false"] = field(default="true_false", kw_only=True)


@dataclass(frozen=True)
class ShortAnswer(QuestionBase):
    """A few lines of written answer (students get answer lines)."""

    answer: str = field(metadata=content("a model answer, teacher edition only"))
    lines: int = field(default=3, metadata=content(LINES_DOC, range=(1, MAX_LINES)))
    kind: Literal["short_answer"] = field(default="short_answer", kw_only=True)


@dataclass(frozen=True)
class Essay(QuestionBase):
    """A longer written answer (students get answer lines)."""

    answer: str = field(metadata=content("guidance for marking, teacher edition only"))
    lines: int = field(default=12, metadata=content(LINES_DOC, range=(1, MAX_LINES)))
    kind: Literal["essay"] = field(default="essay", kw_only=True)


@dataclass(frozen=True)
class FillInBlank(QuestionBase):
    """A sentence with one blank: the prompt holds exactly one ___ (three or more underscores)."""

    # the prompt holds exactly one BLANK where this goes
    answer: str = field(metadata=content("the word(s) for the blank"))
    kind: Literal["fill_in_blank"] = field(default="fill_in_blank", kw_only=True)


@dataclass(frozen=True)
class Pair(Located):
    """One row of a matching question: left matches right."""

    left: str = field(metadata=content("the item shown in the left column, numbered"))
    right: str = field(metadata=content("its match, shown shuffled in the right column, lettered"))


@dataclass(frozen=True)
class Matching(QuestionBase):
    """Match each left item with its right item (students see the right column shuffled, lettered)."""

    pairs: tuple[Pair, ...] = field(metadata=content(
        "two or more pairs, each side different", noun="pair", min_items=2))
    kind: Literal["matching"] = field(default="matching", kw_only=True)


@dataclass(frozen=True)
class Ordering(QuestionBase):
    """Put items in order (students see them shuffled and number them)."""

    items: tuple[str, ...] = field(metadata=content(  # in the correct order
        "two or more items, in the correct order; students see them shuffled", noun="item", min_items=2))
    kind: Literal["ordering"] = field(default="ordering", kw_only=True)


@dataclass(frozen=True)
class LabelTimeline(QuestionBase):
    """Generated from a timeline (`timeline_exercises: [label]`), never written by hand:
    students write each event's label at its numbered blank on the chart."""

    authored: ClassVar[bool] = False  # not a YAML `type`

    events: tuple[Event, ...]
    chart_key: str  # which pair of charts (blanks for students, labels for teachers) it shows
    kind: Literal["label_timeline"] = field(default="label_timeline", kw_only=True)


Question = Union[MultipleChoice, TrueFalse, ShortAnswer, Essay, FillInBlank, Matching, Ordering,
                 LabelTimeline]
QUESTION_CLASSES: dict[str, type[QuestionBase]] = {kind_of(c) or "": c for c in get_args(Question)}
# the types a teacher may write (LabelTimeline is made from a timeline)
WRITTEN_QUESTIONS = {kind: c for kind, c in QUESTION_CLASSES.items() if getattr(c, "authored", True)}
BLANK = "___"


# --- sections and the unit -----------------------------------------------------

EXERCISES_DOC = ("extra exercises made from {}: 'ordering' (students put its events in order) "
                 "and/or 'label' (students write the event for each date); a name given twice counts once")
EXERCISES = ("ordering", "label")
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"


@dataclass(frozen=True)
class Section(Located):
    """A part of the unit: reading, terms, timeline, figures, questions."""

    title: str = field(metadata=content("the heading of the section", plain=True))
    summary: str = field(metadata=content("the reading; paragraphs separated by a blank line"))
    key_terms: tuple[KeyTerm, ...] = field(default=(), metadata=content(
        "terms introduced here; also listed in the glossary", noun="key term"))
    timeline: tuple[Event, ...] = field(default=(), metadata=content(
        "events charted in this section", noun="timeline event"))
    figures: tuple[Figure, ...] = field(default=(), metadata=content("images printed with the section", noun="figure"))
    documents: tuple[Document, ...] = field(default=(), metadata=content(
        "primary sources printed with the section, each followed by the questions about it", noun="document"))
    questions: tuple[Question, ...] = field(default=(), metadata=content(
        "review questions for this section", noun="question"))
    timeline_exercises: tuple[str, ...] = field(default=(), metadata=content(
        EXERCISES_DOC.format("this section's timeline"), choices=EXERCISES, noun="timeline exercise"))

    def questions_about(self, document_id: str) -> list[Question]:
        return [q for q in self.questions if q.document == document_id]

    def printed_questions(self) -> list[Question]:
        """The order questions print (and are numbered) in: each document's questions right
        after the document, then the section's other questions."""
        about = [q for d in self.documents for q in self.questions_about(d.id)]
        return about + [q for q in self.questions if q.document is None]


def guide_words() -> Obj:
    """A unit's `labels`: one optional plain text per word of the message catalogue, read like
    an object's fields (made when first needed: the catalogue is a YAML file)."""
    from .labels import english_words

    return Obj("labels", "labels", "Single words the guide prints, replaced for this unit "
               "(keep any {placeholder} of the word you replace).",
               tuple(Field(key, PLAIN, f"replaces '{text}'") for key, text in english_words().items()))


@dataclass(frozen=True)
class Unit(Located):
    """One course unit: printed as one student and one teacher study guide."""

    field_order: ClassVar[tuple[str, ...]] = (
        "title", "subtitle", "course", "audience", "author", "edition", "language", "paper", "labels", "objectives",
        "introduction", "sources", "eras", "sections", "questions", "timeline_exercises", "key_dates",
        "section_breaks")

    path: Path  # the YAML file
    title: str = field(metadata=content("the title of the guide"))
    sections: tuple[Section, ...] = field(metadata=content(
        "the sections of the unit, at least one", noun="section", min_items=1))
    subtitle: str | None = field(default=None, metadata=content("a subtitle for the cover"))
    course: str | None = field(default=None, metadata=content("the course name, e.g. World History II"))
    audience: str | None = field(default=None, metadata=content("who it is for, e.g. Grades 10-12"))
    author: str | None = field(default=None, metadata=content(
        "the author or authors of the unit (also in the PDF's metadata)"))
    edition: str | None = field(default=None, metadata=content("free text, e.g. Spring 2026"))
    language: str = field(default="en", metadata=content(
        "a BCP 47 language tag: en, fr, ru, el, zh-Hans, ja, ar; chooses the words the guide prints, its "
        "date format and glossary order (see docs/languages.md)", plain=True, pattern=LANGUAGE_PATTERN))
    paper: Paper = field(default="letter", metadata=content(
        "the paper size; --paper on the command line overrides it"))
    objectives: tuple[str, ...] = field(default=(), metadata=content("the learning objectives", noun="objective"))
    introduction: str | None = field(default=None, metadata=content(
        "the text before the first section; paragraphs separated by a blank line"))
    sources: tuple[Source, ...] = field(default=(), metadata=content(
        "what the unit is based on, cited in full at the end", noun="source"))
    eras: tuple[Era, ...] = field(default=(), metadata=content("named bands on the unit timeline", noun="era"))
    questions: tuple[Question, ...] = field(default=(), metadata=content(
        "review questions for the whole unit, after the sections", noun="review question"))
    timeline_exercises: tuple[str, ...] = field(default=(), metadata=content(
        EXERCISES_DOC.format("the unit timeline"), choices=EXERCISES, noun="timeline exercise"))
    key_dates: bool = field(default=True, metadata=content(
        "whether a compact 'Key dates' list (date, label, detail) follows each timeline chart"))
    labels: tuple[tuple[str, str], ...] = field(default=(), metadata=content(  # (word key, text), sorted
        "single words the guide prints, replaced for this unit, e.g. {review_questions: Check yourself, "
        "page_of: 'p. {page}/{total}'}; the words and their {placeholders} are those of "
        "src/studyguide/locales/en.yaml (see docs/languages.md)", spec=guide_words))
    section_breaks: Literal["flow", "page"] = field(default="flow", metadata=content(
        "'flow': parts of the guide follow each other on the same page when at least a quarter page "
        "is left (only the cover and the answer key always start a page); 'page': each section, the "
        "unit timeline and the unit review start a new page (a right-hand one with --duplex), for "
        "handing sections out separately"))

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
