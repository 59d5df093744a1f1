"""The files a build will write, named before anything is built, and their collisions.

Output names come from a unit's file name and the options alone, so every file of a run
(every unit, edition, version, booklet and flashcards, and any export) is known before a
byte is written. Two of them with the same name would silently overwrite each other (a
unit `g.yaml` writes `g-teacher.pdf`, the student edition of a unit `g-teacher.yaml` too),
so `collisions` refuses such a run with both sources named. Names that differ only in
letter case collide too: they are one file on macOS and Windows.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .problems import Pos, Problem, error

if TYPE_CHECKING:
    from .build import BuildOptions

EDITION_WORDS = {"student": "student edition", "teacher": "teacher edition"}


def output_name(slug: str, edition: str, opts: "BuildOptions | None" = None,
                version: str | None = None, kind: str = "") -> str:
    """NAME[-large][-A][-teacher][-booklet].pdf"""
    base = slug
    if opts is not None and opts.large_print:
        base += "-large"
    if version:
        base += f"-{version}"
    if edition != "student":
        base += f"-{edition}"
    if kind:
        base += f"-{kind}"
    return base + ".pdf"


def flashcards_name(slug: str) -> str:
    return f"{slug}-flashcards.pdf"


def describe(source: Path, edition: str, version: str | None = None, kind: str = "") -> str:
    """'the version B teacher edition booklet of units/g.yaml', for collision messages."""
    what = EDITION_WORDS.get(edition, f"{edition} edition")
    if version:
        what = f"version {version} {what}"
    if kind:
        what += f" {kind}"
    return f"the {what} of {source}"


def planned_outputs(source: Path, opts: "BuildOptions") -> list[tuple[Path, str]]:
    """(path, what writes it) of every file building `source` with `opts` may write.

    Flashcards are planned whenever asked for, even if the unit turns out to have no key
    terms: a name that could collide is refused before anything is built.
    """
    from .shuffle import version_letters

    slug = source.stem
    planned: list[tuple[Path, str]] = []
    letters: list[str | None] = [*version_letters(opts.versions)] or [None]
    for letter in letters:
        kinds = ("", "booklet") if opts.booklet else ("",)
        for kind in kinds:
            for edition in opts.editions:
                planned.append((opts.out_dir / output_name(slug, edition, opts, letter, kind),
                                describe(source, edition, letter, kind)))
    if opts.flashcards:
        planned.append((opts.out_dir / flashcards_name(slug), f"the flashcards of {source}"))
    return planned


def _same_file_key(path: Path) -> str:
    folder = os.path.realpath(path.parent)
    name = unicodedata.normalize("NFC", path.name).casefold()
    return os.path.join(os.path.normcase(folder), name)


def collisions(planned: Iterable[tuple[Path, str]]) -> list[Problem]:
    """One problem per output path that two planned files share, naming both sources."""
    first: dict[str, tuple[Path, str]] = {}
    problems: list[Problem] = []
    for path, source in planned:
        key = _same_file_key(path)
        if key not in first:
            first[key] = (path, source)
            continue
        other_path, other = first[key]
        same = "" if other_path.name == path.name else f" and {path.name} (one file where letter case does not count)"
        problems.append(error(
            Pos(str(other_path)),
            f"two files of this build would be written here{same}: {other}, and {source}",
            "nothing was built; rename one of the units (its file name gives the PDF names), "
            "or build them into different folders with -o"))
    return problems
