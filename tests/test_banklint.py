"""The question-bank lint: each check fires on a fixture of its own, at the line to fix,
as a warning (`validate` exits 0, `--strict` exits 1), and stays silent on good units."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from studyguide.banklint import lint
from studyguide.validate import load_unit

from conftest import CONTENT, FIXTURES, ROOT

BANK = FIXTURES / "bank"
CASES = {
    "longest-key.yaml": (9, "the right choice is the longest in 3 of 3 multiple-choice questions"),
    "definition-copy.yaml": (13, "repeats the definition of the key term 'shogun' word for word"),
    "duplicate-question.yaml": (13, "this question repeats the one at line 6"),
    "answer-in-prompt.yaml": (7, "the prompt contains its own answer 'The Hanseatic League'"),
    "true-false-one-way.yaml": (14, "all 3 true/false questions are true"),
    "repeated-labels.yaml": (10, "reads the same as the event at line 7"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_lint_fires_on_its_fixture_and_only_there(name: str) -> None:
    unit, problems = load_unit(BANK / name)
    assert unit is not None
    assert [(p.pos.line, p.is_error) for p in problems] == [(CASES[name][0], False)], \
        [p.format() for p in problems]
    assert CASES[name][1] in problems[0].message
    assert problems[0].hint


@pytest.mark.parametrize("name", sorted(CASES))
def test_lint_is_a_warning_and_an_error_with_strict(name: str) -> None:
    path = str(BANK / name)
    plain = subprocess.run([sys.executable, "-m", "studyguide", "validate", path], capture_output=True, text=True)
    strict = subprocess.run([sys.executable, "-m", "studyguide", "validate", "--strict", path],
                            capture_output=True, text=True)
    assert plain.returncode == 0 and f"{path}:{CASES[name][0]}:" in plain.stdout and "warning" in plain.stdout
    assert strict.returncode == 1


GOOD = [CONTENT, ROOT / "src" / "studyguide" / "starter.yaml", *sorted((FIXTURES / "units").glob("*.yaml")),
        FIXTURES / "pdf" / "oddities.yaml"]


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_lint_is_silent_on_good_units(path: Path) -> None:
    unit, problems = load_unit(path)
    assert unit is not None
    assert [p.format() for p in lint(unit)] == []


def test_two_choices_in_the_prompt_give_nothing_away() -> None:
    """'Lübeck or Venice?' names every choice: not a giveaway."""
    unit, _ = load_unit(BANK / "answer-in-prompt.yaml")
    assert unit is not None
    assert len(lint(unit)) == 1
