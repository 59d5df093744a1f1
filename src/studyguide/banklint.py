"""Lint for the question bank: habits that let a student score without knowing the answer.

Each check is a warning (an error with `--strict`), positioned where the author fixes it:
the key is the longest choice in most questions; a choice copies a key term's definition
word for word; the same question twice; the answer printed in its own prompt; true/false
keys all one way; timeline events whose labels read the same, which a generated exercise
would print twice (the exercise drops the later one).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from . import model as m
from .problems import Problem, warning
from .text import plain

LONGEST_MIN = 3          # multiple-choice questions (of 3+ choices) before "longest key" is judged
TRUE_FALSE_MIN = 3       # true/false questions before "all one way" is judged
DEFINITION_MIN_WORDS = 5  # a shorter overlap with a definition is a coincidence, not a copy


def _words(text: str) -> str:
    """Text as a run of words: markup, case, accents' forms, punctuation and spacing aside."""
    text = unicodedata.normalize("NFC", plain(text)).casefold()
    return " ".join(re.findall(r"\w+", text))


def _contains(haystack: str, needle: str) -> bool:
    return bool(needle) and f" {needle} " in f" {haystack} "


def _quote(text: str, limit: int = 50) -> str:
    text = " ".join(plain(text).split())
    return f"'{text if len(text) <= limit else text[:limit - 1] + '…'}'"


def _questions(unit: m.Unit) -> Iterator[m.Question]:
    yield from unit.all_questions()


def _line(q: m.Located) -> str:
    return f"line {q.pos.line}" if q.pos.line else "?"


def longest_key(unit: m.Unit) -> list[Problem]:
    mcs = [q for q in _questions(unit) if isinstance(q, m.MultipleChoice) and len(q.choices) >= 3]
    if len(mcs) < LONGEST_MIN:
        return []
    longest = [q for q in mcs
               if all(len(plain(q.choices[q.answer])) > len(plain(c)) for i, c in enumerate(q.choices)
                      if i != q.answer)]
    if len(longest) * 2 <= len(mcs):
        return []
    lines = ", ".join(_line(q) for q in longest)
    return [warning(longest[0].pos_of("choices"),
                    f"the right choice is the longest in {len(longest)} of {len(mcs)} multiple-choice "
                    f"questions ({lines}); students learn to pick the longest",
                    "make the wrong choices as long and as specific as the right one, or shorten it")]


def definition_copies(unit: m.Unit) -> list[Problem]:
    definitions = [(t, _words(t.definition)) for _, t in unit.all_terms()]
    out = []
    for q in _questions(unit):
        if not isinstance(q, m.MultipleChoice):
            continue
        for i, choice in enumerate(q.choices):
            words = _words(choice)
            for term, definition in definitions:
                short, long_ = sorted((words, definition), key=len)
                if len(short.split()) >= DEFINITION_MIN_WORDS and _contains(long_, short):
                    which = "the right choice" if i == q.answer else f"choice {chr(65 + i)}"
                    out.append(warning(q.pos_of(f"choices[{i}]"),
                                       f"{which} {_quote(choice)} repeats the definition of the key term "
                                       f"{_quote(term.term)} word for word",
                                       "students spot a sentence copied from the glossary; say it in other "
                                       "words"))
                    break
    return out


def duplicates(unit: m.Unit) -> list[Problem]:
    seen: dict[tuple[str, str], m.Question] = {}
    out = []
    for q in _questions(unit):
        if isinstance(q, m.LabelTimeline):
            continue
        key = (q.kind, _words(q.prompt))
        first = seen.setdefault(key, q)
        if first is not q:
            out.append(warning(q.pos_of("prompt"), f"this question repeats the one at {_line(first)}",
                               "delete one, or ask something else"))
    return out


def _in_prompt(q: m.Question) -> str | None:
    """The answer's text when it stands in the question's own prompt."""
    if isinstance(q, m.MultipleChoice):
        answer = q.choices[q.answer]
        prompt = q.prompt
    elif isinstance(q, m.FillInBlank):
        answer, prompt = q.answer, q.prompt.replace(m.BLANK, " ")
    else:
        return None
    words = _words(answer)
    if len(words) < 3 or not _contains(_words(prompt), words):
        return None
    if isinstance(q, m.MultipleChoice) and any(_contains(_words(prompt), _words(c))
                                               for i, c in enumerate(q.choices) if i != q.answer):
        return None  # "Was it X or Y?": every choice is in the prompt, none is given away
    return answer


def answer_in_prompt(unit: m.Unit) -> list[Problem]:
    out = []
    for q in _questions(unit):
        answer = _in_prompt(q)
        if answer is not None:
            out.append(warning(q.pos_of("prompt"), f"the prompt contains its own answer {_quote(answer)}",
                               "reword the prompt so it does not give the answer away"))
    return out


def true_false_one_way(unit: m.Unit) -> list[Problem]:
    tfs = [q for q in _questions(unit) if isinstance(q, m.TrueFalse)]
    if len(tfs) < TRUE_FALSE_MIN or len({q.answer for q in tfs}) > 1:
        return []
    word = "true" if tfs[0].answer else "false"
    return [warning(tfs[-1].pos_of("answer"),
                    f"all {len(tfs)} true/false questions are {word}; students who notice score full marks",
                    f"turn some statements round so that their answer is {'false' if tfs[0].answer else 'true'}")]


def repeated_labels(unit: m.Unit) -> list[Problem]:
    """Events a generated exercise would show twice (it keeps the earliest)."""
    from .exercises import same_label

    groups: list[tuple[tuple[str, ...], list[m.Event]]] = [
        (s.timeline_exercises, list(s.timeline)) for s in unit.sections]
    groups.append((unit.timeline_exercises, unit.all_events()))
    out: list[Problem] = []
    reported: set[int] = set()
    for kinds, events in groups:
        if not kinds:
            continue
        first: dict[str, m.Event] = {}
        for e in sorted(events, key=lambda e: e.date.axis_start()):
            earlier = first.setdefault(same_label(e.label), e)
            if earlier is not e and id(e) not in reported:
                reported.add(id(e))
                out.append(warning(e.pos_of("label"),
                                   f"the label {_quote(e.label)} reads the same as the event at "
                                   f"{_line(earlier)}; the timeline exercise leaves this one out",
                                   "give each event its own label"))
    return out


CHECKS = (longest_key, definition_copies, duplicates, answer_in_prompt, true_false_one_way, repeated_labels)


def lint(unit: m.Unit) -> list[Problem]:
    """Every question-bank warning of a unit, in the order of the checks."""
    return [p for check in CHECKS for p in check(unit)]

