"""Points, the teacher's points table and answer grid, and the students' self-check page,
read back from built PDFs (pdfplumber, pypdf)."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from studyguide import model as m
from studyguide.build import BuildOptions, build_unit
from studyguide.exercises import with_timeline_exercises
from studyguide.points import points_of, tally
from studyguide.shuffle import arrange
from studyguide.validate import load_unit

from conftest import CONTENT, FIXTURES
from pdfcheck import answer_ink, page_texts

GRID_ROW = re.compile(r"^(\d+)\. (multiple choice|true/false|short answer|essay|fill in the blank|matching|"
                      r"ordering|label the timeline) (.+) (\d+)$")
UNITS = [CONTENT, FIXTURES / "units" / "ancient-greece.yaml", FIXTURES / "pdf" / "oddities.yaml"]


def _build(src: Path, out: Path, **kw) -> dict[str, Path]:
    result = build_unit(src, BuildOptions(out_dir=out, **kw))
    assert not [p for p in result.problems if p.is_error], result.problems
    return {o.path.name: o.path for o in result.outputs}


@pytest.fixture(scope="module", params=UNITS, ids=lambda p: p.stem)
def built(request, tmp_path_factory):
    src = request.param
    files = _build(src, tmp_path_factory.mktemp(src.stem), answers_at_end=True)
    unit, _ = load_unit(src)
    return arrange(with_timeline_exercises(unit)), files[f"{src.stem}.pdf"], files[f"{src.stem}-teacher.pdf"]


def _outline(pdf: Path) -> dict[str, int]:
    reader = PdfReader(str(pdf))
    return {it.title: reader.get_destination_page_number(it) for it in reader.outline if not isinstance(it, list)}


def text_of(pdf: Path, page: int) -> str:
    """A page's text in lines as they print (table rows stay on one line)."""
    with pdfplumber.open(str(pdf)) as doc:
        return doc.pages[page].extract_text()


def grid_text(pdf: Path) -> str:
    """The answer grid page's lines, read half by half when a long grid stands in two halves
    side by side (each under its "No.")."""
    with pdfplumber.open(str(pdf)) as doc:
        page = doc.pages[_outline(pdf)["Answer grid"]]
        starts = sorted(w["x0"] for w in page.extract_words() if w["text"] == "No.")
        edges = starts[1:] + [page.width]
        return "\n".join(page.crop((x0 - 1, 0, x1 - 1, page.height)).extract_text()
                         for x0, x1 in zip(starts, edges))


def grid_of(pdf: Path) -> dict[int, tuple[str, str, int]]:
    """number -> (type, answer, points) as printed on the answer grid page."""
    rows = {}
    for line in grid_text(pdf).splitlines():
        mm = GRID_ROW.match(line.strip())
        if mm:
            assert int(mm[1]) not in rows, f"question {mm[1]} is twice on the grid"
            rows[int(mm[1])] = (mm[2], mm[3], int(mm[4]))
    return rows


def circled(pdf: Path) -> list[str]:
    """The words inside the answer-ink circles of the question pages, in reading order."""
    ink = answer_ink()
    out = []
    stop = _outline(pdf)["Answer key"]
    with pdfplumber.open(str(pdf)) as doc:
        for page in doc.pages[:stop]:
            rings = [c for c in page.curves
                     if tuple(round(v, 3) for v in (c.get("stroking_color") or ())) == ink]
            for c in sorted(rings, key=lambda c: (round(c["top"]), c["x0"])):
                inside = page.within_bbox((c["x0"], c["top"], c["x1"], c["bottom"]))
                out.append(inside.extract_text().strip())
    return out


def test_grid_is_one_page_and_lists_every_question(built):
    unit, student, teacher = built
    pages = _outline(teacher)
    assert pages["Answer grid"] == len(PdfReader(str(teacher)).pages) - 1  # the last page
    grid = grid_of(teacher)
    assert sorted(grid) == list(range(1, len(unit.all_questions()) + 1))
    for n, q in enumerate(unit.all_questions(), 1):
        assert grid[n][2] == points_of(q), (n, q.prompt)


def test_grid_matches_the_answer_ink_question_by_question(built):
    """Every circled letter or True/False on the question pages is the grid's answer for
    that question, in the same order."""
    unit, _, teacher = built
    grid = grid_of(teacher)
    expected = [grid[n][1] for n, q in enumerate(unit.all_questions(), 1)
                if isinstance(q, (m.MultipleChoice, m.TrueFalse))]
    assert circled(teacher) == expected


def test_grid_answers_are_the_printed_ones(built):
    """The grid's letter is the letter under which the student edition prints the key."""
    unit, student, teacher = built
    grid = grid_of(teacher)
    body = "\n".join(page_texts(student))
    for n, q in enumerate(unit.all_questions(), 1):
        if isinstance(q, m.MultipleChoice):
            assert grid[n][1] == "ABCDEFGHIJ"[q.answer]
        if isinstance(q, m.TrueFalse):
            assert grid[n][1] == ("True" if q.answer else "False")
    assert body


def test_points_table_on_the_teacher_cover_adds_up(built):
    unit, student, teacher = built
    cover = text_of(teacher, 0)
    t = tally(unit)
    assert t.points == sum(points_of(q) for q in unit.all_questions())
    assert t.questions == len(unit.all_questions())
    assert sum(p.points for p in t.parts) == t.points
    total = re.search(r"^Total (\d+) (\d+)$", cover, re.M)
    assert total and (int(total[1]), int(total[2])) == (t.questions, t.points), cover
    rows = [(int(a), int(b)) for a, b in re.findall(r" (\d+) (\d+)$", cover, re.M)]
    assert len(rows) == len(t.parts) + 1
    assert sum(b for _, b in rows[:-1]) == rows[-1][1] and sum(a for a, _ in rows[:-1]) == rows[-1][0]
    assert "Points" not in text_of(student, 0)
    grid_total = re.search(r"^Total (\d+)$", grid_text(teacher), re.M)
    assert grid_total and int(grid_total[1]) == t.points


def test_self_check_page_closes_the_student_edition(built):
    unit, student, teacher = built
    pages = _outline(student)
    last = page_texts(student)[-1]
    assert pages["Check your answers"] == len(page_texts(student)) - 1
    grid = grid_of(teacher)
    squashed = re.sub(r"\s+", "", last)
    for n, (_kind, answer, _) in grid.items():
        if answer != "see the answer key":
            assert re.sub(r"\s+", "", f"{n}.{answer}") in squashed, (n, answer)
        else:
            assert not re.search(rf"(^|\s){n}\.\s", last), n


def test_editions_have_identical_pages_up_to_the_answer_key(built):
    unit, student, teacher = built
    s, t = page_texts(student), page_texts(teacher)
    key = _outline(teacher)["Answer key"]
    assert len(s) == key + 1  # the student's self-check page stands where the key begins
    # same page breaks: every page starts with the same words (answers aside)
    for i in range(1, key):
        assert s[i].split()[:3] == t[i].split()[:3], i


def test_default_points():
    q = dict(prompt="p")
    assert points_of(m.MultipleChoice(choices=("a", "b"), answer=0, **q)) == 1
    assert points_of(m.TrueFalse(answer=True, **q)) == 1
    assert points_of(m.ShortAnswer(answer="x", lines=4, **q)) == 4
    assert points_of(m.Essay(answer="x", lines=12, **q)) == 6
    assert points_of(m.Essay(answer="x", lines=3, **q)) == 2
    assert points_of(m.Matching(pairs=(m.Pair("a", "b"), m.Pair("c", "d"), m.Pair("e", "f")), **q)) == 3
    assert points_of(m.Ordering(items=("a", "b", "c"), **q)) == 1
    assert points_of(m.Ordering(items=("a", "b", "c"), points=5, **q)) == 5
    assert points_of(m.Essay(answer="x", points=0, **q)) == 0


def test_rebuilds_are_byte_identical(tmp_path):
    a = _build(CONTENT, tmp_path / "a", answers_at_end=True, versions=2)
    b = _build(CONTENT, tmp_path / "b", answers_at_end=True, versions=2)
    assert sorted(a) == sorted(b)
    for name in a:
        assert a[name].read_bytes() == b[name].read_bytes(), name


def test_each_version_has_its_own_grid(tmp_path):
    files = _build(CONTENT, tmp_path, versions=2, editions=("teacher",))
    unit, _ = load_unit(CONTENT)
    unit = with_timeline_exercises(unit)
    for v in "AB":
        pdf = files[f"china-russia-relations-{v}-teacher.pdf"]
        arranged = arrange(unit, v)
        grid = grid_of(pdf)
        expected = [grid[n][1] for n, q in enumerate(arranged.all_questions(), 1)
                    if isinstance(q, (m.MultipleChoice, m.TrueFalse))]
        assert circled(pdf) == expected
        for n, q in enumerate(arranged.all_questions(), 1):
            if isinstance(q, m.MultipleChoice):
                assert grid[n][1] == "ABCDEFGH"[q.answer]


def test_a_long_grid_stands_in_two_halves_at_reading_size(built):
    """A long unit's grid (the first unit: 65 questions) prints in two halves side by side
    in the small text size (10 pt, at most a little shrunk), not one column shrunk to 6 pt."""
    unit, _, teacher = built
    with pdfplumber.open(str(teacher)) as doc:
        page = doc.pages[_outline(teacher)["Answer grid"]]
        heads = [w for w in page.extract_words() if w["text"] == "No."]
        sizes = sorted(c["size"] for c in page.chars if c["top"] < page.height - 72 and c["size"] < 14)
    if len(unit.all_questions()) < 35:
        assert len(heads) == 1  # a short grid is one column
        return
    if len(unit.all_questions()) < 45:
        return  # either way, depending on the rows
    assert len(heads) == 2 and heads[1]["x0"] > page.width / 2 - 20
    assert sizes[len(sizes) // 2] >= 8.5, sizes[len(sizes) // 2]
