"""One type for every content problem, so validate, build and the tests speak alike.

A problem points at a place in a YAML file (1-based line and column, as editors count)
and is printed the way compilers print diagnostics, so editors can jump to it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum

# Characters that reorder or hide text on a terminal (bidi controls, line separators).
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def shown(text: str) -> str:
    """`text` safe to print on a terminal: control characters (ESC, CR, NEL...), bidi
    controls, line/paragraph separators and undecodable bytes become escapes like `\\x1b`
    and `\\u202e`, so a file name can neither clear the screen nor forge an error line.
    Every path and name the tool prints goes through here."""
    if text.isprintable() and not _BIDI.intersection(text):
        return text
    out = []
    for ch in text:
        if ch in _BIDI or unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp"):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Pos:
    """Where a value was written: file, 1-based line and column."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return shown(self.path)
        return f"{shown(self.path)}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Problem:
    pos: Pos
    message: str
    hint: str | None = None
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        text = f"{self.pos}: {self.severity.value}: {shown(self.message)}"
        if self.hint:
            text += "".join(f"\n    {shown(line)}" for line in self.hint.split("\n"))
        return text

    def __str__(self) -> str:
        return self.format()


def error(pos: Pos, message: str, hint: str | None = None) -> Problem:
    return Problem(pos, message, hint, Severity.ERROR)


def warning(pos: Pos, message: str, hint: str | None = None) -> Problem:
    return Problem(pos, message, hint, Severity.WARNING)


class ContentError(Exception):
    """Raised with every problem found, never just the first one."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.pos.path, p.pos.line, p.pos.col))
        super().__init__("\n".join(p.format() for p in self.problems))
