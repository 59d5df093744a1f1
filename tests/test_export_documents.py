"""Primary sources in the exports: every question about a document carries it.

A quiz platform may show one question at a time or in another order, so each question
about a document must bring the excerpt, its attribution and source; questions about no
document must not. The unit is hostile on purpose: the excerpt holds HTML, GIFT's special
characters and a Moodle cloze gap, which must stay text in every format.
"""

from __future__ import annotations

import io
import json
import textwrap
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from studyguide.cli import main

from giftparse import html_text, parse as parse_gift

UNIT = """\
title: Edicts and Replies
language: fr
sections:
  - title: Audiences
    summary: Envoys came to court.
    documents:
      - id: edict
        title: Edict to the King
        author: The emperor
        date: 1793-10-03
        source: A collection of documents, p. 3
        translation_note: Our own summary of the edict.
        notes: Look for the tone of superiority.
        text: |
          We possess all things {1:SHORTANSWER:=nothing} and <b>need</b> none of yours: a ~ = # mark.

          A second paragraph of the edict.
    questions:
      - type: short_answer
        document: edict
        prompt: Who is speaking?
        answer: The emperor.
      - type: fill_in_blank
        document: edict
        prompt: The edict says the court possesses ___ things.
        answer: all
      - type: multiple_choice
        document: edict
        prompt: What is the tone?
        choices: [Superior, Humble]
        answer: A
      - type: true_false
        prompt: Envoys came to court.
        answer: true
"""
EXCERPT = "We possess all things {1:SHORTANSWER:=nothing} and <b>need</b> none of yours: a ~ = # mark."
ABOUT = {"Who is speaking?", "The edict says the court possesses", "What is the tone?"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    src = folder / "edicts.yaml"
    src.write_text(UNIT, encoding="utf-8")
    assert main(["export", "--format", "all", "-o", str(folder / "out"), str(src)]) == 0
    return folder / "out"


def carries_document(text: str) -> bool:
    return (EXCERPT in text and "A second paragraph of the edict." in text
            and "Document 1.1" in text and "The emperor, Edict to the King" in text
            and "A collection of documents, p. 3" in text and "Our own summary" in text)


def about(prompt: str) -> bool:
    return any(p in prompt for p in ABOUT)


def test_json_lists_the_document_and_what_is_about_it(exported):
    data = json.loads((exported / "edicts.json").read_text(encoding="utf-8"))
    [d] = data["documents"]
    assert (d["id"], d["number"], d["section"], d["date"]["year"]) == ("edict", "1.1", 1, 1793)
    assert d["notes"] == "Look for the tone of superiority."  # the teacher edition was exported
    for g in data["guides"]:
        assert [q.get("document") for q in g["questions"]] == ["edict", "edict", "edict", None]


def test_json_without_a_teacher_guide_has_no_marking_notes(tmp_path, exported):
    src = tmp_path / "edicts.yaml"
    src.write_text(UNIT, encoding="utf-8")
    assert main(["export", "--format", "json", "--edition", "student", "-o", str(tmp_path), str(src)]) == 0
    [d] = json.loads((tmp_path / "edicts.json").read_text(encoding="utf-8"))["documents"]
    assert "notes" not in d


def test_moodle_questions_carry_their_document(exported):
    quiz = etree.fromstring((exported / "edicts-moodle.xml").read_bytes(),
                            etree.XMLParser(resolve_entities=False, no_network=True))
    items = [q for q in quiz.findall("question") if q.get("type") not in ("category", "description")]
    assert len(items) == 4
    for el in items:
        body = el.findtext("questiontext/text")
        shown = html_text(body.replace("&#123;", "{").replace("&#125;", "}"))
        assert carries_document(shown) == about(shown), shown
        assert "<b>" not in body  # the excerpt's HTML is text, escaped
        if el.get("type") == "cloze":  # one gap, the blank's; the excerpt's braces are not a gap
            assert body.count("{") == 1 and "{1:SHORTANSWER:=all}" in body
    assert "Look for the tone" not in (exported / "edicts-moodle.xml").read_text(encoding="utf-8")


def test_qti_items_carry_their_document(exported):
    with zipfile.ZipFile(io.BytesIO((exported / "edicts-qti.zip").read_bytes())) as z:
        xml = next(n for n in z.namelist() if n.endswith(".xml") and n != "imsmanifest.xml")
        root = etree.fromstring(z.read(xml), etree.XMLParser(resolve_entities=False, no_network=True))
    ns = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
    items = root.findall(".//q:item", ns)
    assert len(items) == 4
    for item in items:
        shown = html_text(item.find("q:presentation/q:material/q:mattext", ns).text)
        assert carries_document(shown) == about(shown), shown


def test_gift_questions_carry_their_document_and_stay_strict_gift(exported):
    questions = parse_gift((exported / "edicts.gift").read_text(encoding="utf-8"))
    assert len(questions) == 4
    for q in questions:
        shown = html_text(q.text)
        assert carries_document(shown) == about(shown), shown
    blank = next(q for q in questions if q.kind == "shortanswer")
    assert blank.answers == ["all"]


def test_the_excerpt_prints_in_the_guide_as_the_exports_show_it(tmp_path):
    """The attribution's date is the unit's language, in the guide and in the export."""
    src = tmp_path / "edicts.yaml"
    src.write_text(textwrap.dedent(UNIT), encoding="utf-8")
    assert main(["build", "-o", str(tmp_path), str(src)]) == 0
    from pdfcheck import all_text, squash

    assert squash("3 octobre 1793") in squash(all_text(tmp_path / "edicts.pdf"))
