"""The assessment as printed, read from `studyguide export --format json` and the PDFs of
the same build (three versions): balanced keys, letters that differ between versions,
points that add up, and an answer grid and answer ink that agree with the export.

The JSON is checked against the PDFs in test_export_json; here it stands for what the
guides print, so these checks do not trust the functions that arranged the questions.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from studyguide.build import BuildOptions, build_unit
from studyguide.cli import main

from conftest import CONTENT, FIXTURES
from test_marking import circled, grid_of, text_of
from test_shuffle import assert_balanced

UNITS = [CONTENT, FIXTURES / "units" / "ancient-greece.yaml", FIXTURES / "units" / "documents.yaml"]
GRID_TYPE = {"true_false": "true/false", "label_timeline": "label the timeline", "fill_in_blank": "fill in the blank"}


@pytest.fixture(scope="module", params=UNITS, ids=lambda p: p.stem)
def printed(request, tmp_path_factory) -> tuple[dict, Path]:
    src = request.param
    out = tmp_path_factory.mktemp(src.stem)
    result = build_unit(src, BuildOptions(out_dir=out, versions=3))
    assert not [p for p in result.problems if p.is_error], result.problems
    assert main(["export", "--format", "json", "--versions", "3", "-o", str(out), str(src)]) == 0
    return json.loads((out / f"{src.stem}.json").read_text(encoding="utf-8")), out


def teacher_guides(data: dict) -> list[dict]:
    return [g for g in data["guides"] if g["edition"] == "teacher"]


def mc(guide: dict) -> dict[str, dict]:
    """prompt -> multiple-choice question, as this guide prints it."""
    return {q["prompt"]: q for q in guide["questions"] if q["type"] == "multiple_choice"}


def test_keys_are_balanced_in_every_version(printed):
    data, _ = printed
    for g in teacher_guides(data):
        qs = [q for q in g["questions"] if q["type"] == "multiple_choice"]
        assert_balanced([ord(q["answer"]["letter"]) - ord("A") for q in qs], [len(q["choices"]) for q in qs])
        for q in qs:  # the letter names the choice it stands beside
            assert q["choices"][q["answer"]["index"]]["label"] == q["answer"]["letter"]


def test_every_version_gives_each_question_another_letter_than_a(printed):
    data, _ = printed
    a, *others = teacher_guides(data)
    assert a["version"] == "A" and [g["version"] for g in others] == ["B", "C"]
    for g in others:
        assert sorted(mc(g)) == sorted(mc(a))
        for prompt, q in mc(g).items():
            assert q["answer"]["letter"] != mc(a)[prompt]["answer"]["letter"], (g["version"], prompt)


def test_student_and_teacher_guides_print_the_same_questions(printed):
    data, _ = printed
    by = {(g["edition"], g["version"]): g for g in data["guides"]}
    for v in "ABC":
        s, t = by[("student", v)], by[("teacher", v)]
        strip = lambda g: [{k: q[k] for k in q if k not in ("answer", "explanation")}  # noqa: E731
                           for q in g["questions"]]
        assert strip(s) == strip(t) and s["points"] == t["points"]


def test_the_grid_prints_what_the_export_says(printed):
    data, out = printed
    for g in teacher_guides(data):
        pdf = out / g["file"]
        grid = grid_of(pdf)
        assert sorted(grid) == [q["number"] for q in g["questions"]]
        for q in g["questions"]:
            kind, answer, points = grid[q["number"]]
            assert kind == GRID_TYPE.get(q["type"], q["type"].replace("_", " "))
            assert points == q["points"]
            if q["type"] == "multiple_choice":
                assert answer == q["answer"]["letter"], (g["file"], q["number"])
            if q["type"] == "true_false":
                assert answer == ("True" if q["answer"]["value"] else "False")
        ink = [q["answer"]["letter"] if q["type"] == "multiple_choice" else str(q["answer"]["value"])
               for q in g["questions"] if q["type"] in ("multiple_choice", "true_false")]
        assert circled(pdf) == ink, g["file"]  # the circles on the question pages, in order


def test_points_add_up_to_the_total_on_the_teacher_cover(printed):
    data, out = printed
    for g in teacher_guides(data):
        assert g["points"] == sum(q["points"] for q in g["questions"]) > 0
        total = re.search(r"^Total (\d+) (\d+)$", text_of(out / g["file"], 0), re.M)
        assert total and (int(total[1]), int(total[2])) == (len(g["questions"]), g["points"])


def test_the_letters_are_not_the_typed_order(printed):
    """Authors tend to type the key first; the printed keys must not give that away."""
    data, _ = printed
    letters = Counter(q["answer"]["letter"] for g in teacher_guides(data) for q in mc(g).values())
    if sum(letters.values()) >= 5:
        assert letters["A"] <= 0.4 * sum(letters.values())
