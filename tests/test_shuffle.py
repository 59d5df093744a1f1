"""Choice order and balanced keys: `shuffle.arrange` on real and generated units, and the
printed PDFs of the first unit read back with pdfplumber."""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from pathlib import Path

import pytest

from studyguide import model as m
from studyguide.exercises import with_timeline_exercises
from studyguide.shuffle import arrange, identity, version_letters
from studyguide.validate import load_unit

from conftest import CONTENT


def keys(unit: m.Unit) -> list[int]:
    """The printed index of each multiple-choice key, in printed order."""
    return [q.answer for q in unit.all_questions() if isinstance(q, m.MultipleChoice)]


def assert_balanced(letters: list[int], choices: list[int]) -> None:
    n = len(letters)
    if n >= 5:
        top, count = Counter(letters).most_common(1)[0]
        # a letter may only go over 40% when too few questions have other letters to give
        assert count <= max(-(-2 * n // 5), _forced(choices)), (n, Counter(letters))
    for i in range(len(letters) - 3):
        assert len(set(letters[i:i + 4])) > 1, f"run of four at {i}: {letters}"


def _forced(choices: list[int]) -> int:
    """How many keys the most used letter must carry at least (all two-choice questions: half)."""
    return -(-len(choices) // min(len(choices), min(choices))) if choices else 0


def generated(n: int, seed: int, choices=(3, 5), sections: int = 3, answer_first: bool = True) -> m.Unit:
    rng = random.Random(seed)
    secs = []
    per = [n // sections + (i < n % sections) for i in range(sections)]
    k = 0
    for s, count in enumerate(per):
        qs = []
        for _ in range(count):
            c = rng.randint(*choices)
            qs.append(m.MultipleChoice(prompt=f"Question {k} about topic {rng.random():.6f}?",
                                       choices=tuple(f"choice {k}.{j}" for j in range(c)),
                                       answer=0 if answer_first else rng.randrange(c)))
            k += 1
        secs.append(m.Section(title=f"Part {s}", summary="Text.", questions=tuple(qs)))
    return m.Unit(path=Path(f"gen-{seed}.yaml"), title="Generated", sections=tuple(secs))


@pytest.fixture(scope="module")
def first():
    unit, problems = load_unit(CONTENT)
    assert unit is not None, problems
    return with_timeline_exercises(unit)


def test_first_unit_keys_are_balanced(first):
    letters = keys(arrange(first))
    assert len(letters) >= 5
    assert_balanced(letters, [len(q.choices) for q in first.all_questions()
                              if isinstance(q, m.MultipleChoice)])
    # the typed order puts almost every key first; the printed order does not
    assert Counter(letters)[0] <= 0.4 * len(letters)


@pytest.mark.parametrize("n", range(5, 61))
def test_generated_units_have_balanced_keys(n):
    unit = generated(n, seed=n)
    letters = keys(arrange(unit))
    assert_balanced(letters, [len(q.choices) for q in unit.all_questions()])
    for v in "ABC":
        assert_balanced(keys(arrange(unit, v)), [len(q.choices) for q in unit.all_questions()])


def test_two_choice_questions_balance_as_far_as_they_can():
    unit = generated(20, seed=7, choices=(2, 2))
    letters = keys(arrange(unit))
    assert Counter(letters) == Counter({0: 10, 1: 10})
    assert_balanced(letters, [2] * 20)


def test_choices_follow_their_answer(first):
    typed = {identity(q): q for q in first.all_questions() if isinstance(q, m.MultipleChoice)}
    for v in (None, "A", "B"):
        for q in arrange(first, v).all_questions():
            if isinstance(q, m.MultipleChoice):
                t = typed[identity(q)]
                assert sorted(q.choices) == sorted(t.choices)
                assert q.choices[q.answer] == t.choices[t.answer]


@pytest.mark.parametrize("n", [5, 9, 23, 60])
def test_each_version_differs_from_version_a(n, first):
    for unit in (first, generated(n, seed=100 + n)):
        by_version = {}
        for v in version_letters(6):
            by_version[v] = {identity(q): (q.answer, len(q.choices)) for q in arrange(unit, v).all_questions()
                             if isinstance(q, m.MultipleChoice)}
        for v in "BCDEF":
            for ident, (answer, _k) in by_version[v].items():
                assert answer != by_version["A"][ident][0], (v, ident)
        # B and C differ from each other too, unless balance needs the letter
        same = [i for i, (a, k) in by_version["C"].items() if k >= 3 and a == by_version["B"][i][0]]
        assert len(same) <= 0.25 * len(by_version["C"]), same


def test_arrangement_is_deterministic_and_stable(first):
    assert arrange(first) == arrange(first)
    assert arrange(first, "B") == arrange(first, "B")
    # a question added at the end leaves every earlier question's order alone
    extra = m.MultipleChoice(prompt="A new question?", choices=("w", "x", "y", "z"), answer=0)
    grown = arrange(dataclasses.replace(first, questions=first.questions + (extra,)))
    before = [q for q in arrange(first).all_questions() if isinstance(q, m.MultipleChoice)]
    after = [q for q in grown.all_questions() if isinstance(q, m.MultipleChoice)]
    assert after[:len(before)] == before


def test_typed_order_is_not_the_printed_order(first):
    """Authors type the key first; shuffling by default must move most keys."""
    typed = [q for q in first.all_questions() if isinstance(q, m.MultipleChoice)]
    printed = [q for q in arrange(first).all_questions() if isinstance(q, m.MultipleChoice)]
    assert sum(a.choices != b.choices for a, b in zip(typed, printed)) >= len(typed) * 0.6


def test_shuffle_false_keeps_the_typed_order(tmp_path):
    """In the model and on the page, in every version and both editions."""
    import pdfplumber

    from studyguide.build import BuildOptions, build_unit

    from conftest import FIXTURES

    src = FIXTURES / "selection" / "bank.yaml"
    unit, _ = load_unit(src)
    typed = [q for q in unit.all_questions() if isinstance(q, m.MultipleChoice) and not q.shuffle]
    assert len(typed) == 1
    for v in (None, "A", "B", "C"):
        printed = {q.prompt: q for q in arrange(unit, v).all_questions()}
        assert printed[typed[0].prompt] == typed[0]
        # the others move: at least one multiple-choice question prints in another order
        assert any(q.choices != printed[q.prompt].choices for q in unit.all_questions()
                   if isinstance(q, m.MultipleChoice) and q.shuffle)
    result = build_unit(src, BuildOptions(out_dir=tmp_path))
    assert not [p for p in result.problems if p.is_error]
    for out in result.outputs:
        with pdfplumber.open(str(out.path)) as pdf:
            text = " ".join(p.extract_text() for p in pdf.pages)
        assert "A One B Two C Three D Four" in " ".join(text.split()), out.path
