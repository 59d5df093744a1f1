"""The run summary of `build` and `validate`: one object counts, one wording reports.

Modelled on black's `Report`: the command tells it what happened to each unit and asks it
for the exit status and the summary line at the end. Problems go to the stream the command
chose (stdout for `validate`, whose output is the problem list; stderr for `build`, whose
stdout lists the files written); the summary goes to stderr.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TextIO

from .problems import Problem, Severity, shown


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@dataclass
class Report:
    verb: str                      # what was done to a unit that succeeded: "checked", "built"
    strict: bool = False           # warnings fail too
    problem_stream: TextIO | None = None
    done: int = 0
    failed: int = 0
    errors: int = 0
    warnings: int = 0
    failed_run: bool = field(default=False)  # a problem outside any unit (a missing path...)

    def problem(self, p: Problem) -> None:
        print(p.format(), file=self.problem_stream or sys.stderr, flush=True)
        if p.severity is Severity.ERROR:
            self.errors += 1
        else:
            self.warnings += 1

    def run_problem(self, p: Problem) -> None:
        """A problem that is not about one unit (a path that names nothing, an output folder)."""
        self.problem(p)
        self.failed_run = self.failed_run or p.is_error or self.strict

    def unit_done(self) -> None:
        self.done += 1

    def unit_failed(self, path: object, why: str) -> None:
        self.failed += 1
        print(f"studyguide: {shown(str(path))}: {why}", file=sys.stderr, flush=True)

    @property
    def return_code(self) -> int:
        failing = self.failed or self.failed_run or self.errors or (self.strict and self.warnings)
        return 1 if failing else 0

    def __str__(self) -> str:
        units = _count(self.done, "unit") + f" {self.verb}"
        if self.failed:
            units += f", {self.failed} not {self.verb}"
        if not (self.errors or self.warnings):
            return f"{units}: no problems"
        text = f"{units}: {_count(self.errors, 'error')}, {_count(self.warnings, 'warning')}"
        if self.strict and self.warnings:
            text += " (--strict: warnings fail too)"
        return text

    def summary(self) -> None:
        print(str(self), file=sys.stderr, flush=True)
