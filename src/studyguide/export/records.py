"""The export's typed records: the unit as its guides print it.

These dataclasses are the one declaration of the JSON export: `to_data` turns them into
JSON values and `schema.json_schema` renders their JSON Schema from the same type hints and
field docs, so the committed schema cannot drift from what `--format json` writes.
A field whose value is None is left out of the JSON (the schema marks it optional).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

FORMAT_NAME: Literal["studyguide-export"] = "studyguide-export"
FORMAT_VERSION: Literal[1] = 1

QuestionType = Literal["multiple_choice", "true_false", "short_answer", "essay", "fill_in_blank",
                       "matching", "ordering", "label_timeline"]
EditionName = Literal["student", "teacher"]


def doc(text: str, default=None, **kw):
    """A dataclass field with its JSON Schema description."""
    return field(default=default, metadata={"doc": text}, **kw)


@dataclass(frozen=True)
class Labelled:
    """A printed item with the label printed beside it."""

    label: str = doc("the label as printed: A, B, ... for choices; 1, 2, ... for numbered items")
    text: str = doc("the text as typed: **bold** and *italic* are markup, every other character is literal")


@dataclass(frozen=True)
class Match:
    left: str = doc("the number of an item of the left column")
    right: str = doc("the letter of the answer of the right column that belongs to it")


@dataclass(frozen=True)
class Answer:
    """The correct answer, as the teacher edition marks it; only the fields of its type."""

    letter: str | None = doc("multiple choice: the letter of the correct choice as printed")
    index: int | None = doc("multiple choice: the 0-based position of the correct choice in `choices`")
    value: bool | None = doc("true/false: the correct answer")
    text: str | None = doc("short answer and essay: the model answer or marking guidance (for the teacher); "
                           "fill in the blank: the word that fills the blank")
    matches: tuple[Match, ...] | None = doc("matching: each left item with its right answer")
    ranks: tuple[int, ...] | None = doc("ordering: for each item in `items` (printed order), its place "
                                        "in the correct order, 1 first")
    blanks: tuple[Labelled, ...] | None = doc("label the timeline: the event label of each numbered blank")


@dataclass(frozen=True)
class Question:
    number: int = doc("the question's number as printed in the guide")
    type: QuestionType = doc("the question type")
    prompt: str = doc("the question text as typed; fill in the blank: ___ marks the blank")
    section: int | None = doc("the number of the section it is printed in; absent: the unit review")
    section_title: str | None = doc("the title of that section")
    points: int = doc("what the question is worth, as the guide prints it (its points, else its "
                      "type's default)")
    choices: tuple[Labelled, ...] | None = doc("multiple choice: the choices in printed order")
    left: tuple[Labelled, ...] | None = doc("matching: the numbered left column, in printed order")
    right: tuple[Labelled, ...] | None = doc("matching: the lettered right column, in printed order")
    items: tuple[str, ...] | None = doc("ordering: the items in printed order (shuffled)")
    word_bank: tuple[str, ...] | None = doc("label the timeline: the labels to choose from, as printed")
    lines: int | None = doc("short answer and essay: the lines printed for the answer")
    document: str | None = doc("the id of the document (in `documents`) the question is about")
    answer: Answer | None = doc("teacher edition only: the correct answer")
    explanation: str | None = doc("teacher edition only: the explanation printed in the answer key")


@dataclass(frozen=True)
class Guide:
    """One printed guide: an edition of the unit, or of one of its versions."""

    edition: EditionName = doc("student (no answers) or teacher")
    version: str | None = doc("the version letter (A, B, ...); absent: the guide without versions")
    file: str = doc("the PDF `studyguide build` writes for this guide")
    points: int = doc("the guide's total points", default=0)
    questions: tuple[Question, ...] = doc("every question in printed order", default=())


@dataclass(frozen=True)
class Date:
    text: str = doc("the date as printed")
    year: int = doc("the historical year: negative for BCE, never 0")
    month: int | None = doc("1-12 when the date names a month")
    day: int | None = doc("1-31 when the date names a day")
    approximate: bool = doc("printed with c. (circa)", default=False)


@dataclass(frozen=True)
class Term:
    term: str = doc("the key term")
    definition: str = doc("its definition")
    also: tuple[str, ...] = doc("other names of the term", default=())
    section: int = doc("the number of the section that introduces it")
    section_title: str = doc("the title of that section", default="")


@dataclass(frozen=True)
class TimelineEvent:
    date: Date = doc("when it happened, or when it began")
    end: Date | None = doc("when it ended (spans only)")
    label: str = doc("the event", default="")
    detail: str | None = doc("more about it")
    section: int = doc("the number of the section whose timeline has it", default=0)


@dataclass(frozen=True)
class Document:
    """A primary source, printed as a block quote with the questions about it below."""

    id: str = doc("its id, as questions name it in `document`")
    number: str = doc("its number as printed: the section's number and its place there (2.1)")
    section: int = doc("the number of the section it is printed in")
    title: str = doc("its title")
    author: str | None = doc("who wrote or said it")
    date: Date = doc("when it was written")
    source: str = doc("the citation")
    text: str = doc("the excerpt as typed; paragraphs are separated by a blank line")
    translation_note: str | None = doc("who translated or summarised it, and how")
    notes: str | None = doc("teacher's marking notes: only when a teacher guide is exported")


@dataclass(frozen=True)
class UnitInfo:
    slug: str = doc("the unit's file name without .yaml; every output file name starts with it")
    title: str = doc("the unit's title")
    subtitle: str | None = doc("its subtitle")
    course: str | None = doc("the course it belongs to")
    language: str = doc("its language (BCP 47)", default="en")
    sections: tuple[str, ...] = doc("the section titles, section 1 first", default=())


@dataclass(frozen=True)
class Export:
    """A unit exported by `studyguide export --format json`: what its guides print."""

    format: Literal["studyguide-export"] = doc("always studyguide-export")
    format_version: Literal[1] = doc("changes when a field changes meaning or goes away")
    unit: UnitInfo = doc("the unit")
    guides: tuple[Guide, ...] = doc("one per edition and version asked for", default=())
    key_terms: tuple[Term, ...] = doc("every key term, in the order of the sections", default=())
    events: tuple[TimelineEvent, ...] = doc("every timeline event, in the order of the sections",
                                            default=())
    documents: tuple[Document, ...] = doc("every primary source, in the order of the sections", default=())
