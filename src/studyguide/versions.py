"""Shuffled versions of a unit (A, B, C, ...) for tests where neighbours should differ.

A version is just another model: questions reordered within each section and the unit
review, multiple-choice choices reordered (the answer follows its choice). Matching
columns and ordering items are shuffled at layout time with the version in the seed.
Everything is seeded by the unit and the letter, so a version is the same every build.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
import string

from . import model as m

MAX_VERSIONS = 26


def version_letters(n: int) -> list[str]:
    return list(string.ascii_uppercase[:n])


def _rng(*parts: str) -> random.Random:
    return random.Random(hashlib.sha256("\x00".join(parts).encode("utf-8")).digest())


def _shuffle_question(q: m.Question, seed: str) -> m.Question:
    if isinstance(q, m.MultipleChoice):
        order = list(range(len(q.choices)))
        _rng(seed, "choices", q.prompt).shuffle(order)
        return dataclasses.replace(q, choices=tuple(q.choices[i] for i in order),
                                   answer=order.index(q.answer))
    return q


def _shuffle_questions(qs: tuple[m.Question, ...], seed: str, where: str) -> tuple[m.Question, ...]:
    out = [_shuffle_question(q, seed) for q in qs]
    _rng(seed, "questions", where).shuffle(out)
    return tuple(out)


def make_version(unit: m.Unit, letter: str) -> m.Unit:
    seed = f"{unit.slug}\x00{letter}"
    sections = tuple(dataclasses.replace(s, questions=_shuffle_questions(s.questions, seed, f"s{i}"))
                     for i, s in enumerate(unit.sections))
    return dataclasses.replace(unit, sections=sections,
                               questions=_shuffle_questions(unit.questions, seed, "review"))
