"""The authoring commands: `validate` (exit codes, output streams), `new` (a starter that
validates with no warnings, never overwrites), `schema` (current, valid, in step with the
validator) and the documentation's complete example."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from studyguide import schema
from studyguide.authoring import run_new, run_validate, slugify, starter_text
from studyguide.schema import json_schema, schema_text
from studyguide.validate import load_unit

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "content-format.md"
SCHEMA_FILE = ROOT / "schema" / "studyguide.schema.json"
STARTER = ROOT / "src" / "studyguide" / "starter.yaml"
UNITS = ROOT / "tests" / "fixtures" / "units"
BAD = ROOT / "tests" / "fixtures" / "bad"


def docs_example() -> str:
    """The complete example: the first ```yaml block under '## Complete example'."""
    text = DOCS.read_text(encoding="utf-8")
    match = re.search(r"^## Complete example\n.*?^```yaml\n(.*?)^```$", text, re.S | re.M)
    assert match, "docs/content-format.md has no '## Complete example' yaml block"
    return match.group(1)


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "studyguide", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


# --- validate -------------------------------------------------------------------------


def test_validate_a_good_unit_exits_0() -> None:
    result = cli("validate", str(UNITS / "ancient-greece.yaml"))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "1 unit checked: no problems\n")


def test_validate_errors_exit_1_problems_on_stdout_summary_on_stderr() -> None:
    result = cli("validate", "tests/fixtures/bad/three-errors.yaml")
    assert result.returncode == 1
    assert [line for line in result.stdout.splitlines() if not line.startswith("    ")] == [
        "tests/fixtures/bad/three-errors.yaml:4:5: error: unknown field 'summry' in section 1 (\"One\")",
        "tests/fixtures/bad/three-errors.yaml:9:17: error: answer 'Kyakhta' is not one of the choices of question 1 "
        "of section 1",
        "tests/fixtures/bad/three-errors.yaml:13:16: error: 'lines' in question 2 of section 1 must be from 1 to 300, "
        "not -1",
    ]
    assert result.stderr == "1 unit checked: 3 errors, 0 warnings\n"


def test_warnings_pass_unless_strict() -> None:
    path = "tests/fixtures/bad/warn-no-questions.yaml"
    plain, strict = cli("validate", path), cli("validate", "--strict", path)
    assert plain.returncode == 0 and strict.returncode == 1
    assert plain.stdout == strict.stdout != ""
    assert strict.stderr == "1 unit checked: 0 errors, 1 warning (--strict: warnings fail too)\n"


def test_a_missing_path_is_an_error(tmp_path: Path) -> None:
    result = cli("validate", "nope.yaml", str(UNITS / "minimal.yaml"))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "nope.yaml: error: no such file or folder"


def test_the_default_path_is_content(tmp_path: Path) -> None:
    assert cli("validate", cwd=tmp_path).stdout == "content: error: no such file or folder\n"
    (tmp_path / "content").mkdir()
    result = cli("validate", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "content: warning: no .yaml or .yml files in this folder\n")


def test_folders_hold_yaml_and_yml_files_sorted_not_recursive(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("b.yml", "a.yaml", "notes.txt", "sub/c.yaml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("title: T\n")
    assert run_validate([str(tmp_path)]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines() == [
        f"{tmp_path / name}:1:1: error: missing required field 'sections' in the unit" if i % 2 == 0 else
        "    add 'sections:', the sections of the unit, at least one"
        for name in ("a.yaml", "b.yml") for i in range(2)]
    assert out.err == "2 units checked: 2 errors, 0 warnings\n"


def test_no_traceback_for_any_bad_fixture() -> None:
    result = cli("validate", str(BAD), str(UNITS))
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout


# --- new -------------------------------------------------------------------------------


def test_the_starter_validates_with_no_problems_at_all(capsys: pytest.CaptureFixture[str]) -> None:
    unit, problems = load_unit(STARTER)
    assert unit is not None and problems == []
    assert run_validate([str(STARTER)], strict=True) == 0, capsys.readouterr().out


def test_the_starter_has_every_part() -> None:
    unit, _ = load_unit(STARTER)
    assert unit is not None
    kinds = {q.kind for q in unit.all_questions()}
    assert kinds == set(schema.QUESTION_BY_TYPE)
    assert any(e.is_span for e in unit.all_events()) and unit.eras and unit.sources and unit.all_terms()
    assert unit.objectives and unit.introduction


def test_new_writes_a_unit_that_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    title = 'Russia & China: "Friends"? 1858–1860'
    assert run_new(title, str(tmp_path / "content")) == 0
    out = capsys.readouterr()
    path = tmp_path / "content" / "russia-china-friends-1858-1860.yaml"
    assert out.out == f"{path}\n"
    unit, problems = load_unit(path)
    assert unit is not None and problems == [] and unit.title == title
    assert run_validate([str(path)], strict=True) == 0


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_new("The Silk Roads", str(tmp_path)) == 0
    path = tmp_path / "the-silk-roads.yaml"
    path.write_text("mine\n")
    assert run_new("The Silk Roads", str(tmp_path)) == 1
    assert path.read_text() == "mine\n"
    assert "already exists" in capsys.readouterr().err


def test_new_via_the_cli(tmp_path: Path) -> None:
    result = cli("new", "大历史观", "-o", str(tmp_path))
    assert result.returncode == 0
    path = tmp_path / "大历史观.yaml"
    assert result.stdout == f"{path}\n"
    assert cli("new", "大历史观", "-o", str(tmp_path)).returncode == 1
    assert cli("validate", "--strict", str(path)).returncode == 0


def test_new_with_an_empty_title(tmp_path: Path) -> None:
    assert run_new("   ", str(tmp_path)) == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("title, slug", [
    ("The Silk Roads", "the-silk-roads"),
    ("China & Russia: 1858–1860", "china-russia-1858-1860"),
    ("Les Misérables, Révolution", "les-miserables-revolution"),
    ("Россия и Китай", "россия-и-китай"),
    ("明治維新", "明治維新"),
    ("!!!", "unit"),
    ("a" * 200, "a" * 80),
])
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_the_schema_line_points_at_the_repository_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "deep" / "units"
    assert run_new("Header", str(out)) == 0
    first = (out / "header.yaml").read_text(encoding="utf-8").splitlines()[0]
    ref = first.removeprefix("# yaml-language-server: $schema=")
    assert ref != first and (out / ref).resolve() == SCHEMA_FILE
    assert starter_text("X", "../schema/studyguide.schema.json").startswith(
        "# yaml-language-server: $schema=../schema/studyguide.schema.json\n")


def test_outside_the_repository_there_is_no_schema_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_new("Elsewhere", "content") == 0
    assert "yaml-language-server" not in (tmp_path / "content" / "elsewhere.yaml").read_text(encoding="utf-8")


# --- schema ------------------------------------------------------------------------------


def test_the_committed_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), \
        "regenerate it: python -m studyguide schema > schema/studyguide.schema.json"


def test_the_docs_field_tables_are_current() -> None:
    """docs/content-format.md's field tables are generated from the model, like the schema."""
    docs = DOCS.read_text(encoding="utf-8")
    assert docs == schema.docs_text(docs), "regenerate them: make schema"
    assert docs.count("generated by `make schema`") == len(schema.doc_tables())


def test_a_new_field_reaches_the_schema_and_the_docs() -> None:
    """A field declared once on a model class appears in the validator's table, the JSON
    Schema and the docs table, with its type, default and doc."""
    from dataclasses import dataclass, field

    from studyguide.fields import Int, content, obj_of
    from studyguide.model import Located

    @dataclass(frozen=True)
    class Thing(Located):
        """A thing."""

        name: str = field(metadata=content("what it is called"))
        pages: int = field(default=4, metadata=content("how many pages", range=(1, 9)))
        tags: tuple[str, ...] = field(default=(), metadata=content("labels", noun="tag", min_items=1))

    obj = obj_of(Thing)
    assert obj.names == ["name", "pages", "tags"] and obj.noun == "thing" and obj.doc == "A thing."
    assert [f.required for f in obj.fields] == [True, False, False]
    assert obj.field("pages").spec == Int(1, 9) and obj.field("pages").default == 4
    defs: dict = {}
    schema._spec_schema(obj, defs)
    assert defs["thing"]["properties"]["pages"] == {
        "type": "integer", "minimum": 1, "maximum": 9, "default": 4, "description": "how many pages"}
    assert defs["thing"]["properties"]["tags"]["minItems"] == 1
    assert "| `pages` | whole number, 1 to 9 | `4` | how many pages |" in schema.field_table(obj)


def test_the_schema_command_prints_it() -> None:
    result = cli("schema")
    assert result.returncode == 0 and result.stdout == SCHEMA_FILE.read_text(encoding="utf-8")


def test_schema_shape() -> None:
    s = json_schema()
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert s["required"] == ["title", "sections"] and s["additionalProperties"] is False
    assert len(s["$defs"]["question"]["oneOf"]) == 7
    for name, definition in s["$defs"].items():
        if definition.get("type") == "object" and name != "question":
            assert definition["additionalProperties"] is False, name
    for q in schema.QUESTIONS:
        assert s["$defs"][q.name]["properties"]["type"]["const"] == q.name
    assert s["properties"]["paper"]["enum"] == ["letter", "a4"]


def _yaml12(text: str) -> object:
    """Parse as an editor does (YAML 1.2: no timestamps, so 1969-03-02 stays a string)."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        ch: [(tag, regex) for tag, regex in resolvers if not tag.endswith(":timestamp")]
        for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    return yaml.load(text, Loader=Loader)


VALID = sorted(UNITS.glob("*.yaml")) + [STARTER] + sorted((ROOT / "content").glob("*.yaml"))


@pytest.mark.parametrize("path", [p for p in VALID if p.name != "typing-traps.yaml"], ids=lambda p: p.name)
def test_valid_units_satisfy_the_json_schema(path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json_schema())
    errors = [e.message for e in validator.iter_errors(_yaml12(path.read_text(encoding="utf-8")))]
    assert errors == []


def test_the_schema_is_valid_draft_2020_12_and_flags_mistakes() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(json_schema())
    validator = jsonschema.Draft202012Validator(json_schema())
    bad = {"title": "T", "sections": [{"title": "S", "summary": "x", "key_term": [],
                                       "questions": [{"type": "riddle", "prompt": "p"}]}], "paper": "A4"}
    found = " ".join(e.message for e in validator.iter_errors(bad))
    assert all(word in found for word in ("'A4'", "'riddle'", "'key_term'"))


def test_every_field_is_documented() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    objects = [schema.UNIT, schema.SECTION, schema.KEY_TERM, schema.EVENT, schema.FIGURE, schema.SOURCE,
               schema.ERA, schema.PAIR, schema.DOCUMENT, *schema.QUESTIONS]
    missing = {f.name for o in objects for f in o.fields if f"`{f.name}`" not in docs}
    assert not missing
    assert all(f"`{kind}`" in docs for kind in schema.QUESTION_BY_TYPE)


# --- the documentation's example -------------------------------------------------------------


def test_the_docs_example_validates_with_no_problems(tmp_path: Path) -> None:
    path = tmp_path / "example.yaml"
    path.write_text(docs_example(), encoding="utf-8")
    unit, problems = load_unit(path)
    assert unit is not None and problems == [], [p.format() for p in problems]
    assert {q.kind for q in unit.all_questions()} == set(schema.QUESTION_BY_TYPE)
    assert run_validate([str(path)], strict=True) == 0


def test_the_docs_example_satisfies_the_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    assert list(jsonschema.Draft202012Validator(json_schema()).iter_errors(_yaml12(docs_example()))) == []


def test_json_schema_is_json() -> None:
    assert json.loads(schema_text()) == json_schema()


def test_validate_refuses_a_character_no_font_can_print(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The glyph check runs in `validate` too (the real one: none of the fonts `make` installs
    has SignWriting), and only on units that loaded."""
    src = tmp_path / "unit.yaml"
    src.write_text((UNITS / "minimal.yaml").read_text(encoding="utf-8").replace(
        "The Only Section", "The Only \U0001D800 Section"), encoding="utf-8")
    assert run_validate([str(src), str(BAD / "empty.yaml")]) == 1
    out = [line for line in capsys.readouterr().out.splitlines() if "no installed font" in line]
    assert len(out) == 1 and out[0].startswith(f"{src}:3:12: error: no installed font prints"), out
    assert "U+1D800" in out[0]


def test_every_question_class_has_a_renderer_and_a_printed_name() -> None:
    from studyguide import model as m
    from studyguide.labels import keys
    from studyguide.layout.questions import RENDERERS

    assert set(RENDERERS) == set(m.QUESTION_CLASSES.values())
    assert set(m.QUESTION_CLASSES) <= set(keys())  # its printed name: the catalogue's word for its kind
    assert set(schema.QUESTION_BY_TYPE) == set(m.QUESTION_CLASSES) - {"label_timeline"}
