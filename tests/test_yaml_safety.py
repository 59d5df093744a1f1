"""Safe YAML: no tag builds an object, hostile files are refused within limits, and no input
of any kind (random text, random bytes) makes `load_unit` raise."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyguide import schema
from studyguide.model import Unit
from studyguide.problems import Problem
from studyguide.validate import load_unit
from studyguide.yamlsafe import MAX_BYTES, Map, Scalar, load_yaml, parse_yaml

UNIT = "title: T\nsections:\n  - title: S\n    summary: Text.\n"


def _messages(path: Path) -> list[str]:
    _, problems = load_unit(path)
    return [p.format().replace(str(path), "U") for p in problems]


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system", "!!python/object/new:os.system", "!!python/name:os.system",
    "!!python/module:os", "!!binary", "!!set", "!!omap", "!custom",
])
def test_tags_are_refused_and_never_run(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "ran"
    path = tmp_path / "unit.yaml"
    path.write_text(UNIT + f"subtitle: {tag} [\"touch {marker}\"]\n")
    unit, problems = load_unit(path)
    assert unit is None and not marker.exists()
    assert problems[0].message == f"tag '{tag}' is not allowed"
    assert (problems[0].pos.line, problems[0].pos.col) == (5, 11)


def test_standard_tags_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "unit.yaml"
    path.write_text("title: !!str 1984\nsections: !!seq\n  - title: S\n    summary: !!str Text.\n")
    unit, _ = load_unit(path)
    assert unit is not None and unit.title == "1984"


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    lines = ["lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    start = time.perf_counter()
    messages = _messages(path)
    assert time.perf_counter() - start < 2
    assert messages[0].startswith("U:6:")
    assert "more than 100,000 values (counting what aliases repeat)" in messages[0]


def test_a_few_aliases_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "unit.yaml"
    path.write_text("title: &t The Title\nsubtitle: *t\nsections:\n  - title: *t\n    summary: Text.\n")
    unit, _ = load_unit(path)
    assert unit is not None and unit.subtitle == "The Title" == unit.sections[0].title


@pytest.mark.parametrize("text", [
    "title: " + "[" * 100_000,
    "title: " + "{a: " * 5_000,
    "- " * 10_000 + "x",
    "a:\n" + "".join(" " * i + "- b:\n" for i in range(0, 4000, 2)),
])
def test_deep_nesting_is_refused_without_recursion_errors(text: str) -> None:
    node, problems = parse_yaml(text, "U")
    assert node is None
    assert problems[0].message == "the file is nested more than 50 levels deep"


def test_size_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.yaml"
    with open(path, "wb") as f:
        f.truncate(6 * 1024 * 1024)

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr("studyguide.yamlsafe.open", no_reading, raising=False)
    node, problems = load_yaml(path)
    assert node is None
    assert [p.format().replace(str(path), "U") for p in problems] == [
        "U:1:1: error: the file is too large for a unit (6.0 MB; the limit is 5 MB)\n"
        "    split it into several units; images belong in their own files next to it"]


def test_just_under_the_size_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "unit.yaml"
    padding = "#" * 1000 + "\n"
    body = UNIT.encode()
    path.write_bytes(body + padding.encode() * ((MAX_BYTES - len(body)) // len(padding)))
    assert os.path.getsize(path) <= MAX_BYTES
    unit, _ = load_unit(path)
    assert unit is not None


def test_non_utf8_names_the_byte_and_its_position(tmp_path: Path) -> None:
    path = tmp_path / "unit.yaml"
    path.write_bytes(b"title: T\nsections:\n  - title: Caf\xe9\n    summary: x\n")
    assert _messages(path)[0].splitlines()[0] == \
        "U:3:15: error: not UTF-8 text: byte 0xE9 at byte offset 33 cannot be read"


def test_a_bom_is_fine_and_columns_are_not_shifted(tmp_path: Path) -> None:
    path = tmp_path / "unit.yaml"
    path.write_bytes(b"\xef\xbb\xbftitle: [x]\nsections: []\n")
    assert _messages(path)[0].startswith("U:1:8: error: 'title' in the unit must be text, not a list")
    path.write_bytes(b"\xef\xbb\xbftitle: \xff\n")
    assert _messages(path)[0].startswith("U:1:8: error: not UTF-8 text: byte 0xFF at byte offset 10")


def test_windows_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "unit.yaml"
    path.write_bytes(UNIT.replace("\n", "\r\n").encode() + b"    summry: x\r\n")
    assert _messages(path)[0].startswith("U:5:5: error: unknown field 'summry'")


def test_not_a_regular_file(tmp_path: Path) -> None:
    assert [p.message for p in load_unit(tmp_path)[1]] == ["not a regular file (it is a folder)"]
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    assert [p.message for p in load_unit(fifo)[1]] == ["not a regular file (it is a FIFO, a named pipe)"]
    assert [p.message for p in load_unit(Path("/dev/zero"))[1]] == ["not a regular file (it is a device)"]


def test_a_missing_file(tmp_path: Path) -> None:
    unit, problems = load_unit(tmp_path / "nope.yaml")
    assert unit is None and problems[0].message.startswith("cannot read the file: ")


def test_positions_of_keys_and_values() -> None:
    node, problems = parse_yaml("# c\ntitle:   x\nlist:\n  - {a: 1}\n", "U")
    assert isinstance(node, Map) and problems == []
    title = node.get("title")
    assert title is not None and (title.key_pos.line, title.key_pos.col) == (2, 1)
    assert isinstance(title.value, Scalar) and (title.value.pos.line, title.value.pos.col) == (2, 10)
    assert title.value.tag == "str"


def test_scalars_keep_the_text_as_typed() -> None:
    node, _ = parse_yaml("a: no\nb: 1.10\nc: 2001-09-11\nd: 0x1F\ne: ~\nf: 'no'\n", "U")
    assert isinstance(node, Map)
    got = {e.key: (e.value.text, e.value.tag, e.value.quoted) for e in node.entries}  # type: ignore[union-attr]
    assert got == {"a": ("no", "bool", False), "b": ("1.10", "float", False), "c": ("2001-09-11", "timestamp", False),
                   "d": ("0x1F", "int", False), "e": ("~", "null", False), "f": ("no", "str", True)}


# --- nothing ever raises -----------------------------------------------------------------

_PIECES = ["title", "sections", "summary", "questions", "type", "answer", "choices", "pairs", "items",
           "timeline", "date", "end", "figures", "image", "key_terms", "term", "lines", "multiple_choice",
           ":", ": ", "- ", "\n", "\n  ", "\n    ", "  ", "\t", "'", '"', "[", "]", "{", "}", ",", "&a ", "*a",
           "!!python/object:os.system", "!x", "---", "#", "|", ">", "? ", "%YAML 1.1", "~", "null", "no", "1858",
           "-221", "1969-02-30", "0", "___", "**b**", "瑷珲", "é", "\x00", "\ufeff", "\r\n", "<<: ", "../x.png"]


# At least 100 examples; the `thorough` profile (make fuzz) raises it.
FUZZ = settings(max_examples=max(100, settings().max_examples), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _check_outcome(path: Path, unit: object, problems: list[Problem]) -> None:
    assert unit is None or isinstance(unit, Unit)
    assert all(isinstance(p, Problem) for p in problems)
    assert all(p.pos.path == str(path) for p in problems)
    if unit is None:
        assert any(p.is_error for p in problems)


@pytest.mark.fuzz
@FUZZ
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=8), max_size=60).map("".join))
def test_random_yamlish_text_never_raises(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    unit, problems = load_unit(path)
    _check_outcome(path, unit, problems)


@pytest.mark.fuzz
@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_never_raise(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(data)
    unit, problems = load_unit(path)
    _check_outcome(path, unit, problems)


_scalars = st.one_of(st.none(), st.booleans(), st.integers(-3000, 3000), st.floats(allow_nan=False),
                     st.text(max_size=12), st.sampled_from(["A", "B", "___ x", "1969-03", "c. 1850", "221 BCE",
                                                            "multiple_choice", "matching", "ordering", "a4"]))
_keys = st.sampled_from(sorted({f.name for o in (schema.UNIT, schema.SECTION, schema.KEY_TERM, schema.EVENT,
                                                 schema.FIGURE, schema.PAIR, *schema.QUESTIONS)
                                for f in o.fields} | {"bogus"}))
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=6),
                       max_leaves=40)


@pytest.mark.fuzz
@FUZZ
@given(st.dictionaries(_keys, _values, max_size=8))
def test_random_unit_shaped_documents_never_raise(tmp_path: Path, document: dict) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    unit, problems = load_unit(path)
    _check_outcome(path, unit, problems)


_text = st.text(min_size=0, max_size=10) | st.sampled_from(["Aigun", "aigun", "1858", "no", "___", "A", "E"])
_date = st.one_of(st.integers(-500, 2100), st.sampled_from(["221 BCE", "1969-03", "c. 1850", "1969-02-30", "x"]))


@st.composite
def _question(draw: st.DrawFn) -> dict:
    kind = draw(st.sampled_from([*schema.QUESTION_BY_TYPE, "riddle"]))
    q: dict = {"type": kind, "prompt": draw(_text)}
    if kind == "multiple_choice":
        q["choices"] = draw(st.lists(_text, max_size=5))
        q["answer"] = draw(_text)
    elif kind == "true_false":
        q["answer"] = draw(st.booleans() | _text)
    elif kind in ("short_answer", "essay", "fill_in_blank"):
        q["answer"] = draw(_text)
        if draw(st.booleans()):
            q["lines"] = draw(st.integers(-5, 100) | _text)
    elif kind == "matching":
        q["pairs"] = draw(st.lists(st.fixed_dictionaries({"left": _text, "right": _text}), max_size=4))
    elif kind == "ordering":
        q["items"] = draw(st.lists(_text, max_size=4))
    return q


_section = st.fixed_dictionaries(
    {"title": _text, "summary": _text},
    optional={
        "key_terms": st.lists(st.fixed_dictionaries({"term": _text, "definition": _text},
                                                    optional={"also": st.lists(_text, max_size=2)}), max_size=3),
        "timeline": st.lists(st.fixed_dictionaries({"date": _date, "label": _text},
                                                   optional={"end": _date, "display": _text}), max_size=3),
        "figures": st.lists(st.fixed_dictionaries({"image": st.sampled_from(["x.png", "../x.png", "/x.png", ""])}),
                            max_size=1),
        "questions": st.lists(_question(), max_size=4),
        "timeline_exercises": st.lists(st.sampled_from(["ordering", "label", "order"]), max_size=2),
    })
_unit = st.fixed_dictionaries(
    {"title": _text, "sections": st.lists(_section, max_size=3)},
    optional={"eras": st.lists(st.fixed_dictionaries({"label": _text, "start": _date, "end": _date}), max_size=2),
              "questions": st.lists(_question(), max_size=2), "paper": st.sampled_from(["a4", "A4"]),
              "key_dates": st.booleans() | _text, "language": st.sampled_from(["en", "zh-Hans", "English"])})


@pytest.mark.fuzz
@FUZZ
@given(_unit)
def test_random_near_valid_units_never_raise(tmp_path: Path, document: dict) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    unit, problems = load_unit(path)
    _check_outcome(path, unit, problems)
    assert all(p.pos.line > 0 for p in problems)
