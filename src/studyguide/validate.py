"""Check one unit file and build its typed model, reporting every problem at once.

Two passes over the position-keeping tree from `yamlsafe`:
1. the schema (the field tables in `schema`, derived from the model classes): unknown, missing, empty and wrongly typed
   fields, each value read the way its field needs it (text as typed, so `answer: no`
   stays "no" where text belongs);
2. cross-field checks, run only on objects that passed the first pass, so one mistake
   never causes a cascade of confusing follow-ups.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from . import schema as S
from .dates import DateError, HistDate, parse_date
from .model import (
    BLANK, DOCUMENT_ID, Document, Era, Event, FillInBlank, KeyTerm, Matching, MultipleChoice, Ordering, Pair,
    Question, Section, Source, Unit,
)
from .problems import Pos, Problem, error, warning
from .images import image_problem
from .invisible import comparable, is_blank, printed
from .text import markup_in
from .yamlsafe import INVALID, Map, Node, Scalar, Seq, describe, load_yaml, visible


def load_unit(path: Path) -> tuple[Unit | None, list[Problem]]:
    """Read, check and model one YAML unit. Unit is None when any error was found.
    Never raises for content problems (only for bugs)."""
    path = Path(path)
    root, problems = load_yaml(path)
    if root is None:
        return None, problems
    checker = _Checker(path)
    unit = checker.unit(root)
    problems = problems + checker.problems
    if unit is FAIL or any(p.is_error for p in problems):
        return None, problems
    from .banklint import lint

    return unit, problems + lint(unit)  # habits that give answers away: warnings


# --- reading values ---------------------------------------------------------------------


class _Sentinel:
    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


FAIL: Any = _Sentinel("FAIL")  # a problem was reported
ABSENT: Any = _Sentinel("ABSENT")  # empty or null: as if not written


@dataclass(frozen=True)
class Ctx:
    """How messages name an object: `long` for itself, `short` as a parent of others."""

    long: str
    short: str

    def child(self, noun: str, number: int) -> "Ctx":
        name = f"{noun} {number}" + (f" of {self.short}" if self.short else "")
        return Ctx(name, name)


UNIT_CTX = Ctx("the unit", "")


@dataclass
class Rec:
    """The fields of one object that passed the schema, with their positions."""

    values: dict[str, Any]
    where: dict[str, Pos]
    pos: Pos
    ctx: Ctx
    texts: dict[str, str] = field(default_factory=dict)  # scalar fields as typed, for messages

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


LONG_SUMMARY_WORDS = 1500  # a summary longer than this gets a warning
_TRUE = {"true", "yes", "on"}
_INT = re.compile(r"[-+]?[0-9]+")
# control characters (category Cc) but tab and newline, and lone surrogates (Cs)
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_DAY = re.compile(r"(-?\d{4})-(\d\d?)-(\d\d?)")
_TYPE_ALIASES = {
    "mc": "multiple_choice", "mcq": "multiple_choice", "choice": "multiple_choice",
    "tf": "true_false", "truefalse": "true_false", "true/false": "true_false", "boolean": "true_false",
    "short": "short_answer", "text": "short_answer", "long_answer": "essay",
    "fill_in": "fill_in_blank", "fill_in_the_blank": "fill_in_blank", "blank": "fill_in_blank",
    "cloze": "fill_in_blank",
    "match": "matching", "order": "ordering", "sequence": "ordering", "sort": "ordering",
}
_LANGUAGES = {"english": "en", "french": "fr", "german": "de", "spanish": "es", "chinese": "zh",
              "japanese": "ja", "russian": "ru", "greek": "el", "latin": "la", "korean": "ko",
              "italian": "it", "portuguese": "pt", "arabic": "ar"}


def _norm(text: str) -> str:
    """For comparisons that should ignore case, spacing and invisible characters."""
    return comparable(text)


def _suggest(word: str, options: list[str]) -> str | None:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        lowered = {o.lower(): o for o in options}
        return lowered.get(word.lower().replace("-", "_").replace(" ", "_"))
    return close[0]


def _quote(text: str, limit: int = 60) -> str:
    return f"'{visible(text, limit)}'"


def _nfc(value: Any) -> Any:
    """Text in composed form (NFC): an accent typed or pasted decomposed ('e' + U+0302)
    prints as the precomposed letter instead of a mark drawn over its neighbour. Positions
    are kept per field, so messages still point at what was typed."""
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


class _Checker:
    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []
        self.terms: dict[str, KeyTerm] = {}
        self.documents: dict[str, Document] = {}

    def unit(self, root: Node) -> Any:
        return self.obj(root, S.UNIT, "the unit", UNIT_CTX)

    def err(self, pos: Pos, message: str, hint: str | None = None) -> Any:
        self.problems.append(error(pos, message, hint))
        return FAIL

    def warn(self, pos: Pos, message: str, hint: str | None = None) -> None:
        self.problems.append(warning(pos, message, hint))

    # -- one value of any spec --

    def read(self, node: Node, spec: S.Spec, label: str, ctx: Ctx) -> Any:
        """The value of `node` read as `spec`; ABSENT when empty, FAIL when reported."""
        if isinstance(node, Scalar) and node.tag == INVALID:
            return FAIL
        if isinstance(node, Scalar) and node.is_null:
            return ABSENT
        if isinstance(spec, S.Text):
            return _nfc(self.text(node, spec, label))
        if isinstance(spec, S.Int):
            return self.integer(node, spec, label)
        if isinstance(spec, S.Bool):
            return self.boolean(node, label)
        if isinstance(spec, S.Date):
            return self.date(node, label)
        if isinstance(spec, S.ImagePath):
            text = self.text(node, S.PLAIN, label)
            return text if text in (FAIL, ABSENT) else self.image(text, node.pos, ctx)
        if isinstance(spec, S.Choice):
            return self.choice(node, spec, label)
        if isinstance(spec, S.ListOf):
            return self.seq(node, spec, label, ctx)
        if isinstance(spec, S.QuestionRef):
            return self.question(node, label, ctx)
        return self.obj(node, spec, label, ctx)

    def text(self, node: Node, spec: S.Text, label: str) -> Any:
        if not isinstance(node, Scalar):
            hint = ("write it as one text; for several paragraphs use '|' and indent the lines below it"
                    if isinstance(node, Seq) else
                    "if the text contains ': ', put the whole text in quotes")
            return self.err(node.pos, f"{label} must be text, not {describe(node)}", hint)
        text = printed(node.text).strip()  # a soft hyphen or zero-width space prints nothing
        if is_blank(text):  # only spaces and invisible characters: nothing to print
            return ABSENT
        found = _INVISIBLE.search(text)
        bad = found.group() if found else None
        if bad is not None:
            return self.err(node.pos, f"{label} contains the invisible character U+{ord(bad):04X}",
                            "delete it (it often comes from copying text out of a PDF or a word processor)")
        if not spec.markup and "*" in text and markup_in(text):
            self.warn(node.pos, f"{label} prints as typed: ** and * are not markup here",
                      "remove the stars; bold and italic work in summaries, definitions, prompts "
                      "and answers, not in titles, labels and citations")
        if spec.pattern and not re.fullmatch(spec.pattern, text):  # only `language` has a pattern
            tag = _LANGUAGES.get(text.lower())
            return self.err(node.pos, f"{label} must be a language tag such as en or zh-Hans, not {_quote(text)}",
                            f"did you mean '{tag}'?" if tag else "use a BCP 47 tag such as en, fr, ru, zh-Hans, ja")
        return text

    def integer(self, node: Node, spec: S.Int, label: str) -> Any:
        if not (isinstance(node, Scalar) and node.tag == "int" and _INT.fullmatch(node.text)):
            hint = None
            if isinstance(node, Scalar) and node.quoted and _INT.fullmatch(node.text.strip()):
                hint = "remove the quotes"
            return self.err(node.pos, f"{label} must be a whole number, not {describe(node)}", hint)
        value = int(node.text) if len(node.text) < 12 else None  # no 5,000-digit conversions
        if value is None or not spec.minimum <= value <= spec.maximum:
            hint = "about 28 lines fill a page; longer answer space continues on the next page" \
                if spec.maximum == S.MAX_LINES else None
            return self.err(node.pos, f"{label} must be from {spec.minimum} to {spec.maximum}, "
                                      f"not {visible(node.text, 20)}", hint)
        return value

    def boolean(self, node: Node, label: str) -> Any:
        if not (isinstance(node, Scalar) and node.tag == "bool"):
            hint = "write true or false"
            if isinstance(node, Scalar) and node.quoted and node.text.strip().lower() in _TRUE | {"false", "no", "off"}:
                hint = "remove the quotes"
            return self.err(node.pos, f"{label} must be true or false, not {describe(node)}", hint)
        return node.text.lower() in _TRUE

    def date(self, node: Node, label: str) -> Any:
        if not isinstance(node, Scalar):
            return self.err(node.pos, f"{label} must be a date, not {describe(node)}", "DATE: " + S.DATE_DOC)
        value: object = node.text.strip()
        if node.tag == "int" and _INT.fullmatch(node.text) and len(node.text) < 12:
            value = int(node.text)
        elif node.tag == "float":
            try:
                value = float(node.text)
            except ValueError:
                pass
        elif node.tag == "bool":
            value = node.text.lower() in _TRUE
        elif node.tag == "timestamp":
            day = _DAY.fullmatch(node.text.strip())
            if day:
                try:
                    value = datetime.date(*(int(g) for g in day.groups()))
                except ValueError:
                    pass  # 1969-02-30: let parse_date say what is wrong with the text
        try:
            date = parse_date(value)
        except DateError as exc:
            return self.err(node.pos, f"{label} is not a valid date: {exc.message}", exc.hint)
        except ValueError:  # parse_date should raise DateError only; never let a date crash validate
            return self.err(node.pos, f"{label} is not a valid date: {_quote(node.text)} is not a date",
                            "DATE: " + S.DATE_DOC)
        if date.year == 0:  # parse_date refuses it too; never let it through
            return self.err(node.pos, f"{label} is not a valid date: there is no year 0",
                            "1 BCE is followed by 1 CE")
        return date

    def choice(self, node: Node, spec: S.Choice, label: str) -> Any:
        options = " or ".join(f"'{v}'" for v in spec.values)
        if not isinstance(node, Scalar):
            return self.err(node.pos, f"{label} must be {options}, not {describe(node)}")
        text = node.text.strip()
        if text in spec.values:
            return text
        close = _suggest(text, list(spec.values))
        return self.err(node.pos, f"{label} must be {options}, not {_quote(text)}",
                        f"did you mean '{close}'?" if close else None)

    def seq(self, node: Node, spec: S.ListOf, label: str, ctx: Ctx) -> Any:
        if not isinstance(node, Seq):
            if isinstance(node, Map):
                hint = "a list has one item per line, each starting with '- '"
            else:
                hint = "write it as a list: one item per line, each starting with '- ' (or [a, b] on one line)"
            return self.err(node.pos, f"{label} must be a list, not {describe(node)}", hint)
        items: list[tuple[Any, Pos]] = []
        ok = True
        for number, item in enumerate(node.items, 1):
            item_ctx = ctx.child(spec.noun, number)
            value = self.read(item, spec.item, item_ctx.long, item_ctx)
            if value is ABSENT:
                value = self.err(item.pos, f"{item_ctx.long} is empty",
                                 "write something after the '- ', or delete the line")
            if value is FAIL:
                ok = False
            items.append((value, item.pos))
        if not ok:
            return FAIL
        if len(items) < spec.min_items:
            need = {1: "one", 2: "two"}.get(spec.min_items, str(spec.min_items))
            plural = "s" if spec.min_items > 1 else ""
            return self.err(node.pos, f"{label} needs at least {need} {spec.noun}{plural}, not {len(items)}")
        return items

    def obj(self, node: Node, obj: S.Obj, label: str, ctx: Ctx) -> Any:
        if not isinstance(node, Map):
            needed = ", ".join(f"{f.name}:" for f in obj.fields if f.required and f.name != "type")
            return self.err(node.pos, f"{label} must be fields ({needed} ...), not {describe(node)}",
                            "write each field on its own line as 'name: value'")
        if obj is S.SECTION:  # name the section by its title, as the teacher does
            title = node.get("title")
            if title and isinstance(title.value, Scalar) and title.value.text.strip():
                ctx = Ctx(f'{ctx.long} ("{visible(title.value.text)}")', ctx.short)
        rec = Rec({}, {}, node.pos, ctx)
        ok = not node.broken
        suggested: set[str] = set()
        for entry in node.entries:
            f = obj.field(entry.key)
            if f is None:
                suggested.add(self.unknown_field(entry.key, entry.key_pos, obj, ctx) or "")
                ok = False
                continue
            value = self.read(entry.value, f.spec, f"'{f.name}' in {ctx.long}", ctx)
            if value is FAIL:
                ok = False
                continue
            if value is ABSENT:
                if f.required:
                    self.err(entry.value.pos, f"'{f.name}' in {ctx.long} is empty")
                    ok = False
                continue
            if isinstance(f.spec, S.ListOf):
                for number, (_, pos) in enumerate(value):
                    rec.where[f"{f.name}[{number}]"] = pos
                value = tuple(v for v, _ in value)
            rec.values[f.name] = value
            rec.where[f.name] = entry.value.pos
            if isinstance(entry.value, Scalar):
                rec.texts[f.name] = entry.value.text.strip()
        for f in obj.fields:
            # a misspelt field was reported with its right name; a refused '<<' hides fields
            if f.required and node.get(f.name) is None and f.name not in suggested and not node.broken:
                self.err(node.pos, f"missing required field '{f.name}' in {ctx.long}", f"add '{f.name}:', {f.doc}")
                ok = False
        if not ok:
            return FAIL
        if obj.cls is None:  # a unit's labels: named texts, not a model object
            return _check_labels(self, rec)
        check = _CHECKS.get(obj.cls)
        return check(self, rec) if check else make(obj.cls, rec)

    def unknown_field(self, key: str, pos: Pos, obj: S.Obj, ctx: Ctx) -> str | None:
        """Report it; return the field it was probably meant to be."""
        close = _suggest(key, obj.names)
        key = visible(key, 60)
        if close:
            hint = f"did you mean '{close}'?"
        elif obj.noun == "question" and any(q.field(key) for q in S.QUESTIONS):
            owners = [q.name for q in S.QUESTIONS if q.field(key)]
            hint = f"'{key}' belongs to {' and '.join(owners)} questions; this one is {obj.name}"
        else:
            hint = f"the fields of a {obj.noun} are: {', '.join(obj.names)}"
        self.err(pos, f"unknown field {_quote(key)} in {ctx.long}", hint)
        return close

    def question(self, node: Node, label: str, ctx: Ctx) -> Any:
        types = list(S.QUESTION_BY_TYPE)
        if not isinstance(node, Map):
            return self.err(node.pos, f"{label} must be fields (type:, prompt:, ...), not {describe(node)}",
                            "write each field on its own line as 'name: value'")
        entry = node.get("type")
        if entry is None:
            return self.err(node.pos, f"{ctx.long} has no 'type'", f"add type: one of {', '.join(types)}")
        value = entry.value
        if isinstance(value, Scalar) and value.tag == INVALID:
            return FAIL
        if not isinstance(value, Scalar) or not value.text.strip():
            return self.err(value.pos, f"'type' in {ctx.long} must be one of {', '.join(types)}")
        kind = value.text.strip()
        if kind not in S.QUESTION_BY_TYPE:
            close = _TYPE_ALIASES.get(kind.lower().replace(" ", "_").replace("-", "_")) or _suggest(kind, types)
            hint = f"did you mean '{close}'?" if close else f"the types are: {', '.join(types)}"
            return self.err(value.pos, f"unknown question type {_quote(kind)} in {ctx.long}", hint)
        return self.obj(node, S.QUESTION_BY_TYPE[kind], label, ctx)

    # -- images --

    def image(self, value: str, pos: Pos, ctx: Ctx) -> Any:
        """The image file as an absolute path inside the unit's folder, and a PNG or JPEG."""
        name = f"image {_quote(value)} in {ctx.long}"
        if re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", value) or value.startswith(("data:", "//", "www.")):
            return self.err(pos, f"{name} is a web address",
                            "images are never downloaded: save the file in the unit's folder and give its name")
        if os.path.isabs(value) or value.startswith("\\") or re.match(r"[A-Za-z]:[\\/]", value):
            return self.err(pos, f"{name} is an absolute path",
                            "give the path relative to the unit's file, e.g. images/map.png, "
                            "and keep the image in the unit's folder")
        try:
            return self._image_file(value, pos, name)
        except (OSError, ValueError, RuntimeError) as exc:  # a name too long, a link loop, ...
            return self.err(pos, f"{name} cannot be read: {getattr(exc, 'strerror', None) or exc}")

    def _image_file(self, value: str, pos: Pos, name: str) -> Any:
        folder = self.path.parent.resolve()
        candidate = folder / value
        target = candidate.resolve()
        if not target.is_relative_to(folder):
            how = "a link to a file" if ".." not in Path(value).parts else "a path leading"
            return self.err(pos, f"{name} is outside the unit's folder",
                            f"it is {how} outside {self.path.parent}; copy the image into the unit's folder "
                            "(or a subfolder) and give its path from there")
        if not target.exists():
            if "\\" in value:
                return self.err(pos, f"{name} does not exist",
                                f"write / between folder names: '{value.replace(chr(92), '/')}'")
            near = []
            if candidate.parent.is_dir():
                files = sorted(p.name for p in candidate.parent.iterdir() if p.is_file())
                near = difflib.get_close_matches(candidate.name, files, n=1)
            hint = f"looked for {self.path.parent / value}" + (f"; did you mean '{near[0]}'?" if near else "")
            return self.err(pos, f"{name} does not exist", hint)
        if target.is_dir():  # a FIFO or device is refused by image_problem, which opens it
            return self.err(pos, f"{name} is a folder, not an image file")
        problem = image_problem(target)
        if problem:
            message, hint = problem
            return self.err(pos, f"{name} {message}", hint)
        return target


# --- from fields to model objects ------------------------------------------------------------
# Each field read above becomes the attribute of the same name; a field not written is
# left to the class's default. Checks that involve more than one field are small
# functions per class, run on objects whose fields all passed.


def make(cls: type, rec: Rec, **values: Any) -> Any:
    """An instance of model class `cls` from the fields in `rec`; `values` override them."""
    names = {f.name for f in dataclasses.fields(cls) if f.init}
    given = {k: v for k, v in rec.values.items() if k in names}
    return cls(**{**given, **values}, pos=rec.pos, where=dict(rec.where))


LINK_SCHEMES = ("http", "https", "mailto")  # a source's url becomes a live link in the PDF


def _check_source(c: _Checker, rec: Rec) -> Any:
    url = rec.get("url")
    if url is not None:
        scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", url)
        if not scheme or scheme.group(1).lower() not in LINK_SCHEMES:
            shown = f"'{scheme.group(1)}:'" if scheme else "none"
            return c.err(rec.where["url"], f"'url' in {rec.ctx.long} must be a web or mail address "
                                           f"(http:, https: or mailto:), not {_quote(url)} (scheme: {shown})",
                         "write the full address as a browser shows it, e.g. https://example.org/page; "
                         "a book or an archive file has no url: name it in 'title' or 'note'")
    return make(Source, rec)


def _span_ok(c: _Checker, rec: Rec, start_name: str) -> bool:
    start, end = rec.get(start_name), rec.get("end")
    if end is None or end.axis_end() > start.axis_start():
        return True
    c.err(rec.where["end"], f"'end' ({rec.texts['end']}) is before '{start_name}' ({rec.texts[start_name]}) "
                            f"in {rec.ctx.long}", "swap them, or correct the one that is wrong")
    return False


def _check_era(c: _Checker, rec: Rec) -> Any:
    if not _span_ok(c, rec, "start"):
        return FAIL
    return make(Era, rec)


def _check_event(c: _Checker, rec: Rec) -> Any:
    if not _span_ok(c, rec, "date"):
        return FAIL
    date: HistDate = rec.get("date")
    if rec.get("display"):
        date = dataclasses.replace(date, display=rec.get("display"))
    return make(Event, rec, date=date)


def _check_key_term(c: _Checker, rec: Rec) -> Any:
    term: KeyTerm = make(KeyTerm, rec)
    first = c.terms.get(_norm(term.term))
    if first is not None:
        return c.err(rec.where["term"],
                     f"key term {_quote(term.term)} is already defined at line {first.pos_of('term').line}",
                     "define each term once; put other names or spellings under 'also'")
    c.terms[_norm(term.term)] = term
    return term


def _check_document(c: _Checker, rec: Rec) -> Any:
    doc: Document = make(Document, rec)
    if not re.fullmatch(DOCUMENT_ID, doc.id):
        return c.err(rec.where["id"], f"the id {_quote(doc.id)} of {rec.ctx.long} is not a short name",
                     "use letters, digits, - and _, starting with a letter, e.g. peking-1860")
    first = c.documents.get(doc.id)
    if first is not None:
        return c.err(rec.where["id"], f"document id {_quote(doc.id)} is already used at line {first.pos_of('id').line}",
                     "give each document its own id")
    c.documents[doc.id] = doc
    return doc


def _repeats(c: _Checker, rec: Rec, name: str, values: tuple[str, ...], noun: str) -> bool:
    """Report each value equal (ignoring case and spacing) to an earlier one."""
    seen: dict[str, int] = {}
    ok = True
    for i, value in enumerate(values):
        key = _norm(value)
        if key in seen:
            c.err(rec.where[f"{name}[{i}]"], f"{noun} {i + 1} of {rec.ctx.short} repeats {noun} {seen[key] + 1} "
                                             f"({_quote(value)})", f"each {noun} must be different")
            ok = False
        else:
            seen[key] = i
    return ok


def _answer_index(answer: str, choices: tuple[str, ...]) -> int | str:
    """Index of the right choice: its exact text, its letter, or its text ignoring case."""
    if answer in choices:
        return choices.index(answer)
    letter = re.fullmatch(r"\(?([A-Za-z])[).]?", answer)
    if letter:
        index = ord(letter.group(1).upper()) - ord("A")
        return index if index < len(choices) else "beyond"
    loose = [i for i, ch in enumerate(choices) if _norm(ch) == _norm(answer)]
    return loose[0] if len(loose) == 1 else "none"


def _check_multiple_choice(c: _Checker, rec: Rec) -> Any:
    choices: tuple[str, ...] = rec.get("choices")
    if not _repeats(c, rec, "choices", choices, "choice"):
        return FAIL
    answer: str = rec.get("answer")
    index = _answer_index(answer, choices)
    last = chr(ord("A") + len(choices) - 1)
    if index == "beyond":
        return c.err(rec.where["answer"],
                     f"answer {_quote(answer)} is beyond the choices of {rec.ctx.long} (A to {last})",
                     f"the letters of its {len(choices)} choices are A to {last}")
    if index == "none":
        close = difflib.get_close_matches(answer, list(choices), n=1, cutoff=0.5)
        hint = (f"did you mean {_quote(close[0])}?" if close else
                f"give the exact text of one of the choices, or its letter (A to {last})")
        return c.err(rec.where["answer"], f"answer {_quote(answer)} is not one of the choices of {rec.ctx.long}", hint)
    return make(MultipleChoice, rec, answer=int(index))


def _check_fill_in_blank(c: _Checker, rec: Rec) -> Any:
    prompt: str = rec.get("prompt")
    blanks = len(re.findall(r"_{3,}", prompt))
    if blanks != 1:
        what = "has no blank" if blanks == 0 else f"has {blanks} blanks"
        return c.err(rec.where["prompt"],
                     f"the prompt of {rec.ctx.long} {what}; a fill-in question has exactly one ('___')",
                     "write three underscores where the answer goes, e.g. 'Vladivostok was founded in ___.'")
    return make(FillInBlank, rec, prompt=re.sub(r"_{3,}", BLANK, prompt))


def _check_matching(c: _Checker, rec: Rec) -> Any:
    pairs: tuple[Pair, ...] = rec.get("pairs")
    ok = True
    for side in ("left", "right"):
        seen: dict[str, int] = {}
        for i, pair in enumerate(pairs):
            key = _norm(getattr(pair, side))
            if key in seen:
                c.err(pair.pos_of(side), f"pair {i + 1} of {rec.ctx.short} repeats the {side} side of pair "
                                         f"{seen[key] + 1} ({_quote(getattr(pair, side))})",
                      "each side of a matching question must be different")
                ok = False
            else:
                seen[key] = i
    return make(Matching, rec) if ok else FAIL


def _check_ordering(c: _Checker, rec: Rec) -> Any:
    items: tuple[str, ...] = rec.get("items")
    if not _repeats(c, rec, "items", items, "item"):
        return FAIL
    return make(Ordering, rec)


def _exercises(rec: Rec) -> dict[str, Any]:
    """A timeline exercise named twice counts once."""
    if "timeline_exercises" not in rec.values:
        return {}
    return {"timeline_exercises": tuple(dict.fromkeys(rec.values["timeline_exercises"]))}


def _check_section(c: _Checker, rec: Rec) -> Any:
    if not rec.get("questions", ()) and not rec.get("timeline_exercises", ()):  # exercises are questions too
        c.warn(rec.pos, f"{rec.ctx.long} has no questions", "add a few review questions under 'questions:'")
    words = len(rec.get("summary").split())
    if words > LONG_SUMMARY_WORDS:
        c.warn(rec.where["summary"], f"the summary of {rec.ctx.long} is very long ({words:,} words)",
               f"more than {LONG_SUMMARY_WORDS:,} words is hard to study from; consider splitting the section")
    return make(Section, rec, **_exercises(rec))


def _question_texts(q: Question) -> list[str]:
    texts = [q.prompt]
    if isinstance(q, MultipleChoice):
        texts += q.choices
    if isinstance(q, Matching):
        texts += [t for p in q.pairs for t in (p.left, p.right)]
    if isinstance(q, Ordering):
        texts += q.items
    answer = getattr(q, "answer", None)
    if isinstance(answer, str):
        texts.append(answer)
    if isinstance(q, FillInBlank):  # "Lev ___." answered "Karakhan" asks about Lev Karakhan
        texts.append(q.prompt.replace(BLANK, q.answer, 1))
    return texts


def _check_unit(c: _Checker, rec: Rec) -> Any:
    unit: Unit = make(Unit, rec, path=c.path, **_exercises(rec))
    _check_language(c, rec, unit.language)
    _check_document_refs(c, unit)
    asked = _norm(" \n ".join(t for q in unit.all_questions() for t in _question_texts(q)))
    for _, term in unit.all_terms():
        if not any(_norm(name) in asked for name in (term.term, *term.also)):
            c.warn(term.pos_of("term"), f"key term {_quote(term.term)} is not used by any question",
                   "ask about it in a question: its name (or one of its 'also' names) in a prompt, "
                   "choice, pair, item or answer")
    return unit


def _check_document_refs(c: _Checker, unit: Unit) -> None:
    """Every `document:` names a document: of its own section, or any for a review question;
    a document no question names gets a warning."""
    home = {d.id: si for si, s in enumerate(unit.sections) for d in s.documents}
    used: set[str] = set()
    asked: list[tuple[int | None, str, Question]] = [(si, f"question {qi + 1} of section {si + 1}", q)
             for si, s in enumerate(unit.sections) for qi, q in enumerate(s.questions)]
    asked += [(None, f"review question {qi + 1}", q) for qi, q in enumerate(unit.questions)]
    for si, name, q in asked:
        if q.document is None:
            continue
        used.add(q.document)
        if q.document not in home:
            close = _suggest(q.document, sorted(home))
            hint = (f"did you mean '{close}'?" if close else
                    f"the documents of this unit are: {', '.join(sorted(home))}" if home else
                    "add the document under 'documents:' in the section, or delete this line")
            c.err(q.pos_of("document"), f"{name} refers to unknown document {_quote(q.document)}", hint)
        elif si is not None and home[q.document] != si:
            c.err(q.pos_of("document"), f"{name} refers to document {_quote(q.document)} of section "
                                        f"{home[q.document] + 1}",
                  f"move the question to section {home[q.document] + 1}, or to the unit's 'questions:' "
                  "(review questions may refer to any document)")
    for _, doc in unit.all_documents():
        if doc.id not in used:
            c.warn(doc.pos_of("id"), f"document {_quote(doc.id)} is not used by any question",
                   f"add a question with 'document: {doc.id}' (2 or 3 on sourcing, context and perspective)")


def _check_language(c: _Checker, rec: Rec, language: str) -> None:
    """A language without a message catalogue still builds, with the guide's words in English."""
    from .labels import available, resolve

    if "language" in rec.where and resolve(language) is None:
        c.warn(rec.where["language"], f"no message catalogue for language {_quote(language)}: the guide's "
               "own words (headings, labels, footer) will print in English",
               f"use one of {', '.join(available())}, or add src/studyguide/locales/{language}.yaml "
               "(see CONTRIBUTING.md, 'Languages and words')")


def _check_labels(c: _Checker, rec: Rec) -> Any:
    """The unit's own words; each may use only the {placeholders} of the word it replaces."""
    from .labels import english_words, placeholders

    english = english_words()
    ok = True
    for key, text in rec.values.items():
        extra = placeholders(text) - placeholders(english[key])
        if extra:
            allowed = ", ".join("{" + p + "}" for p in sorted(placeholders(english[key]))) or "none"
            c.err(rec.where[key], f"'{key}' in labels has {{{sorted(extra)[0]}}}, which the guide cannot fill in",
                  f"the placeholders of '{key}' are: {allowed}")
            ok = False
    return tuple(sorted(rec.values.items())) if ok else FAIL


# checks of more than one field; a class without one is built by `make` alone
_CHECKS: dict[type, Callable[[_Checker, Rec], Any]] = {
    Source: _check_source, Era: _check_era, Event: _check_event, KeyTerm: _check_key_term,
    Document: _check_document, MultipleChoice: _check_multiple_choice, FillInBlank: _check_fill_in_blank,
    Matching: _check_matching, Ordering: _check_ordering, Section: _check_section, Unit: _check_unit,
}
