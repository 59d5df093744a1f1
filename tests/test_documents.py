"""Primary sources (`documents:`): how they are checked, and how they print.

The fixture unit differs from the first unit on purpose: another period, a Greek
excerpt, a long excerpt that must split across pages, a document without an author,
and a review question about a document of another section.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pdfplumber
import pytest

from conftest import FIXTURES, build
from pdfcheck import all_text, contains, page_texts, squash
from studyguide.validate import load_unit

UNIT = FIXTURES / "units" / "documents.yaml"


def problems_of(tmp_path: Path, body: str) -> list[str]:
    f = tmp_path / "unit.yaml"
    f.write_text(textwrap.dedent(body), encoding="utf-8")
    _, problems = load_unit(f)
    return [p.format().replace(str(f), "{f}") for p in problems]  # each with its hint


BASE = """\
title: Sources
sections:
  - title: One
    summary: Text.
    documents:
      - id: edict
        title: An edict
        author: The emperor
        date: 1793
        source: A collection of documents, p. 3
        text: We possess all things.
    questions:
      - type: short_answer
        document: {ref}
        prompt: Who is speaking?
        answer: The emperor.
  - title: Two
    summary: Text.
    documents:
      - id: letter
        title: A letter
        date: 1794
        source: An archive
        text: A reply.
    questions:
      - type: true_false
        document: letter
        prompt: It is a reply.
        answer: true
"""


def test_a_valid_reference_passes(tmp_path):
    assert problems_of(tmp_path, BASE.format(ref="edict")) == []


def test_an_unknown_document_is_an_error_with_did_you_mean(tmp_path):
    out = problems_of(tmp_path, BASE.format(ref="edikt"))
    assert out[:1] == ["{f}:14:19: error: question 1 of section 1 refers to unknown document 'edikt'\n"
                   "    did you mean 'edict'?"]


def test_a_document_of_another_section_is_an_error_naming_it(tmp_path):
    out = problems_of(tmp_path, BASE.format(ref="letter"))
    assert any("error" in line and "'letter'" in line and "section 2" in line for line in out), out


def test_review_questions_may_name_any_document(tmp_path):
    body = BASE.format(ref="edict") + textwrap.dedent("""\
        questions:
          - type: short_answer
            document: letter
            prompt: Compare the two.
            answer: They differ.
        """)
    assert problems_of(tmp_path, body) == []


def test_every_problem_of_the_documents_in_one_run(tmp_path):
    body = """\
    title: Sources
    sections:
      - title: One
        summary: Text.
        documents:
          - id: 2bad id
            title: A
            date: 1800
            source: S
            text: T
          - id: dated
            title: B
            date: 1969-02-30
            source: S
            text: T
          - id: same
            date: 1800
            source: S
            text: T
          - id: twice
            title: D
            date: 1800
            source: S
            text: T
          - id: twice
            title: E
            date: 1800
            source: S
            text: T
            note: typo
          - id: twice
            title: F
            date: 1800
            source: S
            text: T
        questions:
          - type: true_false
            document: twice
            prompt: P
            answer: true
    """
    out = problems_of(tmp_path, body)
    assert [line.split(": error: ")[0] for line in out] == [
        "{f}:6:13", "{f}:13:15", "{f}:16:9", "{f}:30:9", "{f}:31:13"], out
    assert "'2bad id'" in out[0] and "not a valid date" in out[1]
    assert "missing required field 'title'" in out[2]
    assert "unknown field 'note'" in out[3] and "did you mean 'notes'?" in out[3]
    assert "already used at line 20" in out[4]


def test_a_document_no_question_uses_is_a_warning(tmp_path):
    body = BASE.format(ref="edict").replace("        document: letter\n", "")
    out = problems_of(tmp_path, body)
    assert any(": warning: " in line and "'letter'" in line for line in out), out


# --- print ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(UNIT, tmp_path_factory.mktemp("documents"))


def _lines(path: Path):
    """(page, text, x0, top) of every text line."""
    out = []
    with pdfplumber.open(str(path)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            for line in page.extract_text_lines():
                out.append((number, line["text"], line["x0"], line["top"]))
    return out


def _find(lines, text):
    return next(i for i, line in enumerate(lines) if text in line[1])


def test_the_excerpt_prints_as_an_indented_block_quote_with_its_attribution(built):
    lines = _lines(built.student)
    body = lines[_find(lines, "Pericles spoke at the public funeral")]
    quote = lines[_find(lines, "Our constitution does not copy")]
    assert quote[2] > body[2] + 15  # set off from the reading
    attribution = lines[_find(lines, "Thucydides, History of the Peloponnesian War")]
    assert attribution[1].startswith("\u2014")
    assert attribution[2] > body[2] + 15
    assert (attribution[0], attribution[3]) > (quote[0], quote[3])
    assert contains(built.student, "Source: Thucydides 2.37, translated by Richard Crawley (1874)")
    assert contains(built.student, "Translation note: Crawley's translation of 1874")


def test_questions_print_below_their_document_and_the_rest_under_review_questions(built):
    lines = _lines(built.student)
    order = [_find(lines, t) for t in (
        "Primary sources", "Document 1.1", "Our constitution does not copy",
        "Who is speaking in this document", "Document 1.2", "Review questions",
        "When did the war begin")]
    assert order == sorted(order)


def test_numbers_follow_print_order_in_the_questions_and_the_answer_grid(built):
    """The review question written first prints after the documents' questions, and the
    teacher's answer grid numbers it as printed."""
    lines = _lines(built.student)
    assert lines[_find(lines, "Who is speaking in this document")][1].startswith("1.")
    assert lines[_find(lines, "When did the war begin")][1].startswith("3.")
    grid = [line[1] for line in _lines(built.teacher) if line[0] == len(page_texts(built.teacher))]
    assert any(re.match(r"3\. multiple choice [A-C] 1$", row) for row in grid), grid


def test_a_long_excerpt_splits_across_pages_and_keeps_its_rule(built):
    lines = _lines(built.student)
    first = lines[_find(lines, "The long record begins")]
    last = lines[_find(lines, "The long record ends")]
    assert last[0] > first[0]
    with pdfplumber.open(str(built.student)) as pdf:
        for number in (first[0], last[0]):
            rules = [ln for ln in pdf.pages[number - 1].lines
                     if abs(ln["x0"] - ln["x1"]) < 0.5 and ln["x0"] < first[2]]
            assert rules, f"no rule beside the quote on page {number}"


def test_marking_notes_print_in_the_teacher_edition_only(built):
    note = "Reward answers that see Pericles praising Athens to its own mourners"
    assert contains(built.teacher, note)
    assert not contains(built.student, note)
    assert len(page_texts(built.teacher)) - len(page_texts(built.student)) >= 1


def test_both_editions_share_the_pages_before_the_answer_key(built):
    student, teacher = page_texts(built.student), page_texts(built.teacher)
    key = next(i for i, t in enumerate(teacher) if "Answer key" in t and i > 2)
    for i in range(2, key):
        assert squash(student[i])[:60] == squash(teacher[i])[:60], f"page {i + 1} differs"


def test_a_review_question_names_the_document_it_is_about(built):
    assert contains(built.student, "About Document 2.1 (Letter of Philip II to the Athenians)")


def test_a_document_without_author_prints_title_and_date(built):
    assert "—Letter of Philip II to the Athenians, 340 BCE" in squash(" ".join(page_texts(built.student))) \
        or contains(built.student, "\u2014 Letter of Philip II to the Athenians, 340 BCE")
    assert all_text(built.student).count(squash("Document 2.1")) >= 2
