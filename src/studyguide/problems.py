"""One type for every content problem, so validate, build and the tests speak alike.

A problem points at a place in a YAML file (1-based line and column, as editors count)
and is printed the way compilers print diagnostics, so editors can jump to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


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
            return self.path
        return f"{self.path}:{self.line}:{self.col}"


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
        text = f"{self.pos}: {self.severity.value}: {self.message}"
        if self.hint:
            text += "".join(f"\n    {line}" for line in self.hint.splitlines())
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
