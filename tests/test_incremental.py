"""Rebuilds reuse what they can (page references, charts) and still give the exact file a
clean build gives."""

from __future__ import annotations

import json
import subprocess
import sys

from studyguide.build import BuildOptions, build_unit
import studyguide.layout.document as document

from conftest import FIXTURES

SRC = FIXTURES / "pdf" / "oddities.yaml"


def _passes(monkeypatch, out):
    seen = []
    real = document.render

    def spy(*args, **kwargs):
        r = real(*args, **kwargs)
        seen.append(r.passes)
        return r

    monkeypatch.setattr(document, "render", spy)
    result = build_unit(SRC, BuildOptions(out_dir=out))
    assert not [p for p in result.problems if p.is_error]
    return seen


def test_a_rebuild_lays_each_edition_out_once(tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert _passes(monkeypatch, out) == [2, 1]
    assert _passes(monkeypatch, out) == [1, 1]


def test_wrong_page_hints_cost_a_pass_but_never_a_wrong_page(tmp_path, monkeypatch):
    clean = tmp_path / "clean"
    _passes(monkeypatch, clean)
    hinted = tmp_path / "hinted"
    _passes(monkeypatch, hinted)
    for hints in (hinted / ".cache" / "pages").glob("*.json"):
        data = json.loads(hints.read_text())
        hints.write_text(json.dumps({e: {k: v + 3 for k, v in refs.items()} for e, refs in data.items()}))
    assert _passes(monkeypatch, hinted)[0] >= 2
    for name in ("oddities.pdf", "oddities-teacher.pdf"):
        assert (hinted / name).read_bytes() == (clean / name).read_bytes()


def test_a_build_with_every_chart_cached_does_not_import_matplotlib(tmp_path):
    out = tmp_path / "out"
    code = ("import sys; from studyguide.cli import main; "
            f"main(['build', {str(SRC)!r}, '-o', {str(out)!r}, '-q']); "
            "print('matplotlib' in sys.modules)")
    cold = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    warm = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert cold.stdout.strip() == "True"
    assert warm.stdout.strip() == "False"


def test_make_builds_then_has_nothing_to_do(tmp_path):
    """After `make`, `make -q` (run nothing, exit 0 only if up to date) says nothing is due:
    a no-op make starts no Python at all."""
    from conftest import ROOT

    out = f"OUT={tmp_path / 'out'}"
    first = subprocess.run(["make", "-C", str(ROOT), "all", out], capture_output=True, text=True)
    assert first.returncode == 0, first.stdout + first.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pdf")) == sorted(
        n for u in (ROOT / "content").glob("*.yaml") for n in (f"{u.stem}.pdf", f"{u.stem}-teacher.pdf"))
    again = subprocess.run(["make", "-q", "-C", str(ROOT), "all", out], capture_output=True, text=True)
    assert again.returncode == 0, again.stdout + again.stderr
