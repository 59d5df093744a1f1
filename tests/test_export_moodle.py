"""Moodle XML read back with lxml and compared with the model, question by question."""

from __future__ import annotations

import base64
import html
import io
import re

import pytest
from lxml import etree
from PIL import Image

from studyguide import model as m
from studyguide.charts.chart import ChartKey
from studyguide.points import points_of
from studyguide.exercises import with_timeline_exercises
from studyguide.export import Job
from studyguide.export.markup import text
from studyguide.export.moodle import export, no_gaps
from studyguide.export.printed import number_questions
from studyguide.validate import load_unit

from conftest import FIXTURES
from giftparse import html_text

EVERY = FIXTURES / "export" / "every-type.yaml"
ODD = FIXTURES / "pdf" / "oddities.yaml"
# Moodle's own pattern for a cloze gap (question/type/multianswer/questiontype.php, simplified)
CLOZE = re.compile(r"\{(\d*):(SHORTANSWER|SA|MW):=((?:\\.|[^\\}])*)\}")


def flat(value: str) -> str:
    return " ".join(text(value).split())


@pytest.fixture(scope="module", params=[EVERY, ODD], ids=["every-type", "oddities"])
def exported(request, tmp_path_factory):
    unit, _ = load_unit(request.param)
    unit = with_timeline_exercises(unit)
    job = Job(unit, cache_dir=tmp_path_factory.mktemp("cache"))
    data = export(job).data
    return unit, job, etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def t(el, path: str) -> str:
    found = el.find(path)
    return "" if found is None or found.text is None else found.text


def test_every_question_reads_back_as_the_model(exported):
    unit, job, quiz = exported
    items = [q for q in quiz.findall("question") if q.get("type") not in ("category", "description")]
    numbered = number_questions(unit)
    assert len(items) == len(numbered)
    for (n, _sec, q), el in zip(numbered, items):
        kind = el.get("type")
        assert t(el, "name/text").startswith(f"{n}. ")
        assert int(t(el, "defaultgrade")) == points_of(q)
        assert html_text(t(el, "generalfeedback/text")) == (flat(q.explanation) if q.explanation else "")
        body = t(el, "questiontext/text")
        source = job.sources.before(q)  # a question about a document starts with it
        source = no_gaps(source) if isinstance(q, m.FillInBlank) else source
        assert body.startswith(source)
        body = body[len(source):]
        prompt = html_text(body)
        if isinstance(q, m.MultipleChoice):
            assert kind == "multichoice" and prompt == flat(q.prompt)
            answers = [(a.get("fraction"), html_text(t(a, "text"))) for a in el.findall("answer")]
            assert answers == [("100" if i == q.answer else "0", flat(c)) for i, c in enumerate(q.choices)]
        elif isinstance(q, m.TrueFalse):
            right = [t(a, "text") for a in el.findall("answer") if a.get("fraction") == "100"]
            assert kind == "truefalse" and right == [str(q.answer).lower()]
        elif isinstance(q, (m.ShortAnswer, m.Essay)):
            assert kind == "essay" and prompt == flat(q.prompt)
            assert html_text(t(el, "graderinfo/text")) == flat(q.answer)
            student = t(el, "questiontext/text") + t(el, "generalfeedback/text")
            assert flat(q.answer) not in html_text(student)  # the model answer is for graders only
        elif isinstance(q, m.FillInBlank):
            raw = html.unescape(body)
            gaps = CLOZE.findall(raw)
            assert kind == "cloze" and len(gaps) == 1
            assert re.sub(r"\\(.)", r"\1", gaps[0][2]) == text(q.answer)
            before, _, after = q.prompt.partition(m.BLANK)
            outside = CLOZE.sub("\x00", body)
            assert [html_text(p) for p in outside.split("\x00")] == [flat(before), flat(after)]
        elif isinstance(q, m.Matching):
            subs = [(html_text(t(s, "text")), t(s, "answer/text")) for s in el.findall("subquestion")]
            assert kind == "matching" and subs == [(flat(p.left), flat(p.right)) for p in q.pairs]
        elif isinstance(q, m.Ordering):
            answers = sorted(el.findall("answer"), key=lambda a: float(a.get("fraction")))
            assert kind == "ordering" and [html_text(t(a, "text")) for a in answers] == [flat(i) for i in q.items]
        elif isinstance(q, m.LabelTimeline):
            blanks = job.charts[ChartKey(exercise=q.chart_key, mode="blanks")].blanks
            subs = [(t(s, "text"), t(s, "answer/text")) for s in el.findall("subquestion")]
            assert kind == "matching" and subs == [(f"({num})", flat(label)) for num, label in blanks]
            assert len(el.findall("questiontext/file")) == 1


def test_categories_follow_the_sections(exported):
    unit, _, quiz = exported
    cats = [t(q, "category/text") for q in quiz.findall("question") if q.get("type") == "category"]
    wanted = [f"{i + 1}. {s.title}" for i, s in enumerate(unit.sections) if s.questions]
    if unit.questions:
        wanted.append("Unit review")
    assert [c.rsplit("/", 1)[1] for c in cats] == wanted
    assert all(c.startswith("$course$/top/") for c in cats)


def test_images_are_embedded_with_alt_text(exported):
    _, _, quiz = exported
    seen = 0
    for qt in quiz.iter("questiontext"):
        files = {f.get("name"): base64.b64decode(f.text) for f in qt.findall("file")}
        refs = re.findall(r'<img src="@@PLUGINFILE@@/([^"]+)" alt="([^"]*)"', t(qt, "text"))
        assert sorted(files) == sorted(html.unescape(name) for name, _ in refs)
        for name, alt in refs:
            assert alt.strip(), name
            with Image.open(io.BytesIO(files[html.unescape(name)])) as im:
                im.verify()
            seen += 1
    assert seen >= 2  # a section chart and a label chart at least


def test_moodle_xml_is_the_same_bytes_every_time(tmp_path):
    unit, _ = load_unit(EVERY)
    unit = with_timeline_exercises(unit)
    first = export(Job(unit, cache_dir=tmp_path)).data
    assert export(Job(unit, cache_dir=tmp_path)).data == first
