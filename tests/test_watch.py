"""The watcher, run in a thread on real files: one rebuild per change, clean stop."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from studyguide.watch import unit_deps, watch

from conftest import FIXTURES

INTERVAL = 0.02


def wait_for(predicate, timeout: float = 5.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


def touch(path: Path, seconds: int) -> None:
    """Move the file's mtime forward: a change on any file system, however coarse its clock."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + seconds * 1_000_000_000))


class Watcher:
    def __init__(self, paths: list[Path], deps, rebuild=None):
        self.calls: list[Path] = []
        self.lines: list[str] = []
        self.stop = threading.Event()
        self.started = threading.Event()

        def deps_seen(path: Path) -> list[Path]:
            self.started.set()
            return deps(path)

        def record(path: Path) -> list[str]:
            self.calls.append(path)
            return [f"rebuilt {path.name} #{len(self.calls)}"]

        self.thread = threading.Thread(
            target=watch, args=(paths, rebuild or record),
            kwargs=dict(interval=INTERVAL, stop=self.stop, out=self.lines.append, deps=deps_seen,
                        settle=INTERVAL), daemon=True)

    def __enter__(self) -> "Watcher":
        self.thread.start()
        assert self.started.wait(5)
        time.sleep(3 * INTERVAL)  # first snapshot taken
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        assert not self.thread.is_alive(), "watch did not stop"


@pytest.fixture
def unit(tmp_path) -> tuple[Path, Path]:
    yaml = tmp_path / "unit.yaml"
    yaml.write_text("title: T\n", encoding="utf-8")
    image = tmp_path / "map.png"
    image.write_bytes(b"png")
    return yaml, image


def test_touching_the_yaml_rebuilds_once(unit):
    yaml, image = unit
    with Watcher([yaml], deps=lambda p: [p, image]) as w:
        time.sleep(5 * INTERVAL)
        assert w.calls == []  # nothing changed, nothing built
        touch(yaml, 10)
        assert wait_for(lambda: len(w.calls) == 1)
        time.sleep(10 * INTERVAL)
        assert w.calls == [yaml]
        assert w.lines == ["rebuilt unit.yaml #1"]


def test_changing_an_image_rebuilds_its_unit(unit):
    yaml, image = unit
    other = yaml.with_name("other.yaml")
    other.write_text("title: O\n", encoding="utf-8")
    with Watcher([yaml, other], deps=lambda p: [p, image] if p == yaml else [p]) as w:
        image.write_bytes(b"a bigger png")
        touch(image, 10)
        assert wait_for(lambda: len(w.calls) == 1)
        time.sleep(10 * INTERVAL)
        assert w.calls == [yaml]
        touch(other, 10)
        assert wait_for(lambda: len(w.calls) == 2)
        assert w.calls == [yaml, other]


def test_a_failing_rebuild_is_reported_and_watching_goes_on(unit):
    yaml, _ = unit
    calls = []

    def broken(path: Path) -> list[str]:
        calls.append(path)
        if len(calls) == 1:
            raise RuntimeError("layout bug")
        return ["ok"]

    with Watcher([yaml], deps=lambda p: [p], rebuild=broken) as w:
        touch(yaml, 10)
        assert wait_for(lambda: len(w.lines) == 1)
        assert "rebuild failed: RuntimeError: layout bug" in w.lines[0]
        touch(yaml, 20)
        assert wait_for(lambda: w.lines[-1:] == ["ok"])


def test_ctrl_c_returns_cleanly(unit):
    yaml, _ = unit

    def interrupted(path: Path) -> list[str]:
        raise KeyboardInterrupt

    lines: list[str] = []
    stop = threading.Event()
    done = threading.Event()

    def run():
        watch([yaml], interrupted, interval=INTERVAL, stop=stop, out=lines.append,
              deps=lambda p: [p], settle=INTERVAL)
        done.set()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    time.sleep(3 * INTERVAL)
    touch(yaml, 10)
    assert done.wait(5), "watch did not return after KeyboardInterrupt"
    thread.join(timeout=5)
    assert lines == []


def test_unit_deps_lists_the_yaml_and_its_images():
    path = FIXTURES / "units" / "ancient-greece.yaml"
    deps = unit_deps(path)
    assert deps[0] == path
    assert {d.name for d in deps[1:]} == {"aegean.png", "harbour.jpg"}
    assert all(d.is_file() for d in deps)


def test_unit_deps_of_a_broken_yaml_is_the_yaml(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [unclosed\n", encoding="utf-8")
    assert unit_deps(bad) == [bad]


def test_an_image_added_to_the_yaml_is_watched_after_the_next_change(unit):
    yaml, image = unit
    named: list[Path] = []
    asked: list[Path] = []

    def deps(p: Path) -> list[Path]:
        asked.append(p)
        return [p, *named]

    with Watcher([yaml], deps=deps) as w:
        time.sleep(5 * INTERVAL)
        assert len(asked) == 1  # deps are not asked on every poll
        named.append(image)     # the teacher adds a figure to the YAML ...
        touch(yaml, 10)
        assert wait_for(lambda: len(w.calls) == 1)
        touch(image, 10)        # ... then edits its picture
        assert wait_for(lambda: len(w.calls) == 2)
