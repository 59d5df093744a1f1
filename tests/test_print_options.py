"""Duplex, versions and large print, checked on the PDFs they produce."""

from __future__ import annotations

import re
import subprocess
import sys

import pdfplumber
import pytest
from pypdf import PdfReader

from studyguide import model as m
from studyguide.build import BuildOptions, build_unit
from studyguide.text import plain

from conftest import CONTENT, FIXTURES, ROOT
from pdfcheck import page_texts, squash


def _build(src, out, **kw):
    result = build_unit(src, BuildOptions(out_dir=out, **kw))
    assert not [p for p in result.problems if p.is_error], result.problems
    return {o.path.name: o.path for o in result.outputs}


def _outline_pages(pdf) -> dict[str, int]:
    reader = PdfReader(str(pdf))
    return {it.title: reader.get_destination_page_number(it) + 1
            for it in reader.outline if not isinstance(it, list)}


@pytest.fixture(scope="module")
def duplex(tmp_path_factory):
    return _build(CONTENT, tmp_path_factory.mktemp("duplex"), duplex=True)


def test_duplex_only_the_answer_key_opens_on_a_right_hand_page(duplex):
    """Parts flow on (paper is what a class set costs); the answer key, which teachers pull
    out, opens on a right-hand page."""
    student = _outline_pages(duplex["china-russia-relations.pdf"])
    teacher = _outline_pages(duplex["china-russia-relations-teacher.pdf"])
    assert teacher["Answer key"] % 2 == 1
    # sections flow: some section starts on a left-hand page or below another part's end
    starts = sorted(student.values())
    assert len(set(starts)) < len(starts) or any(p % 2 == 0 for p in starts), student


def test_both_editions_break_pages_alike_up_to_the_answer_key(duplex):
    """Contents and introduction may share a page now, so the student's reserved contents
    line must be as tall as the teacher's "Answer key" line."""
    student = _outline_pages(duplex["china-russia-relations.pdf"])
    teacher = _outline_pages(duplex["china-russia-relations-teacher.pdf"])
    assert student == {k: v for k, v in teacher.items() if k in student}


def _blank_left_page_guide(tmp_path):
    """A teacher edition whose guide ends on a right-hand page, so the answer key must skip
    a left-hand page: found by trying units of growing size."""
    import yaml

    sys.path.insert(0, str(ROOT / "bench"))
    from gen import unit as generated  # bench/gen.py: realistic valid units

    for sections in range(1, 6):
        data = generated(sections, seed=sections)
        data["questions"] = [q for q in data["questions"] if len(q.get("items", "xx")) >= 2]
        src = tmp_path / f"blank-{sections}.yaml"
        src.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        out = _build(src, tmp_path / f"out-{sections}", duplex=True, editions=("teacher",))
        pdf = out[f"blank-{sections}-teacher.pdf"]
        if any(not t.strip() for t in page_texts(pdf)):
            return pdf
    raise AssertionError("no unit of 1-5 sections needed a blank page")


def test_duplex_blank_pages_carry_nothing(tmp_path):
    pdf = _blank_left_page_guide(tmp_path)
    texts = page_texts(pdf)
    outline = _outline_pages(pdf)
    opening = {outline["Answer key"], outline["Answer grid"]}
    blanks = [i for i, t in enumerate(texts, 1) if not t.strip()]
    # left-hand pages skipped so that the answer key and the answer grid open on the right
    assert all(p % 2 == 1 for p in opening)
    assert blanks and all(b % 2 == 0 and b + 1 in opening for b in blanks), (blanks, opening)
    with pdfplumber.open(str(pdf)) as doc:  # no footer rule, no number: nothing at all
        for b in blanks:
            page = doc.pages[b - 1]
            assert not (page.chars or page.lines or page.rects or page.curves)


def test_duplex_page_numbers_sit_on_the_outer_edge(duplex):
    for name in ("china-russia-relations.pdf", "china-russia-relations-teacher.pdf"):
        with pdfplumber.open(str(duplex[name])) as doc:
            sides = set()
            for page in doc.pages[1:]:
                words = page.extract_words()
                nums = [w for w in words if w["text"] == "Page"]
                if not nums:
                    continue
                x = nums[-1]["x0"]
                if page.page_number % 2:  # right-hand page: number at the right
                    assert x > page.width / 2, (name, page.page_number)
                else:
                    assert x < page.width / 2, (name, page.page_number)
                sides.add(page.page_number % 2)
            assert sides == {0, 1}


def test_every_teacher_page_says_teacher_edition(duplex):
    texts = page_texts(duplex["china-russia-relations-teacher.pdf"])
    assert all("Teacher edition" in t for t in texts[1:] if t.strip())
    assert not any("Teacher edition" in t for t in page_texts(duplex["china-russia-relations.pdf"]))


def test_duplex_margins_mirror(duplex):
    with pdfplumber.open(str(duplex["china-russia-relations.pdf"])) as pdf:
        lefts = {}
        for page in pdf.pages[2:8]:
            xs = [c["x0"] for c in page.chars]
            lefts[page.page_number % 2] = min(lefts.get(page.page_number % 2, 1e9), min(xs))
    assert lefts[1] > lefts[0] + 10  # right-hand pages have the wider inner margin on the left


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    return _build(CONTENT, tmp_path_factory.mktemp("versions"), versions=3)


def _question_order(pdf, unit: m.Unit) -> list[str]:
    """Prompts of the unit in the order they are printed in the questions part."""
    text = squash("".join(page_texts(pdf)))
    prompts = [squash(plain(q.prompt.split(m.BLANK)[0])) for q in unit.all_questions()]
    return sorted(prompts, key=lambda p: text.find(p))


def test_versions_shuffle_questions_but_keep_them_all(versions):
    from studyguide.validate import load_unit

    unit, _ = load_unit(CONTENT)
    names = [f"china-russia-relations-{v}.pdf" for v in "ABC"]
    assert all(n in versions for n in names)
    orders = []
    for n in names:
        text = squash("".join(page_texts(versions[n])))
        for q in unit.all_questions():
            assert squash(plain(q.prompt.split(m.BLANK)[0])) in text
        orders.append(_question_order(versions[n], unit))
        assert all(f"Version {n[-5]}" in t for t in page_texts(versions[n])[1:])
    assert len({tuple(order) for order in orders}) == 3  # A, B and C all differ


def test_each_versions_answer_key_matches_its_own_order(versions):
    """Each multiple-choice answer in a version's key has the letter under which that version
    prints the right choice, and the number that version gives the question."""
    from studyguide.validate import load_unit

    unit, _ = load_unit(CONTENT)
    mcs = [q for q in unit.all_questions() if isinstance(q, m.MultipleChoice)]
    for v in "ABC":
        teacher = versions[f"china-russia-relations-{v}-teacher.pdf"]
        texts = page_texts(teacher)
        key_start = _outline_pages(teacher)["Answer key"] - 1
        body = squash("".join(texts[:key_start]))
        # lines kept apart ("|") so a group title ending in a year cannot run into a number
        key = "|".join(squash(line) for t in texts[key_start:] for line in t.splitlines())
        for q in mcs:
            right = squash(plain(q.choices[q.answer]))
            # in the key: "N. [multiple choice] X. right answer", the answer possibly wrapped
            wrapped = r"\|?".join(re.escape(c) for c in right)
            mk = re.search(r"(?:^|\|)(\d+)\.\[multiplechoice\]([A-Z])\." + wrapped, key)
            assert mk, (v, q.prompt)
            number, letter = mk.groups()
            # on the page: question N lists the right answer under that letter
            start = body.find(squash(plain(q.prompt)))
            assert body[:start].endswith(f"{number}."), (v, number, q.prompt)
            assert f"{letter}{right}" in body[start:start + 2000], (v, letter, right)


def test_large_print_body_text_is_16pt_or_more(tmp_path):
    files = _build(FIXTURES / "pdf" / "oddities.yaml", tmp_path, large_print=True)
    with pdfplumber.open(str(files["oddities-large.pdf"])) as pdf:
        sizes = [round(c["size"], 1) for p in pdf.pages[2:] for c in p.chars]
    body = max(set(sizes), key=sizes.count)
    assert body >= 16


def test_versions_option_is_checked_on_the_command_line():
    out = subprocess.run([sys.executable, "-m", "studyguide", "build", "--versions", "27", "x.yaml"],
                         capture_output=True, text=True)
    assert out.returncode == 2
    assert "between 1 and 26" in out.stderr


@pytest.mark.parametrize("paper,sheet", [("letter", (792, 612)), ("a4", (841.89, 595.28))])
def test_booklet_sheets_are_landscape_and_keep_body_text_size(tmp_path, paper, sheet):
    files = _build(FIXTURES / "pdf" / "oddities.yaml", tmp_path, booklet=True, paper=paper)
    booklet = files["oddities-booklet.pdf"]
    reader = PdfReader(str(booklet))
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(sheet, abs=0.01)
    with pdfplumber.open(str(booklet)) as pdf:
        sizes = [round(c["size"] * c["matrix"][0], 1) for p in pdf.pages for c in p.chars]
    body = max(set(sizes), key=sizes.count)
    assert body >= 10  # pages are laid out at half size, not shrunk
    # every page of the half-size guide is there once, in saddle-stitch order: its footers
    # ("Page i of n", none on the cover) read, side by side, n|1, 2|n-1, ... padded to 4s
    footers = [[int(i) for i, _ in re.findall(r"Page (\d+) of (\d+)", t)] for t in page_texts(booklet)]
    n = max(max(f) for f in footers if f)
    padded = -(-n // 4) * 4
    expected = []
    for s in range(padded // 4):
        expected += [[padded - 2 * s, 2 * s + 1], [2 * s + 2, padded - 1 - 2 * s]]
    assert footers == [[p for p in side if 1 < p <= n] for side in expected]


def test_flashcards_are_written_on_request(tmp_path):
    files = _build(FIXTURES / "pdf" / "oddities.yaml", tmp_path, flashcards=True)
    cards = files["oddities-flashcards.pdf"]
    text = squash("".join(page_texts(cards)))
    for term in ("Legalism", "Silk Road", "abdication"):
        assert squash(term) in text
