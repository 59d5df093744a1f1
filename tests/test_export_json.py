"""`export --format json` against its schema and against the PDFs it describes.

The JSON claims to be the guide as printed: each question's number, choices in printed
order and correct letter are read back from the student and teacher PDFs of the same
build (with versions), so a JSON that recomputed an order the layout does not use fails.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import jsonschema
import pytest

from studyguide.build import BuildOptions, build_unit
from studyguide.cli import main
from studyguide.export.jsonschema import schema_text
from studyguide.export.records import Export
from studyguide.text import plain

from conftest import CONTENT, FIXTURES, ROOT
from pdfcheck import page_texts, squash

EVERY = FIXTURES / "export" / "every-type.yaml"
ODD = FIXTURES / "pdf" / "oddities.yaml"
DOCS = FIXTURES / "units" / "documents.yaml"
SCHEMA_FILE = ROOT / "schema" / "export.schema.json"
KIND = {"multiple_choice": "multiplechoice", "true_false": "true/false", "matching": "matching",
        "fill_in_blank": "fillintheblank", "ordering": "ordering"}


def export_json(src: Path, out: Path, *args: str) -> dict:
    assert main(["export", "--format", "json", "-o", str(out), str(src), *args]) == 0
    return json.loads((out / f"{src.stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=[EVERY, ODD, DOCS], ids=["every-type", "oddities", "documents"])
def printed(request, tmp_path_factory):
    """(JSON with versions A and B, the folder with the PDFs of the same versions)."""
    out = tmp_path_factory.mktemp("json")
    result = build_unit(request.param, BuildOptions(out_dir=out, versions=2))
    assert not [p for p in result.problems if p.is_error]
    return export_json(request.param, out, "--versions", "2"), out


def test_schema_committed_is_the_one_the_code_makes():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(Export), "run: make schema"


@pytest.mark.parametrize("src", [EVERY, ODD, CONTENT, FIXTURES / "units" / "minimal.yaml"])
def test_json_validates_against_the_committed_schema(src, tmp_path):
    data = export_json(src, tmp_path, "--versions", "2")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert [(g["edition"], g.get("version")) for g in data["guides"]] == [
        ("student", "A"), ("teacher", "A"), ("student", "B"), ("teacher", "B")]


def test_schema_refuses_what_the_export_never_writes(printed):
    data, _ = printed
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    bad = json.loads(json.dumps(data))
    bad["guides"][0]["questions"][0]["colour"] = "red"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_student_guides_carry_no_answers(printed):
    data, _ = printed
    for g in data["guides"]:
        assert g["points"] == sum(q["points"] for q in g["questions"]) > 0
        has = [("answer" in q, "explanation" in q) for q in g["questions"]]
        if g["edition"] == "student":
            assert not any(a or e for a, e in has)
        else:
            assert all(a for a, _ in has)


def ltr(text: str) -> str:
    """Squashed text without right-to-left letters: their extracted order depends on how the
    PDF stores them (visual or logical), which is not what these tests are about."""
    return "".join(c for c in squash(text) if unicodedata.bidirectional(c) not in ("R", "AL"))


def _key_and_body(pdf: Path) -> tuple[str, str]:
    """The text before the answer key, and the key's lines, each after a |."""
    texts = page_texts(pdf)
    start = next(i for i, t in enumerate(texts) if i > 1 and t.lstrip().startswith("Answer key"))
    body = ltr("".join(texts[:start]))
    key = "|" + "|".join(ltr(line) for t in texts[start:] for line in t.splitlines())
    return body, key


def wrapped(text: str) -> str:
    """A pattern for `text` as the key prints it, possibly wrapped over lines."""
    return r"\|?".join(re.escape(c) for c in text)


def _in_order(chunk: str, parts: list[str]) -> bool:
    at = 0
    for p in parts:
        at = chunk.find(p, at)
        if at < 0:
            return False
        at += len(p)
    return True


def test_numbers_orders_and_keys_are_what_the_pdfs_print(printed):
    data, out = printed
    checked = set()
    for g in data["guides"]:
        teacher = g["edition"] == "teacher"
        body = ltr("".join(page_texts(out / g["file"])))
        if teacher:
            body, key = _key_and_body(out / g["file"])
        for q in g["questions"]:
            n, kind = q["number"], q["type"]
            prompt = ltr(plain(max(q["prompt"].split("___"), key=len)))
            start = body.find(prompt)
            # the teacher's ink on a blank is drawn right after the blank's underscores (before
            # the rest of the line, which may hold the prompt's longest part)
            ink = re.escape(ltr(plain(q["answer"]["text"]))) if teacher and kind == "fill_in_blank" else ""
            if q["prompt"].startswith("___"):  # the number, then the blank's underscores
                assert re.search(rf"{n}\._+(?:{ink})?$", body[:start]), (g["file"], n, q["prompt"])
            else:
                assert start > 0 and re.search(rf"{n}\.(?:{ink})?$", body[:start]), (g["file"], n, q["prompt"])
            chunk = body[start:start + 3000]
            if kind == "multiple_choice":
                assert _in_order(chunk, [c["label"] + ltr(plain(c["text"])) for c in q["choices"]])
            if kind == "matching":
                assert _in_order(chunk, [c["label"] + "." + ltr(plain(c["text"])) for c in q["right"]])
            if kind == "ordering":
                assert _in_order(chunk, [ltr(plain(t)) for t in q["items"]])
            if not teacher:
                continue
            a = q["answer"]
            entry = rf"\|{n}\.\[{re.escape(KIND.get(kind, '§'))}\]"
            if kind == "multiple_choice":
                right = ltr(plain(q["choices"][a["index"]]["text"]))
                assert re.search(entry + wrapped(a["letter"] + "." + right), key), (g["file"], n)
            elif kind == "true_false":
                assert re.search(entry + ("True" if a["value"] else "False"), key), (g["file"], n)
            elif kind == "matching":
                pairs = ";".join(f"{m['left']}\u2013{m['right']}" for m in a["matches"])
                assert re.search(entry + wrapped(ltr(pairs)), key), (g["file"], n)  # read as printed
            elif kind == "ordering":  # the key lists the items in the right order
                right = sorted(q["items"], key=lambda t: a["ranks"][q["items"].index(t)])
                assert re.search(entry + wrapped("\u2192".join(ltr(plain(t)) for t in right)),
                                 key), (g["file"], n)
            checked.add(kind)
    keyed = {q["type"] for g in data["guides"] for q in g["questions"]} & {
        "multiple_choice", "true_false", "matching", "ordering"}
    assert keyed and keyed <= checked


def test_versions_differ_where_the_guides_differ(printed):
    data, _ = printed
    a, b = (next(g for g in data["guides"] if g["edition"] == "teacher" and g["version"] == v) for v in "AB")
    order = lambda g: [q["prompt"] for q in g["questions"]]  # noqa: E731
    choices = lambda g: {q["prompt"]: [c["text"] for c in q.get("choices", ())]  # noqa: E731
                         for q in g["questions"]}
    assert sorted(order(a)) == sorted(order(b))  # the same questions,
    assert order(a) != order(b) or choices(a) != choices(b)  # in another order or with other letters


def test_terms_and_events_are_the_units(tmp_path):
    from studyguide.validate import load_unit

    unit, _ = load_unit(EVERY)
    data = export_json(EVERY, tmp_path)
    assert [(t["term"], t["definition"], t["also"]) for t in data["key_terms"]] == [
        (t.term, t.definition, list(t.also)) for _, t in unit.all_terms()]
    assert [e["label"] for e in data["events"]] == [e.label for e in unit.all_events()]
    assert data["events"][-1]["end"]["year"] == 1433
    assert [g["version"] if "version" in g else None for g in data["guides"]] == [None, None]


def test_json_is_the_same_bytes_every_time(tmp_path):
    export_json(EVERY, tmp_path / "1")
    export_json(EVERY, tmp_path / "2")
    assert (tmp_path / "1" / "every-type.json").read_bytes() == (tmp_path / "2" / "every-type.json").read_bytes()
