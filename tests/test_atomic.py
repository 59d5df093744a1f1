"""Output is atomic: a killed build (SIGKILL at any moment) or two builds at once never
leave a corrupt or partial PDF, and a failed build leaves the previous PDF untouched."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from pypdf import PdfReader

from conftest import FIXTURES

SRC = FIXTURES / "pdf" / "oddities.yaml"


def _cmd(src: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "studyguide", "build", str(src), "-o", str(out), "-q"]


def _unit_copy(tmp: Path, title: str) -> Path:
    d = tmp / "unit"
    d.mkdir(exist_ok=True)
    shutil.copy(FIXTURES / "pdf" / "wall.png", d / "wall.png")
    text = SRC.read_text(encoding="utf-8").replace('title: "Qin & Han: Empire <b>Unified</b>"',
                                                   f'title: "{title}"')
    (d / "oddities.yaml").write_text(text, encoding="utf-8")
    return d / "oddities.yaml"


def _valid(pdf: Path) -> bool:
    data = pdf.read_bytes()
    return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF") and len(PdfReader(str(pdf)).pages) > 0


def test_sigkill_at_random_moments_leaves_old_or_new_pdf_and_no_partial_files(tmp_path):
    out = tmp_path / "out"
    src = _unit_copy(tmp_path, "Old title")
    subprocess.run(_cmd(src, out), check=True)
    old = {p.name: p.read_bytes() for p in out.glob("*.pdf")}
    _unit_copy(tmp_path, "New title")
    new_out = tmp_path / "reference"
    subprocess.run(_cmd(src, new_out), check=True)
    new = {p.name: p.read_bytes() for p in new_out.glob("*.pdf")}
    assert old.keys() == new.keys() and old != new

    start = time.perf_counter()
    subprocess.run(_cmd(src, tmp_path / "timing"), check=True)
    duration = time.perf_counter() - start

    rng = random.Random(20261128)
    seen = set()
    for _ in range(8):
        # restore the old files, then kill a rebuild somewhere inside its run
        for name, data in old.items():
            (out / name).write_bytes(data)
        proc = subprocess.Popen(_cmd(src, out))
        time.sleep(rng.uniform(0.05, duration * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for name in old:
            data = (out / name).read_bytes()
            assert data in (old[name], new[name]), f"{name} is neither the old nor the new PDF"
            seen.add("old" if data == old[name] else "new")
        leftovers = [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
        assert not leftovers, leftovers
    assert seen, "no kill was observed"


def test_two_builds_at_once_never_corrupt_the_pdf(tmp_path):
    out = tmp_path / "out"
    procs = [subprocess.Popen(_cmd(SRC, out)) for _ in range(3)]
    assert all(p.wait() == 0 for p in procs)
    for pdf in out.glob("*.pdf"):
        assert _valid(pdf)
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".cache")) == \
        ["oddities-teacher.pdf", "oddities.pdf"]


def test_failed_build_leaves_previous_pdf_untouched(tmp_path):
    out = tmp_path / "out"
    src = _unit_copy(tmp_path, "Good")
    subprocess.run(_cmd(src, out), check=True)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.glob("*.pdf")}
    src.write_text(src.read_text(encoding="utf-8").replace("type: true_false", "type: true_or_false"),
                   encoding="utf-8")
    result = subprocess.run(_cmd(src, out), capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "true_or_false" in result.stderr
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.glob("*.pdf")}
    assert after == before


def test_stale_temp_files_of_dead_writers_are_removed(tmp_path):
    from studyguide.writer import write_atomic

    target = tmp_path / "x.pdf"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".x.pdf.{dead.pid}.abcd1234.tmp"
    stale.write_bytes(b"%PDF-partial")
    live = tmp_path / f".x.pdf.{os.getpid()}.abcd1234.tmp"
    live.write_bytes(b"%PDF-in-progress")
    write_atomic(target, b"%PDF-1.4 done")
    assert not stale.exists()
    assert live.exists()  # a running writer's file is never touched
    assert target.read_bytes() == b"%PDF-1.4 done"
