"""Exercises generated from timelines: ordering questions and label-the-timeline."""

from __future__ import annotations

import re

from studyguide import model as m
from studyguide.exercises import with_timeline_exercises
from studyguide.validate import load_unit

from conftest import FIXTURES
from pdfcheck import page_texts, squash

SRC = FIXTURES / "pdf" / "oddities.yaml"


def test_generated_questions_join_the_model_as_data():
    unit, problems = load_unit(SRC)
    assert unit is not None, problems
    u = with_timeline_exercises(unit)
    added = u.sections[0].questions[len(unit.sections[0].questions):]
    kinds = [q.kind for q in added]
    assert kinds == ["ordering", "label_timeline"]
    ordering = added[0]
    starts = {e.label: e.date.axis_start() for e in unit.sections[0].timeline}
    assert [starts[i] for i in ordering.items] == sorted(starts[i] for i in ordering.items)
    assert len(set(starts[i] for i in ordering.items)) == len(ordering.items)  # one per date
    assert all(not e.is_span for e in added[1].events)


def test_label_exercise_blanks_for_students_labels_for_teachers(oddities):
    student = squash("".join(page_texts(oddities.student)))
    teacher_pages = page_texts(oddities.teacher)
    unit = with_timeline_exercises(oddities.unit)
    q = next(q for q in unit.all_questions() if isinstance(q, m.LabelTimeline))
    # both editions print the word bank
    for e in q.events:
        assert squash(e.label) in student
    # the answer key maps each number to its label, for every event of the exercise
    key = squash("".join(teacher_pages))
    answer = re.search(r"\[labelthetimeline\](.*?)(\d+\.\[|$)", key).group(1)
    for e in q.events:
        assert squash(e.label) in answer
    numbers = re.findall(r"\((\d+)\)", answer)
    assert sorted(numbers, key=int) == [str(i) for i in range(1, len(q.events) + 1)]


def test_generated_exercises_never_repeat_an_item():
    """Two events whose labels read the same ("Treaty signed", "treaty  SIGNED") would give an
    ordering question with the same item twice and an ambiguous key: one of them is dropped."""
    from pathlib import Path

    from studyguide.dates import parse_date

    labels = ["Treaty signed", "War begins", "treaty  SIGNED", "Border closed", "*War* begins", "Peace"]
    events = tuple(m.Event(parse_date(1850 + 10 * i), label) for i, label in enumerate(labels))
    unit = m.Unit(path=Path("dups.yaml"), title="T", timeline_exercises=("ordering", "label"),
                  sections=(m.Section(title="S", summary="x", timeline=events,
                                      timeline_exercises=("ordering", "label")),))
    generated = with_timeline_exercises(unit).all_questions()
    assert len(generated) == 4
    for q in generated:
        items = q.items if isinstance(q, m.Ordering) else tuple(e.label for e in q.events)
        folded = [" ".join(re.sub(r"[*_]", "", i).casefold().split()) for i in items]
        assert len(set(folded)) == len(folded) == 4, items
