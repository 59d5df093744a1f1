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

from .problems import Pos, Problem, Severity, error

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
        return f"{self.path}  {self.pages} pages  {self.size / 1024:.0f} KiB  {self.seconds:.2f} s"


@dataclass
class UnitResult:
    source: Path
    outputs: list[Output] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def failed(self, strict: bool) -> bool:
        return any(p.is_error or strict for p in self.problems)


def output_name(slug: str, edition: str, opts: BuildOptions | None = None,
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

    from .charts_stage import draw_charts
    from .exercises import with_timeline_exercises
    from .layout.styles import Styles
    from .writer import write_atomic

    unit = with_timeline_exercises(unit)                   # generated questions join the model
    styles = Styles(fonts, paper=opts.paper or unit.paper, duplex=opts.duplex,
                    scale=LARGE_PRINT_SCALE if opts.large_print else 1.0)
    try:
        charts = draw_charts(unit, styles, opts.cache_dir)  # timeline charts, cached
        files = _lay_out(unit, styles, charts, opts)        # every edition, version and extra
    except Exception as exc:  # a layout bug must not look like a crash to a teacher
        result.problems.append(_internal(path, exc))
        return result
    for target, data, pages in files:                      # write, only once all succeeded
        write_atomic(target, data)
        result.outputs.append(Output(target, pages, len(data), time.perf_counter() - started))
    return result


def _lay_out(unit, styles, charts, opts: BuildOptions) -> list[tuple[Path, bytes, int]]:
    """(file, PDF bytes, pages) of everything the options ask for, nothing written yet."""
    from .layout.document import render_editions
    from .shuffle import arrange, version_letters

    files: list[tuple[Path, bytes, int]] = []
    for letter in version_letters(opts.versions) or [None]:
        variant = arrange(unit, letter)                    # the order both editions print
        rendered = render_editions(variant, styles, charts, opts.editions, letter, opts.answers_at_end)
        for edition, r in rendered.items():
            files.append((opts.out_dir / output_name(unit.slug, edition, opts, letter), r.pdf, r.pages))
        if opts.booklet:
            files += _booklets(variant, styles, opts, letter)
    if opts.flashcards and unit.all_terms():  # a unit without key terms has no cards to print
        import dataclasses

        from .flashcards import flashcards_pdf

        cards = flashcards_pdf(unit, dataclasses.replace(styles, duplex=False, scale=1.0))
        files.append((opts.out_dir / f"{unit.slug}-flashcards.pdf", cards, _page_count(cards)))
    return files


def _booklets(unit, styles, opts: BuildOptions, letter: str | None) -> list[tuple[Path, bytes, int]]:
    """Booklets: the guide laid out again on half-size pages, imposed two to a sheet side
    at full size (shrinking full pages would print 10.5 pt text at under 7 pt)."""
    import dataclasses

    from .booklet import impose_booklet
    from .charts_stage import draw_charts
    from .layout.document import render_editions
    from .layout.styles import BOOKLET_PAGE

    half = dataclasses.replace(styles, paper=BOOKLET_PAGE[styles.paper], duplex=False)
    charts = draw_charts(unit, half, opts.cache_dir)
    out = []
    for edition, r in render_editions(unit, half, charts, opts.editions, letter, opts.answers_at_end).items():
        sheets = impose_booklet(r.pdf, styles.paper)
        out.append((opts.out_dir / output_name(unit.slug, edition, opts, letter, "booklet"), sheets,
                    _page_count(sheets)))
    return out


def _page_count(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _internal(path: Path, exc: Exception) -> Problem:
    if os.environ.get(DEBUG_ENV):
        traceback.print_exc()
    return error(Pos(str(path)), f"could not lay out this unit: {type(exc).__name__}: {exc}",
                 f"this is a bug in studyguide; set {DEBUG_ENV}=1 for the details and report it")


def find_units(paths: list[str]) -> tuple[list[Path], list[Problem]]:
    """Files as given; folders give their *.yaml and *.yml files, sorted."""
    units: list[Path] = []
    problems: list[Problem] = []
    for p in map(Path, paths):
        if p.is_dir():
            units += sorted(f for f in p.iterdir() if f.suffix in (".yaml", ".yml") and f.is_file())
        elif p.is_file():
            units.append(p)
        else:
            problems.append(error(Pos(str(p)), "no such file or folder"))
    return units, problems


def _build_one(args: tuple[Path, BuildOptions]) -> UnitResult:
    return build_unit(*args)


def run_build(args) -> int:
    """`studyguide build`: exit 0 when every unit built, 1 otherwise."""
    opts = BuildOptions(out_dir=Path(args.output), paper=args.paper, editions=EDITIONS[args.edition],
                        strict=args.strict, duplex=args.duplex, large_print=args.large_print,
                        versions=args.versions, booklet=args.booklet, flashcards=args.flashcards,
                        answers_at_end=args.answers_at_end)
    units, problems = find_units(args.paths)
    for p in problems:
        print(p.format(), file=sys.stderr)
    if not units and not problems:
        print(f"studyguide: no units (*.yaml) in {' '.join(args.paths)}", file=sys.stderr)
        return 1
    jobs = args.jobs or os.cpu_count() or 1
    jobs = max(1, min(jobs, len(units)))
    if jobs == 1:
        results = map(_build_one, ((u, opts) for u in units))
        status = _report(results, opts, bool(problems), args.quiet)
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            status = _report(pool.map(_build_one, ((u, opts) for u in units)), opts, bool(problems),
                             args.quiet)
    if getattr(args, "watch", False):
        return _watch(units, opts)
    return status


def _watch(units: list[Path], opts: BuildOptions) -> int:
    from .watch import watch

    def rebuild(path: Path) -> list[str]:
        r = build_unit(path, opts)
        lines = [p.format() for p in r.problems]
        if r.failed(opts.strict):
            lines.append(f"studyguide: {path}: not built; the previous PDFs are untouched")
        return lines + [o.line() for o in r.outputs]

    print(f"watching {len(units)} unit(s); Ctrl-C stops", file=sys.stderr)
    watch(units, rebuild)
    return 0


def run_preview(args) -> int:
    """`studyguide preview PDF...`: PNG pages and a contact sheet per PDF."""
    from .preview import preview

    status = 0
    for pdf in map(Path, args.pdfs):
        if not pdf.is_file():
            print(f"{pdf}: error: no such file (build it first: make)", file=sys.stderr)
            status = 1
            continue
        written = preview(pdf, Path(args.output), dpi=args.dpi)
        print(f"{written[-1]}  {len(written) - 1} pages")
    return status


def _report(results, opts: BuildOptions, failed: bool, quiet: bool) -> int:
    errors = warnings = 0
    for r in results:
        for p in r.problems:
            print(p.format(), file=sys.stderr)
            errors += p.severity is Severity.ERROR
            warnings += p.severity is Severity.WARNING
        if r.failed(opts.strict):
            failed = True
            print(f"studyguide: {r.source}: not built; the previous PDFs are untouched", file=sys.stderr)
        elif not quiet:
            for o in r.outputs:
                print(o.line())
    if errors or warnings:
        print(f"studyguide: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if failed else 0
