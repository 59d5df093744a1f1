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
    from .validate import load_unit

    unit, problems = load_unit(path)
    if unit is not None:
        try:
            from .glyphs import glyph_problems  # type: ignore[import-not-found]
        except ImportError:
            pass
        else:
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
    title = " ".join(title.split())
    if not title:
        print("studyguide new: the title is empty", file=sys.stderr)
        return 1
    folder = Path(outdir)
    target = folder / f"{slugify(title)}.yaml"
    schema_ref = None
    if SCHEMA_FILE.is_file():  # run from the repository: point editors at its schema
        schema_ref = Path(os.path.relpath(SCHEMA_FILE.resolve(), folder.resolve())).as_posix()
    try:
        text = starter_text(title, schema_ref)
        folder.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as f:
            f.write(text)
    except FileExistsError:
        print(f"{target}: error: already exists; studyguide new never overwrites a file "
              "(choose another title, or move the file away first)", file=sys.stderr)
        return 1
    except (OSError, UnicodeError) as exc:
        print(f"{target}: error: cannot write it: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
        return 1
    print(target)
    print(f"wrote a starter unit; edit it, then check it with: studyguide validate {target}", file=sys.stderr)
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
