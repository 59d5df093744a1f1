"""The build pipeline, readable from one function: `build_unit`.

load and validate (YAML to a typed model, every problem at once) -> check glyphs ->
draw charts (cached) -> lay out both editions -> write atomically. `run_build` is the
command line around it: finds the units, runs them (in parallel with -j) and reports.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .outputs import flashcards_name, output_name
from .problems import Pos, Problem, error, shown

if TYPE_CHECKING:  # the model is imported where a unit is loaded, not at start-up
    from . import model as m

EDITIONS = {"student": ("student",), "teacher": ("teacher",), "all": ("student", "teacher")}
DEBUG_ENV = "STUDYGUIDE_DEBUG"


LARGE_PRINT_SCALE = 1.6  # 10.5 pt body text becomes 16.8 pt


@dataclass(frozen=True)
class BuildOptions:
    out_dir: Path = Path("build")
    paper: str | None = None
    editions: tuple[str, ...] = ("student", "teacher")
    strict: bool = False
    duplex: bool = False
    large_print: bool = False
    versions: int = 0          # 0: one guide; N: versions A.. with shuffled questions
    booklet: bool = False
    flashcards: bool = False
    answers_at_end: bool = False  # a self-check page of short answers closes the student edition
    questions: int | None = None  # draw this many questions from the bank (None: all)
    tags: tuple[str, ...] = ()    # draw only questions with one of these tags
    difficulty: tuple[str, ...] = ()

    @property
    def request(self):
        from .selection import Request

        return Request(self.questions, self.tags, self.difficulty)

    @property
    def cache_dir(self) -> Path:
        return self.out_dir / ".cache"


@dataclass(frozen=True)
class Output:
    path: Path
    pages: int
    size: int
    seconds: float

    def line(self) -> str:
        return f"{shown(str(self.path))}  {self.pages} pages  {self.size / 1024:.0f} KiB  {self.seconds:.2f} s"


@dataclass
class UnitResult:
    source: Path
    outputs: list[Output] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def failed(self, strict: bool) -> bool:
        return any(p.is_error or strict for p in self.problems)


def build_unit(path: Path, opts: BuildOptions) -> UnitResult:
    """Build every requested edition of one unit; never raises for content problems."""
    from .validate import load_unit

    result = UnitResult(path)
    started = time.perf_counter()
    unit, problems = load_unit(path)                       # load, validate, model
    result.problems += problems
    if unit is None or result.failed(opts.strict):
        return result

    from .fonts import load_fonts
    from .glyphs import glyph_problems

    fonts = load_fonts()
    result.problems += glyph_problems(unit, fonts)         # every character printable
    if result.failed(opts.strict):
        return result

    from .charts.stage import draw_charts
    from .exercises import with_timeline_exercises
    from .charts.cache import CacheError
    from .files import hint
    from .labels import unit_labels
    from .selection import problems as selection_problems
    from .layout.styles import Styles
    from .writer import WriteFailed, write_all

    unit = with_timeline_exercises(unit)                   # generated questions join the model
    result.problems += selection_problems(unit, opts.request, opts.versions)  # a bank can give it
    if result.failed(opts.strict):
        return result
    styles = Styles(fonts, paper=opts.paper or unit.paper, duplex=opts.duplex,
                    scale=LARGE_PRINT_SCALE if opts.large_print else 1.0, rtl=unit_labels(unit).rtl)
    try:
        charts = draw_charts(unit, fonts, styles.frame_width, styles.scale, opts.cache_dir,  # cached
                             styles.chart_height)
        files = _lay_out(unit, styles, charts, opts)        # every edition, version and extra
    except CacheError as exc:
        result.problems.append(error(Pos(str(path)), str(exc), exc.hint))
        return result
    except Exception as exc:  # a layout bug must not look like a crash to a teacher
        result.problems.append(_internal(path, exc))
        return result
    try:
        write_all((target, data) for target, data, _ in files)  # all of them, or none
    except WriteFailed as exc:
        result.problems.append(error(Pos(str(path)), str(exc), hint(exc.exc)))
        return result
    seconds = time.perf_counter() - started
    result.outputs += [Output(target, pages, len(data), seconds) for target, data, pages in files]
    return result


def printed_units(unit: m.Unit, opts: BuildOptions) -> list[tuple[str | None, m.Unit]]:
    """(version letter or None, the unit in the order that guide prints it, both editions) for
    every guide the options ask for. Builds lay these out and `export` describes them, so the
    two always agree."""
    from .selection import select
    from .shuffle import arrange, version_letters

    letters: list[str | None] = list(version_letters(opts.versions)) or [None]
    drawn = select(unit, opts.request, letters)            # each version's questions from the bank
    others = {v: u for v, u in drawn.items() if v}
    return [(letter, arrange(drawn[letter], letter, others)) for letter in letters]  # the printed order


def _lay_out(unit, styles, charts, opts: BuildOptions) -> list[tuple[Path, bytes, int]]:
    """(file, PDF bytes, pages) of everything the options ask for, nothing written yet."""
    from .layout.document import render_editions

    files: list[tuple[Path, bytes, int]] = []
    for letter, variant in printed_units(unit, opts):
        rendered = render_editions(variant, styles, charts, opts.editions, letter, opts.answers_at_end)
        for edition, r in rendered.items():
            files.append((opts.out_dir / output_name(unit.slug, edition, opts, letter), r.pdf, r.pages))
        if opts.booklet:
            files += _booklets(variant, styles, opts, letter)
    if opts.flashcards and unit.all_terms():  # a unit without key terms has no cards to print
        import dataclasses

        from .flashcards import flashcards_pdf
        from .layout.tagging import print_only

        cards = flashcards_pdf(unit, dataclasses.replace(styles, duplex=False, scale=1.0))
        cards = print_only(cards, unit.language,
                           _print_only_note("flashcards", output_name(unit.slug, "student", opts)))
        files.append((opts.out_dir / flashcards_name(unit.slug), cards, _page_count(cards)))
    return files


def _booklets(unit, styles, opts: BuildOptions, letter: str | None) -> list[tuple[Path, bytes, int]]:
    """Booklets: the guide laid out again on half-size pages, imposed two to a sheet side
    at full size (shrinking full pages would print 10.5 pt text at under 7 pt)."""
    import dataclasses

    from .booklet import impose_booklet
    from .charts.stage import draw_charts
    from .layout.document import render_editions
    from .layout.tagging import print_only
    from .print_style import BOOKLET_PAGE

    half = dataclasses.replace(styles, paper=BOOKLET_PAGE[styles.paper], duplex=False)
    charts = draw_charts(unit, half.fonts, half.frame_width, half.scale, opts.cache_dir, half.chart_height)
    out = []
    for edition, r in render_editions(unit, half, charts, opts.editions, letter, opts.answers_at_end).items():
        sheets = impose_booklet(r.pdf, styles.paper)
        guide = output_name(unit.slug, edition, opts, letter)
        sheets = print_only(sheets, unit.language, _print_only_note("booklet", guide))
        out.append((opts.out_dir / output_name(unit.slug, edition, opts, letter, "booklet"), sheets,
                    _page_count(sheets)))
    return out


def _print_only_note(kind: str, guide: str) -> str:
    """Imposed and card products are not tagged: their reading order is the print room's."""
    return (f"Print-only {kind}: not tagged for screen readers. For reading on screen or with "
            f"assistive technology use the tagged guide, {guide}.")


def _page_count(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _internal(path: Path, exc: Exception) -> Problem:
    if os.environ.get(DEBUG_ENV):
        traceback.print_exc()
    return error(Pos(str(path)), f"could not lay out this unit: {type(exc).__name__}: {exc}",
                 f"this is a bug in studyguide; set {DEBUG_ENV}=1 for the details and report it")


def _build_one(args: tuple[Path, BuildOptions]) -> UnitResult:
    return build_unit(*args)


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the main process, which stops them all and prints one line."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_build(args) -> int:
    """`studyguide build`: exit 0 when every unit built, 1 otherwise.

    Everything that can be known before building is checked first, so a run that cannot
    succeed writes nothing: the paths, SOURCE_DATE_EPOCH, the output folder, and every
    output name of every unit (two files with one name would overwrite each other).
    """
    from .discovery import find_units
    from .outputs import collisions, planned_outputs
    from .report import Report

    opts = BuildOptions(out_dir=Path(args.output), paper=args.paper, editions=EDITIONS[args.edition],
                        strict=args.strict, duplex=args.duplex, large_print=args.large_print,
                        versions=args.versions, booklet=args.booklet, flashcards=args.flashcards,
                        answers_at_end=args.answers_at_end, questions=args.questions,
                        tags=tuple(args.tags), difficulty=tuple(args.difficulty))
    report = Report("built", strict=args.strict)
    units: list[Path] = []
    for item in find_units(args.paths):
        if isinstance(item, Path):
            units.append(item)
        else:
            report.run_problem(item)
    if not units:
        if not report.errors:
            report.run_problem(error(Pos(" ".join(args.paths)), "no units (*.yaml or *.yml files) here"))
        report.summary()
        return 1
    before = collisions(pair for u in units for pair in planned_outputs(u, opts))
    for check in (_epoch_problem, lambda: _out_dir_problem(opts.out_dir)):  # in order: no folder
        problem = None if before else check()                              # made for a bad run
        before += [problem] if problem else []
    if before:
        for p in before:
            report.run_problem(p)
        report.summary()
        return 1
    jobs = args.jobs or os.cpu_count() or 1
    jobs = max(1, min(jobs, len(units)))
    work = [(u, opts) for u in units]
    if jobs == 1:
        _report(map(_build_one, work), report, args.quiet)
    else:
        import multiprocessing

        pool = multiprocessing.Pool(jobs, initializer=_ignore_sigint)
        try:
            _report(pool.imap(_build_one, work), report, args.quiet)
        except BaseException:  # Ctrl-C: stop every worker now; each file is whole or absent
            pool.terminate()
            pool.join()
            raise
        pool.close()
        pool.join()
    if report.errors or report.warnings or report.failed or not args.quiet:
        report.summary()
    if getattr(args, "watch", False):
        return _watch(units, opts)
    return report.return_code


EPOCH_ENV = "SOURCE_DATE_EPOCH"
MAX_EPOCH = 253402300799  # 9999-12-31 23:59:59 UTC: the last date a PDF can hold


def _epoch_problem() -> Problem | None:
    """SOURCE_DATE_EPOCH fixes the creation date in the PDFs (reproducible builds); ReportLab
    reads it, and a wrong value would otherwise surface as a crash deep inside layout."""
    value = os.environ.get(EPOCH_ENV)
    if value is None:
        return None
    try:
        seconds = int(value.strip())
    except ValueError:
        seconds = -1
    if 0 <= seconds <= MAX_EPOCH:
        return None
    return error(Pos(EPOCH_ENV), f"the environment variable {EPOCH_ENV} is {value!r}, which is not a "
                 f"number of seconds from 1970 to 9999 (0 to {MAX_EPOCH})",
                 f"set it to a whole number such as 1767225600 (git log -1 --format=%ct), or unset it "
                 f"to date the PDFs now: unset {EPOCH_ENV}")


def _out_dir_problem(out: Path) -> Problem | None:
    """Can files be written into the output folder? Tried for real, so permissions, a
    read-only file system and a full disk's inode table all show up before any building."""
    from .files import cause, hint
    from .writer import probe_folder

    if out.exists() and not out.is_dir():
        return error(Pos(str(out)), "the output folder is a file, not a folder",
                     "choose another output folder with -o, or move that file away")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return error(Pos(str(out)), f"cannot create the output folder: {cause(exc)}", hint(exc))
    try:
        probe_folder(out)
    except OSError as exc:
        return error(Pos(str(out)), f"cannot write in the output folder: {cause(exc)}", hint(exc))
    return None


def _watch(units: list[Path], opts: BuildOptions) -> int:
    from .watch import watch

    def rebuild(path: Path) -> list[str]:
        r = build_unit(path, opts)
        lines = [p.format() for p in r.problems]
        if r.failed(opts.strict):
            lines.append(f"studyguide: {shown(str(path))}: not built; the previous PDFs are untouched")
        return lines + [o.line() for o in r.outputs]

    print(f"watching {len(units)} unit(s); Ctrl-C stops", file=sys.stderr)
    watch(units, rebuild)
    return 0


def run_preview(args) -> int:
    """`studyguide preview PDF...`: PNG pages and a contact sheet per PDF."""
    from .preview import PreviewError, preview
    from .writer import WriteFailed

    status = 0
    for pdf in map(Path, args.pdfs):
        if not pdf.exists():
            print(f"{shown(str(pdf))}: error: no such file (build it first: make)", file=sys.stderr)
            status = 1
            continue
        try:
            written = preview(pdf, Path(args.output), dpi=args.dpi)
        except (PreviewError, WriteFailed) as exc:
            print(f"{shown(str(pdf))}: error: {shown(str(exc))}", file=sys.stderr)
            status = 1
            continue
        print(f"{shown(str(written[-1]))}  {len(written) - 1} pages")
    return status


def _report(results, report, quiet: bool) -> None:
    for r in results:
        for p in r.problems:
            report.problem(p)
        if r.failed(report.strict):
            report.unit_failed(r.source, "not built; the previous PDFs are untouched")
        else:
            report.unit_done()
            if not quiet:
                for o in r.outputs:
                    print(o.line(), flush=True)
