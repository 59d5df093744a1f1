"""Command line: `studyguide build|export|validate|new|schema|preview`.

Exit status: 0 success, 1 content problems (or a failed build), 2 a wrong command line.
Heavy modules are imported inside each command so `--help` and `validate` stay fast.
"""

from __future__ import annotations

import argparse
import os
import sys


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="studyguide", description=__doc__.splitlines()[0])
    from . import __version__
    from .shuffle import MAX_VERSIONS

    p.add_argument("--version", action="version", version=f"studyguide {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="build study-guide PDFs from YAML units")
    b.add_argument("paths", nargs="*", default=["content"], metavar="PATH",
                   help="unit files or folders of them (default: content/)")
    b.add_argument("-o", "--output", default="build", metavar="DIR", help="output folder (default: build/)")
    b.add_argument("--paper", choices=["letter", "a4"], help="paper size (default: the unit's, else letter)")
    b.add_argument("--edition", choices=["student", "teacher", "all"], default="all")
    b.add_argument("-j", "--jobs", type=int, default=0, metavar="N",
                   help="units built in parallel (default: the number of cores)")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    b.add_argument("--duplex", action="store_true",
                   help="for double-sided printing: the answer key starts on a right-hand page, "
                        "page numbers on the outer edge, margins mirror")
    b.add_argument("--booklet", action="store_true",
                   help="also write NAME-booklet.pdf: pages imposed two to a sheet for folding")
    b.add_argument("--flashcards", action="store_true",
                   help="also write NAME-flashcards.pdf: key terms on cards to cut out")
    b.add_argument("--versions", type=_versions, default=0, metavar="N",
                   help=f"write versions A, B, ... (up to {MAX_VERSIONS}) with shuffled questions")
    b.add_argument("--answers-at-end", action="store_true",
                   help="end the student edition with a self-check page: the short answers of "
                        "multiple-choice, true/false, fill-in, matching and ordering questions")
    b.add_argument("--questions", type=_count, metavar="N",
                   help="draw N questions from the unit's bank (seeded; every section keeps at least one; "
                        "versions draw their own)")
    b.add_argument("--tags", type=_names, action="extend", default=[], metavar="TAG[,TAG]",
                   help="use only questions with one of these tags")
    b.add_argument("--difficulty", type=_names, action="extend", default=[], metavar="LEVEL[,LEVEL]",
                   help="use only questions of these difficulties (easy, medium, hard)")
    b.add_argument("--large-print", action="store_true", help="16 pt body text for low vision")
    b.add_argument("--watch", action="store_true",
                   help="build, then rebuild a guide whenever its YAML or images change (Ctrl-C stops)")

    from .export import FORMATS

    e = sub.add_parser("export", help="export units for learning platforms and flashcard apps",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       epilog="formats:\n" + "\n".join(f"  {f.name:8} {f.file_name('NAME'):16} {f.what}"
                                                        for f in FORMATS.values()))
    e.add_argument("paths", nargs="*", default=["content"], metavar="PATH",
                   help="unit files or folders of them (default: content/)")
    e.add_argument("-f", "--format", action="append", required=True, metavar="FORMAT",
                   help=f"{', '.join(FORMATS)} or all; repeat it or separate with commas")
    e.add_argument("-o", "--output", default="build/export", metavar="DIR",
                   help="output folder (default: build/export/)")
    e.add_argument("--edition", choices=["student", "teacher", "all"], default="all",
                   help="json: the editions described (default: all)")
    e.add_argument("--versions", type=_versions, default=0, metavar="N",
                   help="json: also describe versions A, B, ... as `build --versions N` prints them")

    pv = sub.add_parser("preview", help="write PNG pages and a contact sheet of built PDFs")
    pv.add_argument("pdfs", nargs="+", metavar="PDF")
    pv.add_argument("-o", "--output", default="build/preview", metavar="DIR")
    pv.add_argument("--dpi", type=_dpi, default=60,
                    help="pixels per inch of the page images, 20 to 600 (default: 60)")

    v = sub.add_parser("validate", help="check units without building")
    v.add_argument("paths", nargs="*", default=["content"], metavar="PATH")
    v.add_argument("--strict", action="store_true", help="warnings fail too")

    n = sub.add_parser("new", help="write a starter unit that validates and builds")
    n.add_argument("title")
    n.add_argument("-o", "--output", default="content", metavar="DIR")

    sc = sub.add_parser("schema", help="print the JSON Schema of the content format")
    sc.add_argument("--export", action="store_true", help="the schema of `export --format json` instead")
    return p


def _versions(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    from .shuffle import MAX_VERSIONS

    if not 1 <= n <= MAX_VERSIONS:
        raise argparse.ArgumentTypeError(f"choose between 1 and {MAX_VERSIONS} versions")
    return n


def _safe_streams() -> None:
    """A terminal or pipe that cannot show a character (PYTHONIOENCODING=ascii, a C locale)
    still gets every line, with `\\u7477` in its place, instead of a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _dpi(text: str) -> int:
    from .preview import MAX_DPI, MIN_DPI

    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not MIN_DPI <= n <= MAX_DPI:
        raise argparse.ArgumentTypeError(f"choose from {MIN_DPI} to {MAX_DPI} dpi")
    return n


def _count(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("ask for at least 1 question")
    return n


def _names(text: str) -> list[str]:
    names = [t.strip() for t in text.split(",") if t.strip()]
    if not names:
        raise argparse.ArgumentTypeError("give at least one name")
    return names


def main(argv: list[str] | None = None) -> int:
    _safe_streams()
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            from .build import run_build

            return run_build(args)
        if args.command == "export":
            from .export.run import run_export

            return run_export(args)
        if args.command == "validate":
            from .authoring import run_validate

            return run_validate(args.paths, strict=args.strict)
        if args.command == "new":
            from .authoring import run_new

            return run_new(args.title, args.output)
        if args.command == "preview":
            from .build import run_preview

            return run_preview(args)
        if args.command == "schema" and args.export:
            from .export.run import print_schema

            return print_schema()
        if args.command == "schema":
            from .authoring import run_schema

            return run_schema()
    except KeyboardInterrupt:
        print("studyguide: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
