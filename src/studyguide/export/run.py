"""`studyguide export`: every unit named, in every format asked, one line per file written.

Like `build`: a unit with problems is reported (`file:line:col`) and nothing is written;
every file is made in memory first and written only when all of the run's files were made
and no two of them share a name, then all of them or none (`writer.write_all`).
"""

from __future__ import annotations

import os
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

from ..problems import Pos, Problem, error
from . import FORMATS, Format, Job, Result

ALL = "all"


@dataclass(frozen=True)
class Planned:
    source: Path
    fmt: Format
    target: Path
    result: Result


def parse_formats(values: list[str]) -> list[Format] | str:
    """Formats from `--format` values (repeated or comma-separated; `all`), or the bad name."""
    names: list[str] = []
    for value in values:
        for name in filter(None, (v.strip().lower() for v in value.split(","))):
            if name == ALL:
                names += FORMATS
            elif name in FORMATS:
                names.append(name)
            else:
                return name
    return [FORMATS[n] for n in dict.fromkeys(names)]


def missing(job: Job, fmt: Format) -> tuple[str, str] | None:
    """Why `fmt` has nothing to export from this unit (message, hint), or None."""
    if fmt.needs == "questions" and not job.unit.all_questions():
        return f"no questions to export as {fmt.name}", "add questions: to a section or to the unit"
    if fmt.needs == "terms" and not job.unit.all_terms():
        return f"no key terms to export as {fmt.name}", "add key_terms: to a section"
    return None


def export_unit(path: Path, formats: list[Format], out_dir: Path, editions: tuple[str, ...],
                versions: int, explicit: bool) -> tuple[list[Planned], list[Problem], list[str]]:
    """The files of one unit, made in memory; problems; notes for formats skipped."""
    from ..exercises import with_timeline_exercises
    from ..validate import load_unit
    from ..writer import WriteFailed

    unit, problems = load_unit(path)
    if unit is None or any(p.is_error for p in problems):
        return [], problems, []
    job = Job(with_timeline_exercises(unit), editions, versions, out_dir / ".cache")
    planned: list[Planned] = []
    notes: list[str] = []
    for fmt in formats:
        why = missing(job, fmt)
        if why:
            message, hint = why
            if explicit:
                problems.append(error(Pos(str(path)), message, hint))
            else:
                notes.append(f"{path}: {message}; skipped")
            continue
        try:
            result = fmt.exporter()(job)
        except (OSError, WriteFailed) as exc:  # the chart cache under the output folder
            where = exc.path if isinstance(exc, WriteFailed) else (exc.filename or out_dir)
            problems.append(error(Pos(str(where)), f"cannot write: {exc.strerror or exc}"
                                  if isinstance(exc, OSError) else str(exc),
                                  "check that the output folder (-o) is a folder you can write to"))
            return [], problems, notes
        except Exception as exc:  # a mapping bug must not look like a crash to a teacher
            problems.append(internal(path, exc))
            return [], problems, notes
        planned.append(Planned(path, fmt, out_dir / fmt.file_name(unit.slug), result))
    return planned, problems, notes


def internal(path: Path, exc: Exception) -> Problem:
    from ..build import DEBUG_ENV

    if os.environ.get(DEBUG_ENV):
        traceback.print_exc()
    return error(Pos(str(path)), f"could not export this unit: {type(exc).__name__}: {exc}",
                 f"this is a bug in studyguide; set {DEBUG_ENV}=1 for the details and report it")


def collisions(planned: list[Planned]) -> list[Problem]:
    """Two units of one run that would write the same file (a/x.yaml and b/x.yaml)."""
    seen: dict[Path, Planned] = {}
    out = []
    for p in planned:
        first = seen.setdefault(p.target, p)
        if first is not p:
            out.append(error(Pos(str(p.source)), f"writes {p.target}, as {first.source} does",
                             "rename one of the units or export them to different folders (-o)"))
    return out


def run_export(args) -> int:
    """Exit 0 when every file was written, 1 on content or file problems (nothing written)."""
    from ..build import EDITIONS
    from ..discovery import find_units
    from ..writer import WriteFailed, write_all

    formats = parse_formats(args.format)
    if isinstance(formats, str):  # argparse lets comma lists through; the bad name is ours to report
        print(f"studyguide export: error: unknown format {formats!r}; choose from "
              f"{', '.join(FORMATS)} or {ALL}", file=sys.stderr)
        return 2
    out_dir = Path(args.output)
    if out_dir.exists() and not out_dir.is_dir():
        print(f"{out_dir}: error: the output folder is not a folder\n    choose another one with -o",
              file=sys.stderr)
        return 1
    explicit = not any(ALL in v.lower().split(",") for v in args.format)
    found = find_units(args.paths)
    units = [u for u in found if isinstance(u, Path)]
    problems = [p for p in found if not isinstance(p, Path)]
    if not units and not problems:
        print(f"studyguide: no units (*.yaml) in {' '.join(args.paths)}", file=sys.stderr)
        return 1
    planned: list[Planned] = []
    failed = any(p.is_error for p in problems)
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    for path in units:
        made, unit_problems, notes = export_unit(path, formats, out_dir, EDITIONS[args.edition],
                                                 args.versions, explicit)
        for problem in unit_problems:
            print(problem.format(), file=sys.stderr)
        for note in notes:
            print(note, file=sys.stderr)
        if any(p.is_error for p in unit_problems):
            failed = True
            print(f"studyguide: {path}: not exported; the previous files are untouched", file=sys.stderr)
            continue
        planned += made
    clashes = collisions(planned)
    for problem in clashes:
        print(problem.format(), file=sys.stderr)
    if failed or clashes:
        if planned:
            print("studyguide: nothing written", file=sys.stderr)
        return 1
    try:
        write_all((plan.target, plan.result.data) for plan in planned)  # every file, or none
    except WriteFailed as exc:
        print(f"{exc.path}: error: {exc}", file=sys.stderr)
        return 1
    for done in planned:
        print(line(done))
    return 0


def line(p: Planned) -> str:
    notes = "".join(f"  ({n})" for n in p.result.notes)
    return f"{p.target}  {p.result.count}  {len(p.result.data) / 1024:.0f} KiB{notes}"


def print_schema() -> int:
    """`studyguide schema --export`: the JSON Schema of `--format json` (make schema commits it)."""
    from .jsonschema import schema_text
    from .records import Export

    text = schema_text(Export)
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a replaced stdout (tests) takes text
        sys.stdout.write(text)
    else:
        sys.stdout.flush()
        buffer.write(text.encode("utf-8"))  # UTF-8 whatever the locale, like the committed file
        buffer.flush()
    return 0
