"""`build --watch`: rebuild a guide when its YAML or the images it uses change.

Plain polling of modification times (stdlib only, no watchdog): it works the same on every
system, on network drives and in containers, and a few stat() calls twice a second cost
nothing. A unit's dependencies are asked for again after every change, so an image added
to the YAML is watched from the next poll on.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

Stamp = tuple[int, int] | None  # (mtime in ns, size); None when the file is missing
Snapshot = dict[Path, Stamp]


def unit_deps(path: Path) -> list[Path]:
    """The unit's YAML and every image its figures use (just the YAML if it does not load)."""
    from .validate import load_unit

    try:
        unit, _ = load_unit(path)
    except Exception:  # a half-saved YAML must not stop the watcher
        unit = None
    images = [f.image for s in unit.sections for f in s.figures] if unit else []
    return [path, *dict.fromkeys(images)]


def _stamp(path: Path) -> Stamp:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def _files(path: Path, deps: Callable[[Path], list[Path]]) -> list[Path]:
    try:
        return list(dict.fromkeys([path, *deps(path)]))
    except Exception:  # deps of a half-saved unit: watch the YAML until it loads
        return [path]


def _stamps(files: list[Path]) -> Snapshot:
    return {f: _stamp(f) for f in files}


def watch(paths: list[Path], rebuild: Callable[[Path], list[str]], interval: float = 0.5,
          stop: threading.Event | None = None, out: Callable[[str], object] = print,
          deps: Callable[[Path], list[Path]] = unit_deps, settle: float = 0.1) -> None:
    """Poll until Ctrl-C or `stop` is set; call rebuild(unit) when a unit's files change.

    Every line rebuild returns is passed to `out`. The caller builds once before
    watching; the watcher only reacts to changes. A change is acted on once it has held
    still for `settle` seconds, so an editor's save in several writes gives one rebuild.
    `deps` is asked only after a change (loading a unit on every poll would be wasteful).
    A failing rebuild is reported and the watch goes on.
    """
    stop = stop or threading.Event()
    files = {p: _files(p, deps) for p in paths}
    seen = {p: _stamps(files[p]) for p in paths}
    try:
        while not stop.wait(interval):
            for path in paths:
                now = _stamps(files[path])
                if now == seen[path]:
                    continue
                while not stop.wait(settle):  # wait for the save to finish
                    later = _stamps(files[path])
                    if later == now:
                        break
                    now = later
                if stop.is_set():
                    return
                files[path] = _files(path, deps)  # the YAML may name other images now
                seen[path] = _stamps(files[path])  # taken before rebuilding: edits during it count
                if seen[path][path] is None:
                    out(f"{path}: missing; waiting for it to come back")
                    continue
                for line in _rebuild(rebuild, path):
                    out(line)
    except KeyboardInterrupt:
        return


def _rebuild(rebuild: Callable[[Path], list[str]], path: Path) -> list[str]:
    try:
        return list(rebuild(path))
    except KeyboardInterrupt:
        raise
    except Exception as exc:
        return [f"{path}: rebuild failed: {type(exc).__name__}: {exc}"]
