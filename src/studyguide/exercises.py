"""Exercises generated from timeline data (`timeline_exercises: [ordering, label]`).

They become ordinary questions in the model, numbered and answered like the rest, so the
layout, the answer key and the shuffled versions treat them like any other question.
"""

from __future__ import annotations

import dataclasses
import unicodedata

from . import model as m
from .dates import format_span
from .text import plain

MAX_ORDERING_ITEMS = 6
MAX_LABELS = 12


def same_label(label: str) -> str:
    """Labels that read the same to a student ("Treaty signed", "treaty  SIGNED") compare equal."""
    return " ".join(unicodedata.normalize("NFC", plain(label)).casefold().split())


def _spread(events: list[m.Event], k: int) -> list[m.Event]:
    """k events spread evenly over the timeline, one per date so the order is unambiguous,
    and one per label: a label printed twice would make the key ambiguous (the earliest stays)."""
    by_date: dict[float, m.Event] = {}
    labels: set[str] = set()
    for e in sorted(events, key=lambda e: (e.date.axis_start(), e.label)):
        if e.date.axis_start() in by_date or same_label(e.label) in labels:
            continue
        by_date[e.date.axis_start()] = e
        labels.add(same_label(e.label))
    distinct = list(by_date.values())
    if len(distinct) <= k:
        return distinct
    return [distinct[round(i * (len(distinct) - 1) / (k - 1))] for i in range(k)]


def ordering_from(events: list[m.Event], where: m.Located) -> m.Ordering | None:
    chosen = _spread(events, MAX_ORDERING_ITEMS)
    if len(chosen) < 3:
        return None
    dates = "; ".join(f"{format_span(e.date, e.end)} {e.label}" for e in chosen)
    return m.Ordering(prompt="Put these events from the timeline in order, earliest first.",
                      items=tuple(e.label for e in chosen), explanation=f"Dates: {dates}.",
                      pos=where.pos_of("timeline_exercises"))


def label_from(events: list[m.Event], key: str, where: m.Located) -> m.LabelTimeline | None:
    points = [e for e in events if not e.is_span]
    chosen = _spread(points, MAX_LABELS)
    if len(chosen) < 2:
        return None
    return m.LabelTimeline(prompt="Label the timeline: write the right event from the word bank at "
                                  "each numbered blank.",
                           events=tuple(chosen), chart_key=key, pos=where.pos_of("timeline_exercises"))


def _generated(kinds: tuple[str, ...], events: list[m.Event], key: str, where: m.Located) -> tuple:
    out: list[m.Question | None] = []
    if "ordering" in kinds:
        out.append(ordering_from(events, where))
    if "label" in kinds:
        out.append(label_from(events, key, where))
    return tuple(q for q in out if q is not None)


def with_timeline_exercises(unit: m.Unit) -> m.Unit:
    """The unit with its requested timeline exercises appended to the questions."""
    sections = []
    for i, s in enumerate(unit.sections):
        extra = _generated(s.timeline_exercises, list(s.timeline), f"exercise-sec-{i + 1}", s)
        sections.append(dataclasses.replace(s, questions=s.questions + extra) if extra else s)
    extra = _generated(unit.timeline_exercises, unit.all_events(), "exercise-unit", unit)
    return dataclasses.replace(unit, sections=tuple(sections), questions=unit.questions + extra)


def label_requests(unit: m.Unit) -> list[m.LabelTimeline]:
    return [q for q in unit.all_questions() if isinstance(q, m.LabelTimeline)]
