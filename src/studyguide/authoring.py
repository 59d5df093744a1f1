"""The teacher-facing commands: `validate`, `new` and `schema`.

`validate` prints problems the way compilers do (one per line, `path:line:col:`), so
editors and terminals can jump to them; the one-line summary goes to stderr so the
problem list stays clean for tools that read stdout.
"""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from importlib import resources
from pathlib import Path

from .problems import Problem

SCHEMA_FILE = Path("schema") / "studyguide.schema.json"
_TITLE_LINE = re.compile(r'^title: .*$', re.MULTILINE)
_SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=.*\n", re.MULTILINE)


def check_file(path: Path) -> list[Problem]:
    """Every problem of one unit: content, then (if it loaded) characters no font can print."""
    from .glyphs import glyph_problems
    from .validate import load_unit

    unit, problems = load_unit(path)
    if unit is not None:
        problems = problems + list(glyph_problems(unit))
    return sorted(problems, key=lambda p: (p.pos.line, p.pos.col))


def run_validate(paths: list[str], strict: bool = False) -> int:
    from .discovery import find_units
    from .report import Report

    report = Report("checked", strict=strict, problem_stream=sys.stdout)
    for item in find_units(paths):
        if isinstance(item, Path):
            for p in check_file(item):  # file by file, as they are checked
                report.problem(p)
            report.unit_done()
        else:
            report.run_problem(item)
    report.summary()
    return report.return_code


# --- new ----------------------------------------------------------------------------------


def slugify(title: str) -> str:
    """A file name from a title: lower case, dashes, accents off Latin letters, other scripts kept."""
    out = []
    for ch in unicodedata.normalize("NFC", title):
        base = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in base if not unicodedata.combining(c))
        out.append(base if base.isascii() else ch)
    slug = re.sub(r"[\W_]+", "-", "".join(out).lower()).strip("-")
    return slug[:80].strip("-") or "unit"


def starter_text(title: str, schema_ref: str | None) -> str:
    """The starter unit with `title` filled in and the editor schema line pointed at `schema_ref`."""
    text = resources.files("studyguide").joinpath("starter.yaml").read_text(encoding="utf-8")
    text = _TITLE_LINE.sub(lambda _: "title: " + json.dumps(title, ensure_ascii=False), text, count=1)
    if schema_ref:
        text = _SCHEMA_LINE.sub(lambda _: f"# yaml-language-server: $schema={schema_ref}\n", text, count=1)
    else:
        text = _SCHEMA_LINE.sub("", text, count=1)
    return text


def run_new(title: str, outdir: str) -> int:
    """Write the starter unit: all of it, or nothing (never an empty or partial file)."""
    from .files import cause
    from .problems import shown

    title = " ".join(title.split())
    if not title:
        print("studyguide new: the title is empty", file=sys.stderr)
        return 1
    folder = Path(outdir)
    bad = next((ch for ch in title if "\ud800" <= ch <= "\udfff" or unicodedata.category(ch) == "Cc"), None)
    if bad is not None:  # bytes the terminal's encoding could not decode arrive as surrogates
        print(f"studyguide new: the title {shown(repr(title))} contains {shown(repr(bad))}, which is not a "
              "character (the terminal sent bytes that are not text in its encoding)\n"
              "    type the title again, or set a UTF-8 locale (LANG=C.UTF-8)", file=sys.stderr)
        return 1
    target = folder / f"{slugify(title)}.yaml"
    if folder.exists() and not folder.is_dir():
        print(f"{shown(str(folder))}: error: not a folder; -o names the folder the new unit goes in "
              f"(the file is named after the title: {target.name})", file=sys.stderr)
        return 1
    schema_ref = None
    if SCHEMA_FILE.is_file():  # run from the repository: point editors at its schema
        schema_ref = Path(os.path.relpath(SCHEMA_FILE.resolve(), folder.resolve())).as_posix()
    data = starter_text(title, schema_ref).encode("utf-8")  # encoded before any file exists
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        print(f"{shown(str(target))}: error: already exists; studyguide new never overwrites a file "
              "(choose another title, or move the file away first)", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{shown(str(target))}: error: cannot write it: {cause(exc)}", file=sys.stderr)
        return 1
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
    except OSError as exc:  # a full disk: remove the partial file
        target.unlink(missing_ok=True)
        print(f"{shown(str(target))}: error: cannot write it: {cause(exc)}", file=sys.stderr)
        return 1
    print(shown(str(target)))
    print(f"wrote a starter unit; edit it, then check it with: studyguide validate {shown(str(target))}",
          file=sys.stderr)
    return 0


# --- schema ------------------------------------------------------------------------------


def run_schema() -> int:
    from .schema import schema_text

    text = schema_text()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a replaced stdout (tests): it takes text
        sys.stdout.write(text)
        return 0
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))  # UTF-8 whatever the locale, like the committed file
    buffer.flush()
    return 0
