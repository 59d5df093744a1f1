"""Random valid units (random text in every field, random counts) build into PDFs whose
text contains every prompt: no error of any kind, positioned or not."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import event, given, settings, strategies as st

from studyguide.build import BuildOptions, build_unit
from studyguide.text import plain

from pdfcheck import all_text, squash

pytestmark = pytest.mark.fuzz

# Scripts the font chain covers, plus the characters that mean something to XML or markup.
ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    + list("ΑΒΓΔαβγδλπωЖЗИКЛжзиклыя中国历史观瑷珲ひらがなカタ")
    + list("&<>\"'*_#:-–—.,;!?()[]{}/\\%$@ ")
)
TEXT = st.text(ALPHABET, min_size=1, max_size=60).map(str.strip).filter(
    lambda s: s and "___" not in s and plain(s).strip())
YEAR = st.integers(-3000, 2100).filter(lambda y: y != 0)


def _same(text: str) -> str:
    """What validate compares when it refuses repeats: case and spacing ignored."""
    return " ".join(text.casefold().split())


def question(kind: str):
    base = {"prompt": TEXT}
    extra = {
        "multiple_choice": {"choices": st.lists(TEXT, min_size=2, max_size=5, unique_by=_same)},
        "true_false": {"answer": st.booleans()},
        "short_answer": {"answer": TEXT, "lines": st.integers(1, 8)},
        "essay": {"answer": TEXT, "lines": st.integers(1, 40)},
        "fill_in_blank": {"answer": TEXT},
        "matching": {"pairs": st.lists(st.fixed_dictionaries({"left": TEXT, "right": TEXT}), min_size=2,
                                       max_size=8, unique_by=(lambda p: _same(p["left"]),
                                                              lambda p: _same(p["right"])))},
        "ordering": {"items": st.lists(TEXT, min_size=2, max_size=6, unique_by=_same)},
    }[kind]
    return st.fixed_dictionaries({**base, **extra}).map(lambda d: _finish(kind, d))


def _finish(kind: str, d: dict) -> dict:
    d = {"type": kind, **d}
    if kind == "multiple_choice":
        d["answer"] = "A"
    if kind == "fill_in_blank":
        d["prompt"] = d["prompt"] + " ___"
    return d


QUESTION = st.sampled_from(["multiple_choice", "true_false", "short_answer", "essay", "fill_in_blank",
                            "matching", "ordering"]).flatmap(question)
EVENT = st.fixed_dictionaries({"date": YEAR, "label": TEXT})
SECTION = st.fixed_dictionaries({
    "title": TEXT,
    "summary": st.lists(TEXT, min_size=1, max_size=4).map("\n\n".join),
    "key_terms": st.lists(st.fixed_dictionaries({"term": TEXT, "definition": TEXT}), max_size=4,
                          unique_by=lambda t: _same(t["term"])),
    "timeline": st.lists(EVENT, max_size=12),
    "questions": st.lists(QUESTION, max_size=5),
})


def _terms_once(unit: dict) -> dict:
    """A key term is defined once per unit: drop a later section's repeat."""
    seen: set[str] = set()
    for s in unit["sections"]:
        s["key_terms"] = [t for t in s["key_terms"] if _same(t["term"]) not in seen]
        seen |= {_same(t["term"]) for t in s["key_terms"]}
    return unit


UNIT = st.fixed_dictionaries({
    "title": TEXT,
    "subtitle": TEXT,
    "objectives": st.lists(TEXT, max_size=3),
    "sections": st.lists(SECTION, min_size=1, max_size=3),
    "questions": st.lists(QUESTION, max_size=3),
}).map(_terms_once)


@settings(max_examples=max(8, settings().max_examples // 4))
@given(UNIT)
def test_random_valid_units_build(data):
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "unit.yaml"
        src.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        result = build_unit(src, BuildOptions(out_dir=Path(tmp) / "out"))
        errors = [p.format() for p in result.problems if p.is_error]
        assert not errors, errors  # every generated unit is valid: a refusal is a bug
        event(f"{len(result.outputs)} files")
        student = next(o.path for o in result.outputs if o.path.name == "unit.pdf")
        text = all_text(student)
        prompts = [q["prompt"] for s in data["sections"] for q in s["questions"]] + \
                  [q["prompt"] for q in data["questions"]]
        for prompt in prompts:
            for piece in prompt.split("___"):
                if plain(piece).strip():
                    assert squash(plain(piece)) in text, prompt
