"""Which unit files a command line names: the one discovery rule of `build` and `validate`.

Files are taken as given (the loader then says what is wrong with a FIFO or an unreadable
file); folders give their *.yaml and *.yml entries, sorted, not recursively. A path named
twice (or a file inside a folder also named) is used once. Problems come in place of the
path they are about, in the order given, so output follows the command line.
"""

from __future__ import annotations

import os
from pathlib import Path

from .files import cause
from .problems import Pos, Problem, error, warning

UNIT_SUFFIXES = (".yaml", ".yml")


def find_units(paths: list[str]) -> list[Path | Problem]:
    found: list[Path | Problem] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            found.append(path)

    for name in paths:
        path = Path(name)
        try:
            is_dir = path.is_dir()
            if not is_dir:
                os.stat(path)
        except OSError as exc:
            found.append(_unreachable(name, exc))
            continue
        if not is_dir:
            add(path)
            continue
        try:
            with os.scandir(path) as entries:
                names = sorted(e.name for e in entries if e.name.endswith(UNIT_SUFFIXES) and not _is_dir(e))
        except OSError as exc:
            found.append(error(Pos(name), f"cannot list this folder: {cause(exc)}",
                               "check the folder's permissions (it needs read and search rights: "
                               "chmod u+rx)"))
            continue
        if not names:
            found.append(warning(Pos(name), "no .yaml or .yml files in this folder"))
        for entry in names:
            add(path / entry)
    return found


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _unreachable(name: str, exc: OSError) -> Problem:
    if isinstance(exc, FileNotFoundError):
        return error(Pos(name), "no such file or folder")
    return error(Pos(name), f"cannot read it: {cause(exc)}",
                 "check the permissions of the file and of the folders above it")


def split(found: list[Path | Problem]) -> tuple[list[Path], list[Problem]]:
    return ([p for p in found if isinstance(p, Path)], [p for p in found if isinstance(p, Problem)])
