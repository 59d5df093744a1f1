"""Builds do each piece of work once, and rebuilds skip what has not changed."""

from __future__ import annotations

import subprocess
import sys

from studyguide.build import BuildOptions, build_unit
import studyguide.layout.document as document

from conftest import FIXTURES

SRC = FIXTURES / "pdf" / "oddities.yaml"


def test_each_edition_is_laid_out_exactly_once(tmp_path, monkeypatch):
    """Page numbers are filled in at save time, so no edition waits for a second pass."""
    builds = []
    real = document.GuideDoc.build

    def counting(self, *args, **kwargs):
        builds.append(self)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(document.GuideDoc, "build", counting)
    for _ in range(2):  # a first build and a rebuild alike
        builds.clear()
        result = build_unit(SRC, BuildOptions(out_dir=tmp_path / "out"))
        assert not [p for p in result.problems if p.is_error]
        assert len(builds) == 2


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
