"""A build's files are written all or nothing, no two files of a run share a name, and
file-system faults (full disk, read-only, no permission, a folder in the way) are reported
with the path and the cause, exit 1, with every old file left as it was."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studyguide import writer
from studyguide.outputs import collisions

ROOT = Path(__file__).resolve().parent.parent
UNITS = ROOT / "tests" / "fixtures" / "units"
MINIMAL = UNITS / "minimal.yaml"
PY = sys.executable


def cli(*args: str, cwd: Path | None = None, env: dict | None = None,
        user: str | None = None) -> subprocess.CompletedProcess[str]:
    cmd = [PY, "-m", "studyguide", *args]
    if user:
        cmd = ["setpriv", f"--reuid={user}", "--regid=nogroup", "--clear-groups", *cmd]
    full = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    if user and cwd:
        full["HOME"] = str(cwd)  # matplotlib wants a writable home
    return subprocess.run(cmd, cwd=cwd, env=full, capture_output=True, text=True, timeout=300)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


UNIT = """title: {title}
sections:
  - title: Only
    summary: A unit with one question, so it builds without warnings.
    questions:
      - type: short_answer
        prompt: Why?
        answer: Because.
"""


def unit(folder: Path, name: str, title: str = "A Small Unit") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(UNIT.format(title=title), encoding="utf-8")
    return path


# --- collisions ---------------------------------------------------------------------------


def test_two_units_with_one_name_in_two_folders_are_refused_before_building(tmp_path: Path) -> None:
    unit(tmp_path / "a", "x.yaml")
    unit(tmp_path / "b", "x.yaml")
    out = tmp_path / "o"
    result = cli("build", "a/x.yaml", "b/x.yaml", "-o", "o", "-j1", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "o/x.pdf: error: two files of this build would be written here: the student edition of "
        "a/x.yaml, and the student edition of b/x.yaml",
        "    nothing was built; rename one of the units (its file name gives the PDF names), or build "
        "them into different folders with -o",
        "o/x-teacher.pdf: error: two files of this build would be written here: the teacher edition of "
        "a/x.yaml, and the teacher edition of b/x.yaml",
        "    nothing was built; rename one of the units (its file name gives the PDF names), or build "
        "them into different folders with -o",
        "0 units built: 2 errors, 0 warnings",
    ]
    assert not out.exists() or not any(out.glob("*.pdf"))


def test_a_teacher_edition_never_overwrites_another_units_student_edition(tmp_path: Path) -> None:
    unit(tmp_path / "c", "g.yaml")
    unit(tmp_path / "c", "g-teacher.yaml")
    result = cli("build", "c", "-o", "o", "-j1", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "o/g-teacher.pdf: error: two files of this build would be written here: the student edition "
        "of c/g-teacher.yaml, and the teacher edition of c/g.yaml")
    assert not list((tmp_path / "o").glob("*.pdf"))


def test_every_kind_of_file_takes_part_in_the_collision_check(tmp_path: Path) -> None:
    from studyguide.build import BuildOptions
    from studyguide.outputs import planned_outputs

    versions = BuildOptions(out_dir=Path("o"), versions=2, booklet=True, flashcards=True)
    names = sorted(p.name for p, _ in planned_outputs(Path("g.yaml"), versions))
    assert names == ["g-A-booklet.pdf", "g-A-teacher-booklet.pdf", "g-A-teacher.pdf", "g-A.pdf",
                     "g-B-booklet.pdf", "g-B-teacher-booklet.pdf", "g-B-teacher.pdf", "g-B.pdf",
                     "g-flashcards.pdf"]
    assert collisions(planned_outputs(Path("g.yaml"), versions) + planned_outputs(Path("g-A.yaml"), versions)) == []
    opts = BuildOptions(out_dir=Path("o"), booklet=True, flashcards=True)
    g = Path("g.yaml")
    planned = planned_outputs(g, opts)
    for name in ["g-teacher.yaml", "g-booklet.yaml", "g-flashcards.yaml", "g-teacher-booklet.yaml"]:
        found = collisions(planned + planned_outputs(Path(name), opts))
        assert found, name
        assert all("g.yaml" in p.message and name in p.message for p in found)
    assert collisions(planned) == []


def test_names_differing_only_in_case_collide() -> None:
    found = collisions([(Path("o/Rome.pdf"), "A"), (Path("o/rome.pdf"), "B")])
    assert [p.format() for p in found] == [
        "o/Rome.pdf: error: two files of this build would be written here and rome.pdf (one file where "
        "letter case does not count): A, and B\n    nothing was built; rename one of the units (its file "
        "name gives the PDF names), or build them into different folders with -o"]


def test_the_same_unit_named_twice_is_built_once(tmp_path: Path) -> None:
    unit(tmp_path / "c", "g.yaml")
    result = cli("build", "c", "c/g.yaml", "./c/g.yaml", "-o", "o", "-j1", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "o").glob("*.pdf")) == ["g-teacher.pdf", "g.pdf"]


# --- all or nothing -----------------------------------------------------------------------


def test_a_folder_where_the_teacher_edition_goes_replaces_nothing(tmp_path: Path) -> None:
    src = unit(tmp_path, "g.yaml", "Old")
    assert cli("build", "g.yaml", "-o", "o", "-j1", cwd=tmp_path).returncode == 0
    out = tmp_path / "o"
    old = snapshot(out)
    (out / "g-teacher.pdf").unlink()
    (out / "g-teacher.pdf").mkdir()
    del old["g-teacher.pdf"]
    src.write_text(src.read_text(encoding="utf-8").replace("Old", "New"), encoding="utf-8")
    result = cli("build", "g.yaml", "-o", "o", "-j1", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "g.yaml: error: it is a folder writing o/g-teacher.pdf; nothing was replaced",
        "    a folder has the name this file needs: move or rename that folder",
        "studyguide: g.yaml: not built; the previous PDFs are untouched",
        "0 units built, 1 not built: 1 error, 0 warnings",
    ]
    assert "Traceback" not in result.stderr
    assert snapshot(out) == old
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


class FaultyOS:
    """`os` as the writer sees it, failing the n-th file-system call with `err`
    (and, with `sticky`, every write after it: a disk that stays full)."""

    CALLS = ("open", "write", "fsync", "fchmod", "link", "replace", "mkdir")

    def __init__(self, n: int, err: int, sticky: bool):
        self.n, self.err, self.sticky, self.count, self.fired = n, err, sticky, 0, False

    def __getattr__(self, name: str):
        real = getattr(os, name)
        if name not in self.CALLS:
            return real

        def call(*args, **kwargs):
            self.count += 1
            if self.count == self.n or (self.sticky and self.fired and name == "write"):
                self.fired = True
                raise OSError(self.err, os.strerror(self.err))
            return real(*args, **kwargs)
        return call


@pytest.mark.fuzz
@given(n_files=st.integers(1, 5), old=st.lists(st.booleans(), min_size=5, max_size=5),
       fail_at=st.integers(1, 40), err=st.sampled_from([errno.ENOSPC, errno.EIO, errno.EACCES, errno.EDQUOT]),
       sticky=st.booleans(), unnamed=st.booleans())
def test_a_write_either_replaces_every_file_or_none(n_files, old, fail_at, err, sticky, unnamed) -> None:
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        targets = [folder / f"f{i}.pdf" for i in range(n_files)]
        for i, t in enumerate(targets):
            if old[i]:
                t.write_bytes(b"old %d" % i)
        before = snapshot(folder)
        new = [(t, b"new %d " % i * (i + 1000)) for i, t in enumerate(targets)]
        faulty = FaultyOS(fail_at, err, sticky)
        real_os, real_unnamed = writer.os, writer._open_unnamed
        writer.os = faulty  # type: ignore[assignment]
        if not unnamed:
            writer._open_unnamed = lambda folder: None  # type: ignore[assignment]
        try:
            writer.write_all(new)
            failed = None
        except writer.WriteFailed as exc:
            failed = exc
        finally:
            writer.os, writer._open_unnamed = real_os, real_unnamed  # type: ignore[assignment]
        after = snapshot(folder)
        if failed is None:
            assert after == {t.name: data for t, data in new}
        else:
            assert after == before, f"call {fail_at} failed ({failed}) and files changed"
            assert str(failed).endswith("; nothing was replaced")
        assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"


@pytest.mark.fuzz
@settings(max_examples=200 if THOROUGH else 8, deadline=None)
@given(fail_at=st.integers(1, 60), err=st.sampled_from([errno.ENOSPC, errno.EACCES, errno.EIO]),
       sticky=st.booleans(), flags=st.sampled_from([(False, False), (True, True)]))
def test_a_build_with_a_fault_at_any_write_is_whole_or_untouched(fail_at, err, sticky, flags) -> None:
    """The real build (charts cache included): old guides stay, or every new file is there."""
    from studyguide.build import BuildOptions, build_unit

    booklet, flashcards = flags
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "o"
        src = UNITS / "ancient-greece.yaml"
        opts = BuildOptions(out_dir=out, booklet=booklet, flashcards=flashcards)
        out.mkdir()
        names = ["ancient-greece.pdf", "ancient-greece-teacher.pdf"]
        for n in names:
            (out / n).write_bytes(b"%PDF old " + n.encode())
        before = snapshot(out)
        real_os = writer.os
        writer.os = FaultyOS(fail_at, err, sticky)  # type: ignore[assignment]
        try:
            result = build_unit(src, opts)
        finally:
            writer.os = real_os  # type: ignore[assignment]
        after = snapshot(out)
        if result.outputs:
            assert {o.path.name for o in result.outputs} <= set(after)
            assert all(after[n] != before[n] for n in names)
        else:
            errors = [p.format() for p in result.problems if p.is_error]
            assert errors and ("nothing was replaced" in errors[0] or "chart cache" in errors[0]), errors
            assert after == before
        assert not [p for p in out.rglob("*.tmp")]


def _can_mount(point: Path, *options: str) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    point.mkdir(parents=True, exist_ok=True)
    ok = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(options), "tmpfs", str(point)],
                        capture_output=True).returncode == 0
    return ok


def test_a_full_disk_replaces_nothing_and_says_so(tmp_path: Path) -> None:
    src = unit(tmp_path, "g.yaml", "New")
    reference = tmp_path / "reference"
    assert cli("build", str(src), "-o", str(reference), "-j1").returncode == 0
    sizes = sorted(p.stat().st_size for p in reference.glob("*.pdf"))
    disk = tmp_path / "disk"
    room = (sizes[-1] * 3 // 2) // 1024 + 8  # one edition fits, the pair does not
    if not _can_mount(disk, f"size={room}k"):
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        out = disk / "o"
        out.mkdir()
        (out / "g.pdf").write_bytes(b"%PDF old student")
        (out / "g-teacher.pdf").write_bytes(b"%PDF old teacher")
        result = cli("build", str(src), "-o", str(out), "-j1")
        assert result.returncode == 1, result.stderr
        assert result.stderr.splitlines()[:2] == [
            f"{src}: error: out of disk space writing {out}/g-teacher.pdf; nothing was replaced",
            "    free some disk space (or choose another output folder with -o) and build again"]
        assert "Traceback" not in result.stderr
        assert snapshot(out) == {"g-teacher.pdf": b"%PDF old teacher", "g.pdf": b"%PDF old student"}
        assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    finally:
        subprocess.run(["umount", str(disk)], check=False)


# --- the output folder -------------------------------------------------------------------


def test_an_output_folder_that_is_a_file(tmp_path: Path) -> None:
    unit(tmp_path, "g.yaml")
    (tmp_path / "o").write_text("not a folder")
    result = cli("build", "g.yaml", "-o", "o", cwd=tmp_path)
    assert (result.returncode, result.stderr.splitlines()) == (1, [
        "o: error: the output folder is a file, not a folder",
        "    choose another output folder with -o, or move that file away",
        "0 units built: 1 error, 0 warnings"])


def test_an_output_folder_below_a_file(tmp_path: Path) -> None:
    unit(tmp_path, "g.yaml")
    (tmp_path / "f").write_text("a file")
    result = cli("build", "g.yaml", "-o", "f/o", cwd=tmp_path)
    assert (result.returncode, result.stderr.splitlines()) == (1, [
        "f/o: error: cannot create the output folder: a part of the path is not a folder",
        "    a file has the name a folder on this path needs: move or rename that file",
        "0 units built: 1 error, 0 warnings"])


def test_a_read_only_file_system(tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    if not _can_mount(ro, "size=1m", "ro"):
        pytest.skip("cannot mount a read-only tmpfs here (needs root)")
    try:
        unit(tmp_path, "g.yaml")
        result = cli("build", "g.yaml", "-o", "ro", cwd=tmp_path)
        assert (result.returncode, result.stderr.splitlines()) == (1, [
            "ro: error: cannot write in the output folder: the file system is read-only",
            "    choose an output folder on a writable drive with -o",
            "0 units built: 1 error, 0 warnings"])
    finally:
        subprocess.run(["umount", str(ro)], check=False)


@pytest.fixture
def shared(tmp_path: Path):
    """A folder another user can reach, and that user's name; skips where we cannot switch."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root to run a command as another user")
    probe = subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", PY, "-c",
                            "import studyguide"], capture_output=True,
                           env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    if probe.returncode != 0:
        pytest.skip("cannot run Python as nobody here")
    d = Path(tempfile.mkdtemp(prefix="sg-shared-"))
    d.chmod(0o777)
    yield d
    shutil.rmtree(d, ignore_errors=True)


def test_an_output_folder_without_permission(shared: Path) -> None:
    unit(shared, "g.yaml")
    (shared / "g.yaml").chmod(0o644)
    (shared / "o").mkdir(mode=0o755)  # root's folder: nobody may not write in it
    result = cli("build", "g.yaml", "-o", "o", cwd=shared, user="nobody")
    assert (result.returncode, result.stderr.splitlines()) == (1, [
        "o: error: cannot write in the output folder: permission denied",
        "    check the permissions (ls -ld), or choose another output folder with -o",
        "0 units built: 1 error, 0 warnings"])


def test_a_chart_cache_without_permission(shared: Path) -> None:
    src = unit(shared, "g.yaml")
    src.write_text(src.read_text(encoding="utf-8") + "    timeline:\n      - {date: 1850, label: One}\n"
                   "      - {date: 1860, label: Two}\n", encoding="utf-8")
    src.chmod(0o644)
    out = shared / "o"
    out.mkdir()
    out.chmod(0o777)
    (out / ".cache").mkdir(mode=0o755)  # root's: nobody cannot add entries
    result = cli("build", "g.yaml", "-o", "o", "-j1", cwd=shared, user="nobody")
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith("g.yaml: error: cannot write the chart cache o/.cache/timeline-"), first
    assert first.endswith(".json: permission denied")
    assert "bug in studyguide" not in result.stderr and "Traceback" not in result.stderr


def test_unreadable_unit_folders_and_files_in_build_and_validate(shared: Path) -> None:
    locked = shared / "locked"
    unit(locked, "g.yaml")
    locked.chmod(0o700)
    secret = unit(shared, "secret.yaml")
    secret.chmod(0o600)
    (shared / "o").mkdir()
    (shared / "o").chmod(0o777)
    for command in (["validate"], ["build", "-o", "o"]):
        result = cli(*command, "locked", "locked/g.yaml", "secret.yaml", cwd=shared, user="nobody")
        assert result.returncode == 1
        text = result.stdout + result.stderr
        assert "locked: error: cannot list this folder: permission denied" in text
        assert "locked/g.yaml: error: cannot read it: permission denied" in text
        assert "secret.yaml: error: cannot read the file: permission denied" in text
        assert "Traceback" not in text and "bug in studyguide" not in text
