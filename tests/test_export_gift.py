"""GIFT read back with a strict parser and compared with the model; escaping fuzzed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, strategies as st

from studyguide import model as m
from studyguide.exercises import with_timeline_exercises
from studyguide.export import Job
from studyguide.export.gift import export, question
from studyguide.export.markup import text
from studyguide.export.printed import number_questions
from studyguide.validate import load_unit

from conftest import CONTENT, FIXTURES
from giftparse import GiftError, html_text, parse

EVERY = FIXTURES / "export" / "every-type.yaml"
ODD = FIXTURES / "pdf" / "oddities.yaml"


def plain_html(value: str) -> str:
    """What the model's text says once its markup is rendered (compare with html_text)."""
    return " ".join(text(value).split())


def exported(path: Path):
    unit, _ = load_unit(path)
    unit = with_timeline_exercises(unit)
    return unit, export(Job(unit))


def check(q: m.Question, g) -> None:
    assert g.feedback == (None if q.explanation is None else g.feedback)
    if q.explanation:
        assert html_text(g.feedback) == plain_html(q.explanation)
    if isinstance(q, m.MultipleChoice):
        assert g.kind == "multichoice"
        assert html_text(g.text) == plain_html(q.prompt)
        assert [(ok, html_text(c)) for ok, c in g.choices] == [
            (i == q.answer, plain_html(c)) for i, c in enumerate(q.choices)]
    elif isinstance(q, m.TrueFalse):
        assert (g.kind, g.value) == ("truefalse", q.answer)
    elif isinstance(q, (m.ShortAnswer, m.Essay)):
        assert g.kind == "essay" and html_text(g.text) == plain_html(q.prompt)
        assert q.answer not in g.text + (g.feedback or "")  # the model answer is the teacher's
    elif isinstance(q, m.FillInBlank):
        before, _, after = q.prompt.partition(m.BLANK)
        assert g.kind == "shortanswer" and g.answers == [text(q.answer)]
        assert html_text(g.text).strip() == plain_html(before)
        assert html_text(g.after).strip() == plain_html(after)
    elif isinstance(q, m.Matching):
        assert g.kind == "matching"
        assert [(html_text(a), b) for a, b in g.pairs] == [(plain_html(p.left), text(p.right)) for p in q.pairs]
    else:
        raise AssertionError(f"{q.kind} should have been left out")


@pytest.mark.parametrize("path", [EVERY, ODD, CONTENT], ids=["every-type", "oddities", "first"])
def test_gift_reads_back_as_the_model(path):
    unit, result = exported(path)
    sources = Job(unit).sources
    parsed = parse(result.data.decode("utf-8"))
    kept = [(n, sec, q) for n, sec, q in number_questions(unit)
            if not isinstance(q, (m.Ordering, m.LabelTimeline))]
    assert len(parsed) == len(kept)
    for (n, sec, q), g in zip(kept, parsed):
        assert g.title.startswith(f"{n}. ")
        assert g.category.endswith(f"/{sec}. {unit.sections[sec - 1].title}" if sec else "/Unit review")
        source = sources.before(q)  # a question about a document starts with it
        assert g.text.startswith(source)
        g.text = g.text[len(source):]
        check(q, g)
    left_out = [n for n, _, q in number_questions(unit) if isinstance(q, (m.Ordering, m.LabelTimeline))]
    if left_out:
        assert result.notes and all(f"{n} (" in result.notes[0] for n in left_out)


def test_every_type_fixture_has_every_gift_kind():
    _, result = exported(EVERY)
    kinds = {g.kind for g in parse(result.data.decode("utf-8"))}
    assert kinds == {"multichoice", "truefalse", "essay", "shortanswer", "matching"}


TRICKY = st.text(alphabet=st.sampled_from(list("~=#{}:\\/->*_ aZ<&\n") + ["\u05e9", "\u4e1d", "\u00e9"]),
                 min_size=1, max_size=30).filter(lambda s: text(s).strip() and "___" not in s)


@given(prompt=TRICKY, choices=st.lists(TRICKY, min_size=2, max_size=4, unique_by=lambda s: text(s)),
       answer=st.integers(0, 3), explanation=st.none() | TRICKY)
def test_gift_escaping_survives_every_special_character(prompt, choices, answer, explanation):
    q = m.MultipleChoice(prompt=prompt, choices=tuple(choices), answer=answer % len(choices),
                         explanation=explanation)
    g, = parse(question(q, 1))
    check(q, g)


@given(before=TRICKY, after=TRICKY, answer=TRICKY)
@example(before="a", after="b", answer="x->y")  # always tried: Moodle's matching arrow
def test_gift_fill_in_answers_survive_every_special_character(before, after, answer):
    q = m.FillInBlank(prompt=f"{before} {m.BLANK} {after}", answer=answer)
    if "->" in text(answer):  # Moodle would read a matching question: it is left out, and says so
        assert question(q, 1) is None
        return
    g, = parse(question(q, 1))
    check(q, g)


@given(lefts=st.lists(TRICKY, min_size=2, max_size=4), rights=st.lists(TRICKY, min_size=4, max_size=4))
def test_gift_matching_survives_every_special_character(lefts, rights):
    q = m.Matching(prompt="Match.", pairs=tuple(m.Pair(left=a, right=b) for a, b in zip(lefts, rights)))
    g, = parse(question(q, 1))
    check(q, g)


def test_the_parser_is_strict():
    """The reader refuses what an unescaped special character would do to Moodle."""
    for bad in ("::t::[html]a {=b ~c} d {=e ~f}", "::t::[html]a = b {=c ~d}", "::t::[html]x {=a ~b #c}"):
        with pytest.raises(GiftError):
            parse(bad)
