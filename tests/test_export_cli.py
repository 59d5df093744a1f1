"""`studyguide export` on the command line: one line per file, and bad input refused whole."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys

import pytest

from studyguide.cli import main
from studyguide.export import FORMATS

from conftest import FIXTURES

EVERY = FIXTURES / "export" / "every-type.yaml"
MINIMAL = FIXTURES / "units" / "minimal.yaml"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "studyguide", "export", *args], capture_output=True,
                          text=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def written(folder) -> list[str]:
    """Files in `folder` but the chart cache."""
    return sorted(p.name for p in folder.glob("*") if p.name != ".cache") if folder.is_dir() else []


def test_unknown_format_exits_2_with_the_list(tmp_path):
    for bad in (["--format", "pdf"], ["--format", "json,docx"]):
        r = run(*bad, "-o", str(tmp_path), str(EVERY))
        assert r.returncode == 2, r.stderr
        assert all(name in r.stderr for name in FORMATS), r.stderr
        assert "Traceback" not in r.stderr
    assert not written(tmp_path)


def test_format_is_required():
    r = run(str(EVERY))
    assert r.returncode == 2 and "--format" in r.stderr


def test_one_line_per_file_and_csv_read_back(tmp_path):
    r = run("--format", "csv", "--format", "json", "-o", str(tmp_path), str(EVERY))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [str(tmp_path / "every-type-terms.csv"),
                                                  str(tmp_path / "every-type.json")]
    rows = list(csv.reader(io.StringIO((tmp_path / "every-type-terms.csv").read_text("utf-8"), newline="")))
    assert rows[0] == ["term", "definition", "also", "section"]
    by_term = {row[0]: row for row in rows[1:]}
    assert by_term["caravanserai"][1] == "An inn on a trade route where caravans rested; not a palace."
    assert by_term["caravanserai"][2] == "khan; ribāṭ"
    assert by_term["monsoon"][1].endswith('a 50% "rule", roughly.')
    assert by_term["Key: {value}"][3] == "Routes: land {and} sea"
    assert "שלום" in by_term and "丝绸之路" in by_term


@pytest.mark.parametrize("fmt, what", [("qti", "questions"), ("moodle", "questions"), ("gift", "questions"),
                                       ("anki", "key terms"), ("csv", "key terms")])
def test_a_unit_without_what_a_format_needs_is_refused_and_nothing_written(tmp_path, fmt, what):
    if fmt not in FORMATS:
        pytest.skip(f"{fmt} not exported yet")
    r = run("--format", f"csv,{fmt}" if fmt != "csv" else "csv", "-o", str(tmp_path), str(EVERY), str(MINIMAL))
    assert r.returncode == 1
    assert f"minimal.yaml: error: no {what} to export as {fmt}" in r.stderr
    assert "nothing written" in r.stderr and "Traceback" not in r.stderr
    assert not written(tmp_path)


def test_format_all_skips_what_a_unit_cannot_have(tmp_path):
    r = run("--format", "all", "-o", str(tmp_path), str(MINIMAL))
    assert r.returncode == 0, r.stderr
    assert written(tmp_path) == ["minimal.json"]
    assert "skipped" in r.stderr


def test_a_unit_with_problems_is_not_exported(tmp_path):
    bad = FIXTURES / "bad" / "empty-required.yaml"
    r = run("--format", "csv", "-o", str(tmp_path), str(EVERY), str(bad))
    assert r.returncode == 1
    assert "empty-required.yaml:" in r.stderr and "error" in r.stderr
    assert not written(tmp_path)


def test_two_units_with_one_name_are_refused(tmp_path):
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        shutil.copy(EVERY, tmp_path / d / "x.yaml")
    shutil.copy(FIXTURES / "export" / "wall.png", tmp_path / "a")
    shutil.copy(FIXTURES / "export" / "wall.png", tmp_path / "b")
    out = tmp_path / "out"
    r = run("--format", "csv", "-o", str(out), str(tmp_path / "a"), str(tmp_path / "b"))
    assert r.returncode == 1
    assert "a/x.yaml" in r.stderr and "b/x.yaml" in r.stderr and "Traceback" not in r.stderr
    assert not written(out)


@pytest.mark.parametrize("fmt", ["csv", "json"])  # json draws charts into the cache first
def test_an_output_folder_that_is_a_file(tmp_path, fmt):
    blocker = tmp_path / "out"
    blocker.write_text("not a folder")
    r = run("--format", fmt, "-o", str(blocker), str(EVERY))
    assert r.returncode == 1
    assert str(blocker) in r.stderr and "Traceback" not in r.stderr and "bug" not in r.stderr
    assert blocker.read_text() == "not a folder"


def test_the_export_schema_command_prints_the_committed_schema(capsys):
    from conftest import ROOT

    assert main(["schema", "--export"]) == 0
    assert capsys.readouterr().out == (ROOT / "schema" / "export.schema.json").read_text("utf-8")
