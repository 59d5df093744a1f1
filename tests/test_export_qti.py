"""The QTI package opened like an importer: manifest, item structure, and a round trip."""

from __future__ import annotations

import html
import io
import re
import zipfile

import pytest
from lxml import etree
from PIL import Image

from studyguide import model as m
from studyguide.charts.chart import ChartKey
from studyguide.points import points_of
from studyguide.exercises import with_timeline_exercises
from studyguide.export import Job
from studyguide.export.markup import text
from studyguide.export.printed import number_questions
from studyguide.export.qti import CP_NS, FILEBASE, QTI_NS, export
from studyguide.validate import load_unit

from conftest import CONTENT, FIXTURES
from giftparse import html_text

EVERY = FIXTURES / "export" / "every-type.yaml"
ODD = FIXTURES / "pdf" / "oddities.yaml"
Q = {"q": QTI_NS}
TYPES = {"multiple_choice_question", "true_false_question", "short_answer_question", "essay_question",
         "matching_question", "text_only_question"}


def flat(value: str) -> str:
    return " ".join(text(value).split())


@pytest.fixture(scope="module", params=[EVERY, ODD, CONTENT], ids=["every-type", "oddities", "first"])
def package(request, tmp_path_factory):
    unit, _ = load_unit(request.param)
    unit = with_timeline_exercises(unit)
    job = Job(unit, cache_dir=tmp_path_factory.mktemp("cache"))
    result = export(job)
    return unit, job, result, zipfile.ZipFile(io.BytesIO(result.data))


def parse(data: bytes):
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def assessment_of(z: zipfile.ZipFile):
    man = parse(z.read("imsmanifest.xml"))
    res = man.find(f"{{{CP_NS}}}resources/{{{CP_NS}}}resource[@type='imsqti_xmlv1p2']")
    return man, res, parse(z.read(res.find(f"{{{CP_NS}}}file").get("href")))


def test_manifest_resolves_every_file_and_every_file_is_in_it(package):
    _, _, _, z = package
    man, res, doc = assessment_of(z)
    assert man.tag == f"{{{CP_NS}}}manifest"
    hrefs = [f.get("href") for f in man.iter(f"{{{CP_NS}}}file")]
    assert sorted(hrefs) == sorted(n for n in z.namelist() if n != "imsmanifest.xml")
    ids = {r.get("identifier"): r for r in man.iter(f"{{{CP_NS}}}resource")}
    for dep in res.findall(f"{{{CP_NS}}}dependency"):
        assert dep.get("identifierref") in ids
    # every image an item shows is a file of the package, with alt text, and a real image
    for mattext in doc.iter(f"{{{QTI_NS}}}mattext"):
        for src, alt in re.findall(r'<img src="([^"]+)" alt="([^"]*)"', mattext.text or ""):
            path = html.unescape(src).removeprefix(FILEBASE + "/")
            assert path in hrefs and alt.strip()
            with Image.open(io.BytesIO(z.read(path))) as im:
                im.verify()


def test_items_have_the_structure_importers_read(package):
    _, _, _, z = package
    _, _, doc = assessment_of(z)
    assert doc.tag == f"{{{QTI_NS}}}questestinterop"
    items = doc.findall("q:assessment/q:section/q:item", Q)
    assert items and len({i.get("ident") for i in items}) == len(items)
    for item in items:
        meta = {f.findtext("q:fieldlabel", namespaces=Q): f.findtext("q:fieldentry", namespaces=Q)
                for f in item.iterfind(".//q:qtimetadatafield", Q)}
        assert meta["question_type"] in TYPES and int(meta["points_possible"]) >= 0
        if meta["question_type"] == "text_only_question":
            continue
        responses = item.findall("q:presentation/q:response_lid", Q) + \
            item.findall("q:presentation/q:response_str", Q)
        assert responses
        idents = {r.get("ident") for r in responses}
        rp = item.find("q:resprocessing", Q)
        assert rp.find("q:outcomes/q:decvar[@varname='SCORE']", Q) is not None
        for var in rp.iterfind(".//q:varequal", Q):
            assert var.get("respident") in idents
            lid = item.find(f"q:presentation/q:response_lid[@ident='{var.get('respident')}']", Q)
            if lid is not None:  # a choice answer names one of the choices
                assert var.text in {lab.get("ident") for lab in lid.iterfind(".//q:response_label", Q)}
        for fb in rp.iterfind(".//q:displayfeedback", Q):
            assert item.find(f"q:itemfeedback[@ident='{fb.get('linkrefid')}']", Q) is not None


def read_back(item) -> dict:
    """One item as an importer understands it: its type, texts and the scored answers."""
    meta = {f.findtext("q:fieldlabel", namespaces=Q): f.findtext("q:fieldentry", namespaces=Q)
            for f in item.iterfind(".//q:qtimetadatafield", Q)}
    prompt = item.find("q:presentation/q:material/q:mattext", Q).text or ""
    lids = item.findall("q:presentation/q:response_lid", Q)
    labels = {lab.get("ident"): html_text(lab.findtext(".//q:mattext", namespaces=Q) or "")
              for lid in lids for lab in lid.iterfind(".//q:response_label", Q)}
    right = {v.get("respident"): v.text for v in item.iterfind("q:resprocessing//q:varequal", Q)}
    fb = item.find("q:itemfeedback/q:flow_mat/q:material/q:mattext", Q)
    return {"type": meta["question_type"], "points": int(meta["points_possible"]),
            "prompt": html_text(re.sub(r"<p><img [^>]*></p>", "", prompt)), "lids": lids,
            "labels": labels, "right": right, "feedback": html_text(fb.text) if fb is not None else None,
            "title": item.get("title"), "xml": etree.tostring(item, encoding="unicode")}


def test_round_trip_gives_back_every_question_and_key(package):
    unit, job, result, z = package
    _, _, doc = assessment_of(z)
    items = [read_back(i) for i in doc.findall("q:assessment/q:section/q:item", Q)]
    items = [i for i in items if i["type"] != "text_only_question"]
    kept = [(n, q) for n, _, q in number_questions(unit) if not isinstance(q, m.Ordering)]
    assert len(items) == len(kept)
    for (n, q), got in zip(kept, items):
        assert got["title"].startswith(f"{n}. ")
        assert got["points"] == points_of(q)
        assert got["feedback"] == (flat(q.explanation) if q.explanation else None)
        source = html_text(job.sources.before(q))  # a question about a document starts with it
        assert got["prompt"].startswith(source)
        assert got["prompt"][len(source):].strip() == flat(q.prompt)
        if isinstance(q, m.MultipleChoice):
            lid, = got["lids"]
            shown = [got["labels"][lab.get("ident")] for lab in lid.iterfind(".//q:response_label", Q)]
            assert shown == [flat(c) for c in q.choices]
            assert got["labels"][got["right"]["response1"]] == flat(q.choices[q.answer])
        elif isinstance(q, m.TrueFalse):
            assert got["labels"][got["right"]["response1"]] == str(q.answer)
        elif isinstance(q, m.FillInBlank):
            assert got["type"] == "short_answer_question" and got["right"]["response1"] == text(q.answer)
        elif isinstance(q, (m.ShortAnswer, m.Essay)):
            assert got["type"] == "essay_question" and not got["right"]
            assert flat(q.answer) not in html_text(got["xml"])  # the model answer is the teacher's
        elif isinstance(q, (m.Matching, m.LabelTimeline)):
            if isinstance(q, m.Matching):
                pairs = [(flat(p.left), flat(p.right)) for p in q.pairs]
            else:
                blanks = job.charts[ChartKey(exercise=q.chart_key, mode="blanks")].blanks
                pairs = [(f"({num})", flat(label)) for num, label in blanks]
            got_pairs = [(html_text(lid.findtext("q:material/q:mattext", namespaces=Q)),
                          got["labels"][got["right"][lid.get("ident")]]) for lid in got["lids"]]
            assert got["type"] == "matching_question" and got_pairs == pairs
    ordering = [n for n, _, q in number_questions(unit) if isinstance(q, m.Ordering)]
    if ordering:
        assert any(all(f"{n} (ordering)" in note for n in ordering) for note in result.notes)


def test_qti_is_the_same_bytes_every_time(tmp_path):
    unit, _ = load_unit(EVERY)
    unit = with_timeline_exercises(unit)
    assert export(Job(unit, cache_dir=tmp_path)).data == export(Job(unit, cache_dir=tmp_path)).data
