"""The content format, as data: one table of fields that `validate` checks against and
`json_schema()` renders for editors, so the two can never disagree.

Each object is an `Obj` of `Field`s; a field's `spec` says what value it takes. Question
types are one `Obj` each, chosen by their `type` field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Union

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
MAX_LINES = 300  # answer space continues on the next page; 300 lines are about ten pages
MAX_POINTS = 1000
LONG_SUMMARY_WORDS = 1500
DIFFICULTIES = ("easy", "medium", "hard")
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"


@dataclass(frozen=True)
class Text:
    """Text as typed; `markup` says whether **bold** and *italic* mean anything in it."""

    markup: bool = True
    pattern: str | None = None


@dataclass(frozen=True)
class Int:
    minimum: int
    maximum: int


@dataclass(frozen=True)
class Bool:
    pass


@dataclass(frozen=True)
class Date:
    pass


@dataclass(frozen=True)
class ImagePath:
    pass


@dataclass(frozen=True)
class Choice:
    values: tuple[str, ...]


@dataclass(frozen=True)
class ListOf:
    item: "Spec"
    noun: str  # what one item is called in messages: "choice", "key term"
    min_items: int = 0


@dataclass(frozen=True)
class Field:
    name: str
    spec: "Spec"
    doc: str
    required: bool = False
    default: object = None


@dataclass(frozen=True)
class Obj:
    name: str  # its name under $defs
    noun: str  # what it is called in messages
    doc: str
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]


@dataclass(frozen=True)
class QuestionRef:
    """One of the question objects, chosen by `type`."""


Spec = Union[Text, Int, Bool, Date, ImagePath, Choice, ListOf, Obj, QuestionRef]

# --- the tables -----------------------------------------------------------------------

TEXT = Text()
PLAIN = Text(markup=False)
EXERCISES = ListOf(Choice(("ordering", "label")), "timeline exercise")
EXERCISES_DOC = ("extra exercises made from the timeline: 'ordering' (put the events in order) "
                 "and/or 'label' (write the event for each date); default none")

SOURCE = Obj("source", "source", "A work the unit is based on, cited in full at the end of the guide.", (
    Field("title", PLAIN, "the title of the work", required=True),
    Field("author", PLAIN, "its author or authors"),
    Field("publisher", PLAIN, "its publisher, journal or website"),
    Field("date", Date(), "its publication date (a DATE)"),
    Field("url", PLAIN, "its web address, printed as typed (never fetched)"),
    Field("note", TEXT, "anything else worth saying about it"),
))

ERA = Obj("era", "era", "A named band on the unit timeline.", (
    Field("label", PLAIN, "the name of the era", required=True),
    Field("start", Date(), "its first date (a DATE)", required=True),
    Field("end", Date(), "its last date (a DATE), not before start", required=True),
))

KEY_TERM = Obj("key_term", "key term", "A term students should learn; also listed in the glossary.", (
    Field("term", TEXT, "the term itself; each term once per unit (ignoring case)", required=True),
    Field("definition", TEXT, "what it means, in a sentence", required=True),
    Field("also", ListOf(PLAIN, "other name"), "other names or spellings, e.g. [Aihui, 瑷珲]"),
))

EVENT = Obj("event", "timeline event", "A dated event, or a span when it has an end.", (
    Field("date", Date(), "when it happened, or when the span began (a DATE)", required=True),
    Field("end", Date(), "when the span ended (a DATE), not before date; makes the event a span"),
    Field("label", PLAIN, "a short name shown on the chart", required=True),
    Field("detail", TEXT, "one or two sentences shown in the key-dates list"),
    Field("display", PLAIN, "text printed instead of the formatted date, e.g. '1960s'; "
                           "on a span it replaces the start date's text"),
))

FIGURE = Obj("figure", "figure", "An image printed with the section.", (
    Field("image", ImagePath(), "a PNG or JPEG file, relative to the unit's file and inside its folder",
          required=True),
    Field("caption", TEXT, "the caption printed under the image"),
    Field("alt", PLAIN, "a short description for readers who cannot see the image"),
    Field("credit", TEXT, "who made the image, and its licence"),
))

DOCUMENT_ID = r"^[A-Za-z][A-Za-z0-9_-]*$"
DOCUMENT = Obj("document", "document", "A primary source printed as a set-off excerpt; questions name it with "
               "'document: ID' and print below it.", (
    Field("id", PLAIN, "a short name questions use to refer to it (document: ID): letters, digits, - and _, "
                       "starting with a letter; each id once per unit", required=True),
    Field("title", TEXT, "the document's title", required=True),
    Field("author", TEXT, "who wrote or issued it (leave it out for an anonymous document)"),
    Field("date", Date(), "when it was written or issued (a DATE)", required=True),
    Field("source", TEXT, "where the excerpt comes from: a full citation", required=True),
    Field("text", TEXT, "the excerpt, printed as a block quote; paragraphs separated by a blank line",
          required=True),
    Field("translation_note", TEXT, "who translated it, from what, and whether the text is a summary"),
    Field("notes", TEXT, "marking notes for the teacher, printed in the answer key of the teacher edition only"),
))

PAIR = Obj("pair", "pair", "One row of a matching question: left matches right.", (
    Field("left", TEXT, "the item shown in the left column, numbered", required=True),
    Field("right", TEXT, "its match, shown shuffled in the right column, lettered", required=True),
))


def _question(kind: str, doc: str, *fields: Field) -> Obj:
    common = (
        Field("type", Choice((kind,)), "the question type", required=True),
        Field("prompt", TEXT, "the question as students read it", required=True),
    )
    extra = (
        Field("points", Int(0, MAX_POINTS), f"the marks the question is worth (0-{MAX_POINTS}), printed in "
              "both editions; default 1 (1 per pair, per short-answer line, per two essay lines)"),
        Field("explanation", TEXT, "why the answer is right, teacher edition only"),
        Field("tags", ListOf(PLAIN, "tag"), "words to draw questions by: studyguide build --tags ..."),
        Field("difficulty", Choice(DIFFICULTIES), "how hard it is, to draw questions by: "
              "studyguide build --difficulty ..."),
        Field("document", PLAIN, "the id of the document (primary source) the question is about; "
                                 "it prints below that document"),
    )
    return Obj(kind, "question", doc, common + fields + extra)


QUESTIONS = (
    _question("multiple_choice", "Pick one of several choices (students circle A, B, C, ...).",
              Field("choices", ListOf(TEXT, "choice", min_items=2), "two or more different choices",
                    required=True),
              Field("answer", TEXT, "the right choice: its exact text, or its letter A, B, C, ...",
                    required=True),
              Field("shuffle", Bool(), "false keeps the choices in the order typed (for 'all of the above' "
                    "or an ordered scale); by default they print shuffled", default=True)),
    _question("true_false", "A statement students mark true or false.",
              Field("answer", Bool(), "true or false (yes and no are read as true and false)",
                    required=True)),
    _question("short_answer", "A few lines of written answer.",
              Field("answer", TEXT, "a model answer, teacher edition only", required=True),
              Field("lines", Int(1, MAX_LINES), f"lines of answer space (1-{MAX_LINES})", default=3)),
    _question("essay", "A longer written answer.",
              Field("answer", TEXT, "guidance for marking, teacher edition only", required=True),
              Field("lines", Int(1, MAX_LINES), f"lines of answer space (1-{MAX_LINES})", default=12)),
    _question("fill_in_blank", "A sentence with one blank.",
              Field("answer", TEXT, "the word(s) for the blank", required=True)),
    _question("matching", "Match each left item with its right item.",
              Field("pairs", ListOf(PAIR, "pair", min_items=2), "two or more pairs, each side different",
                    required=True)),
    _question("ordering", "Put items in order.",
              Field("items", ListOf(TEXT, "item", min_items=2), "two or more items, in the correct order; "
                    "students see them shuffled", required=True)),
)
QUESTION_BY_TYPE = {q.name: q for q in QUESTIONS}

def _labels_obj() -> Obj:
    """One optional text per word of the message catalogue (studyguide/locales/en.yaml)."""
    from .labels import english_words

    return Obj("labels", "labels", "Single words the guide prints, replaced for this unit "
               "(keep any {placeholder} of the word you replace).",
               tuple(Field(key, PLAIN, f"replaces '{text}'") for key, text in english_words().items()))


LABELS = _labels_obj()

SECTION = Obj("section", "section", "A part of the unit: reading, terms, timeline, figures, questions.", (
    Field("title", PLAIN, "the heading of the section", required=True),
    Field("summary", TEXT, "the reading; paragraphs separated by a blank line", required=True),
    Field("key_terms", ListOf(KEY_TERM, "key term"), "terms introduced here"),
    Field("timeline", ListOf(EVENT, "timeline event"), "events charted in this section"),
    Field("figures", ListOf(FIGURE, "figure"), "images printed with the section"),
    Field("documents", ListOf(DOCUMENT, "document"), "primary sources printed with the section, "
                                                      "each followed by the questions about it"),
    Field("questions", ListOf(QuestionRef(), "question"), "review questions for this section"),
    Field("timeline_exercises", EXERCISES, EXERCISES_DOC),
))

UNIT = Obj("unit", "unit", "One course unit: printed as one student and one teacher study guide.", (
    Field("title", TEXT, "the title of the guide", required=True),
    Field("subtitle", TEXT, "a subtitle for the cover"),
    Field("course", TEXT, "the course name, e.g. World History II"),
    Field("audience", TEXT, "who it is for, e.g. Grades 10-12"),
    Field("author", TEXT, "the author or authors of the unit"),
    Field("edition", TEXT, "free text, e.g. Spring 2026"),
    Field("language", Text(markup=False, pattern=LANGUAGE_PATTERN), "a BCP 47 language tag: en, fr, ru, zh-Hans, ja",
          default="en"),
    Field("paper", Choice(("letter", "a4")), "the paper size; the --paper option overrides it", default="letter"),
    Field("labels", LABELS, "words of the guide replaced for this unit, e.g. {review_questions: Check yourself}"),
    Field("objectives", ListOf(TEXT, "objective"), "the learning objectives"),
    Field("introduction", TEXT, "the text before the first section; paragraphs separated by a blank line"),
    Field("sources", ListOf(SOURCE, "source"), "what the unit is based on"),
    Field("eras", ListOf(ERA, "era"), "bands on the unit timeline"),
    Field("sections", ListOf(SECTION, "section", min_items=1), "the sections of the unit, at least one", required=True),
    Field("questions", ListOf(QuestionRef(), "review question"), "review questions for the whole unit, after the sections"),
    Field("timeline_exercises", EXERCISES, EXERCISES_DOC + " (on the unit timeline)"),
    Field("key_dates", Bool(), "whether a compact 'Key dates' list follows each timeline chart", default=True),
    Field("section_breaks", Choice(("flow", "page")),
          "'flow': parts follow on the same page when a quarter page is left; 'page': each section, "
          "the unit timeline and the unit review start a new page", default="flow"),
))

# --- JSON Schema ------------------------------------------------------------------------

DATE_DOC = ("a year (1858; negative for BCE: -221), '221 BCE', '1969-03', '1969-03-02' "
            "(unquoted 1969-03-02 too), 'March 1969', 'c. 1850' for an approximate date; there is no year 0")


def _spec_schema(spec: Spec, defs: dict[str, dict]) -> dict:
    if isinstance(spec, Text):
        out: dict = {"type": "string"}
        if spec.pattern:
            out["pattern"] = spec.pattern
        return out
    if isinstance(spec, Int):
        return {"type": "integer", "minimum": spec.minimum, "maximum": spec.maximum}
    if isinstance(spec, Bool):
        return {"type": "boolean"}
    if isinstance(spec, Date):
        return {"$ref": "#/$defs/date"}
    if isinstance(spec, ImagePath):
        return {"type": "string", "pattern": r"^(?![A-Za-z][A-Za-z0-9+.-]*:|/|\\)"}
    if isinstance(spec, Choice):
        return {"const": spec.values[0]} if len(spec.values) == 1 else {"enum": list(spec.values)}
    if isinstance(spec, ListOf):
        out = {"type": "array", "items": _spec_schema(spec.item, defs)}
        if spec.min_items:
            out["minItems"] = spec.min_items
        return out
    if isinstance(spec, QuestionRef):
        return {"$ref": "#/$defs/question"}
    assert isinstance(spec, Obj)
    if spec.name not in defs:
        defs[spec.name] = {}  # reserve first: objects may nest
        defs[spec.name] = _object_schema(spec, defs)
    return {"$ref": f"#/$defs/{spec.name}"}


def _object_schema(obj: Obj, defs: dict[str, dict]) -> dict:
    props = {}
    for f in obj.fields:
        prop = _spec_schema(f.spec, defs)
        if "$ref" in prop:
            prop = {"allOf": [prop]}
        prop["description"] = f.doc
        if f.default is not None:
            prop["default"] = f.default
        if f.required and isinstance(f.spec, Text):
            prop["minLength"] = 1
        props[f.name] = prop
    out = {
        "type": "object",
        "description": obj.doc,
        "properties": props,
        "additionalProperties": False,
    }
    required = [f.name for f in obj.fields if f.required]
    if required:
        out["required"] = required
    return out


def json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a unit file, for editors' YAML support."""
    defs: dict[str, dict] = {
        "date": {"description": "DATE: " + DATE_DOC,
                 "anyOf": [{"type": "integer", "not": {"const": 0}}, {"type": "string", "minLength": 1}]},
    }
    for q in QUESTIONS:
        _spec_schema(q, defs)
    defs["question"] = {
        "description": "A question; its fields depend on its type.",
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"enum": list(QUESTION_BY_TYPE)}},
        "oneOf": [{"$ref": f"#/$defs/{q.name}"} for q in QUESTIONS],
    }
    root = _object_schema(UNIT, defs)
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "studyguide unit (content format version 1)",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def schema_text() -> str:
    """The schema as committed in schema/studyguide.schema.json."""
    return json.dumps(json_schema(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
