"""What each question is worth, and the totals per section and for the guide.

A question's `points` wins when written. Otherwise: one point for a question with one
answer (multiple choice, true/false, fill-in, ordering), one per pair of a matching
question and per blank of a label-the-timeline exercise, and for written answers one
point per line of answer space on a short answer, one per two lines on an essay (so the
default 3-line short answer is worth 3 and the default 12-line essay 6).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from . import model as m


def points_of(q: m.Question) -> int:
    """The marks a question is worth: its own `points`, else its type's default."""
    if q.points is not None:
        return q.points
    if isinstance(q, m.Matching):
        return len(q.pairs)
    if isinstance(q, m.LabelTimeline):
        return len(q.events)
    if isinstance(q, m.ShortAnswer):
        return q.lines
    if isinstance(q, m.Essay):
        return math.ceil(q.lines / 2)
    return 1


@dataclass(frozen=True)
class Part:
    """One group of questions as the guide prints them: a section or the unit review."""

    section: int | None  # index into unit.sections; None for the unit review
    questions: int
    points: int


@dataclass(frozen=True)
class Tally:
    parts: tuple[Part, ...]

    @property
    def questions(self) -> int:
        return sum(p.questions for p in self.parts)

    @property
    def points(self) -> int:
        return sum(p.points for p in self.parts)


def tally(unit: m.Unit) -> Tally:
    """Points per section (in order, those with questions) and the unit review's."""
    groups: list[tuple[int | None, tuple[m.Question, ...]]] = list(enumerate(s.questions for s in unit.sections))
    groups.append((None, unit.questions))
    return Tally(tuple(Part(i, len(qs), sum(points_of(q) for q in qs)) for i, qs in groups if qs))
