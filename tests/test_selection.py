"""Drawing questions from a bank: deterministic, every section represented, versions differ,
the answer grid follows the draw, and impossible requests fail with the numbers and write
nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from studyguide import model as m
from studyguide.exercises import with_timeline_exercises
from studyguide.selection import Request, problems, select
from studyguide.validate import load_unit

from conftest import FIXTURES

BANK = FIXTURES / "selection" / "bank.yaml"


@pytest.fixture(scope="module")
def bank() -> m.Unit:
    unit, _ = load_unit(BANK)
    assert unit is not None
    return with_timeline_exercises(unit)


def _groups(unit: m.Unit) -> list[tuple[m.Question, ...]]:
    return [s.questions for s in unit.sections] + [unit.questions]


def test_the_draw_is_deterministic_and_keeps_every_section(bank):
    groups = sum(1 for g in _groups(bank) if g)
    total = len(bank.all_questions())
    for n in range(groups, total + 1):
        req = Request(count=n)
        assert problems(bank, req, 1) == []
        one = select(bank, req, [None])[None]
        assert one == select(bank, req, [None])[None]
        assert len(one.all_questions()) == n
        assert all(g for g, full in zip(_groups(one), _groups(bank)) if full)
        # drawn questions keep their places: each section's are a subsequence of the bank's
        for g, full in zip(_groups(one), _groups(bank)):
            it = iter(full)
            assert all(any(q is f for f in it) for q in g)


def test_versions_draw_different_questions(bank):
    letters = list("ABCD")
    drawn = select(bank, Request(count=10), letters)
    sets = [frozenset(map(id, drawn[v].all_questions())) for v in letters]
    assert len(set(sets)) == 4
    assert drawn == select(bank, Request(count=10), letters)
    # 12 of 13 can be drawn 13 ways: 13 versions get all 13, none twice
    letters = [chr(65 + i) for i in range(13)]
    drawn = select(bank, Request(count=12), letters)
    assert len({frozenset(map(id, d.all_questions())) for d in drawn.values()}) == 13


def test_nothing_asked_keeps_every_question(bank):
    assert select(bank, Request(), [None, "A"]) == {None: bank, "A": bank}


def _cli(*args, cwd: Path):
    return subprocess.run([sys.executable, "-m", "studyguide", "build", "-j1", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("args, words", [
    (["--questions", "99"], ["--questions 99", "bank has", ": 13"]),
    (["--questions", "3"], ["--questions 3", "4 sections", "at least 4"]),
    (["--questions", "13", "--versions", "2"], ["2 versions", "13 of 13", "only 1 way"]),
    (["--questions", "12", "--versions", "14"], ["14 versions", "12 of 13", "only 13 way"]),
    (["--tags", "nosuchtag"], ["no question of the 13", "tags nosuchtag"]),
])
def test_impossible_requests_fail_with_numbers_and_write_nothing(tmp_path, args, words):
    out = tmp_path / "out"
    out.mkdir()
    (out / "bank.pdf").write_bytes(b"old")
    r = _cli(*args, "-o", str(out), str(BANK), cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    for w in words:
        assert w in r.stderr, (w, r.stderr)
    assert sorted(p.name for p in out.iterdir()) == ["bank.pdf"]
    assert (out / "bank.pdf").read_bytes() == b"old"


@pytest.mark.parametrize("arg", ["0", "x", "-3"])
def test_a_bad_count_is_a_command_line_error(tmp_path, arg):
    r = _cli("--questions", arg, str(BANK), cwd=tmp_path)
    assert r.returncode == 2 and "--questions" in r.stderr


def test_the_key_and_grid_follow_the_draw(tmp_path):
    """A drawn test numbers, keys and totals only the questions it prints."""
    import re

    import pdfplumber

    from studyguide.points import tally
    from studyguide.shuffle import arrange

    r = _cli("--questions", "6", "--versions", "2", "-o", str(tmp_path), str(BANK), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    unit, _ = load_unit(BANK)
    drawn = select(with_timeline_exercises(unit), Request(count=6), ["A", "B"])
    for v in "AB":
        printed = arrange(drawn[v], v, drawn)
        with pdfplumber.open(str(tmp_path / f"bank-{v}-teacher.pdf")) as pdf:
            grid = pdf.pages[-1].extract_text()
            cover = pdf.pages[0].extract_text()
            text = "".join(p.extract_text() for p in pdf.pages)
        rows = re.findall(r"^(\d+)\. ", grid, re.M)
        assert rows == [str(i) for i in range(1, 7)]
        assert re.search(rf"^Total 6 {tally(printed).points}$", cover, re.M), cover
        squashed = re.sub(r"\s+", "", text)
        for q in unit.all_questions():
            inside = re.sub(r"\s+", "", q.prompt.split("___")[0]) in squashed
            assert inside == any(q.prompt == p.prompt for p in printed.all_questions()), q.prompt


def test_a_unit_without_questions_needs_no_draw():
    from pathlib import Path as P

    empty = m.Unit(path=P("empty.yaml"), title="T", sections=(m.Section(title="S", summary="x"),))
    assert problems(empty, Request(), 1) == [] and problems(empty, Request(), 3) == []
    assert problems(empty, Request(count=1), 1)  # asking for questions from nothing is an error


def test_tags_and_difficulty_draw_only_matching_questions(bank):
    req = Request(tags=("CITIES",))
    assert problems(bank, req, 1) == []
    drawn = select(bank, req, [None])[None]
    assert sorted(q.prompt for q in drawn.all_questions()) == [
        "Which city did Suleiman besiege in 1529?", "Which city fell to the Ottomans in 1453?"]
    drawn = select(bank, Request(count=2, tags=("conquest", "geography")), [None])[None]
    assert len(drawn.all_questions()) == 2  # one from section 1, one from the review
    assert drawn.questions and drawn.sections[0].questions
    easy_hard = select(bank, Request(difficulty=("easy", "hard")), [None])[None]
    assert sorted(q.difficulty for q in easy_hard.all_questions()) == ["easy", "hard"]
    found = problems(bank, Request(tags=("nosuch",), difficulty=("easy",)), 1)
    assert len(found) == 1 and "cities, conquest, geography, rulers, war" in (found[0].hint or "")
