"""Drawing a test from a question bank: `--questions N` (and `--tags`, `--difficulty`).

The draw is seeded by the unit, the request and the version, so a build is the same
every time, and it keeps every part of the guide represented: each section (and the unit
review) with a matching question gives at least one, the rest are drawn from the whole
matching bank. Drawn questions keep their places in their sections. Versions draw
their own questions; no two versions get the same set.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import random
from dataclasses import dataclass

from . import model as m
from .problems import Pos, Problem, error
from .model import DIFFICULTIES


@dataclass(frozen=True)
class Request:
    count: int | None = None             # None: every matching question
    tags: tuple[str, ...] = ()           # a question matches when it has any of them
    difficulty: tuple[str, ...] = ()     # ... and one of these difficulties

    @property
    def active(self) -> bool:
        return self.count is not None or bool(self.tags) or bool(self.difficulty)


def _fold(text: str) -> str:
    return text.strip().casefold()


def matches(q: m.Question, req: Request) -> bool:
    tags = {_fold(t) for t in q.tags}
    if req.tags and not tags & {_fold(t) for t in req.tags}:
        return False
    levels = {_fold(d) for d in req.difficulty}
    return not levels or (q.difficulty is not None and _fold(q.difficulty) in levels)


def _groups(unit: m.Unit) -> list[tuple[m.Question, ...]]:
    return [s.questions for s in unit.sections] + [unit.questions]


def _rng(*parts: str) -> random.Random:
    return random.Random(hashlib.sha256("\x00".join(parts).encode("utf-8")).digest())


def _draw(unit: m.Unit, req: Request, seed: str) -> set[int]:
    """ids of the questions drawn: one per represented group first, then the rest at random."""
    pools = [[q for q in g if matches(q, req)] for g in _groups(unit)]
    pools = [p for p in pools if p]
    bank = [q for p in pools for q in p]
    count = len(bank) if req.count is None else req.count
    rng = _rng(unit.slug, seed)
    chosen = [rng.choice(p) for p in pools]
    rest = [q for q in bank if all(q is not c for c in chosen)]
    rng.shuffle(rest)
    return {id(q) for q in chosen + rest[:count - len(chosen)]}


def _keep(unit: m.Unit, drawn: set[int]) -> m.Unit:
    sections = tuple(dataclasses.replace(s, questions=tuple(q for q in s.questions if id(q) in drawn))
                     for s in unit.sections)
    return dataclasses.replace(unit, sections=sections,
                               questions=tuple(q for q in unit.questions if id(q) in drawn))


def problems(unit: m.Unit, req: Request, versions: int) -> list[Problem]:
    """What makes the request impossible, with the numbers; empty when it can be drawn."""
    if not req.active:
        return []
    where = Pos(str(unit.path))
    every = unit.all_questions()
    bank = [q for q in every if matches(q, req)]
    asked = []
    if req.tags:
        asked.append("tags " + ", ".join(req.tags))
    if req.difficulty:
        asked.append("difficulty " + ", ".join(req.difficulty))
    what = f" with {' and '.join(asked)}" if asked else ""
    if not bank:
        first: dict[str, str] = {}
        for t in (t for q in every for t in q.tags):
            first.setdefault(_fold(t), t)  # the spelling met first
        known = sorted(first.values(), key=str.casefold)
        levels = [d for d in DIFFICULTIES if any(q.difficulty == d for q in every)]
        hint = (f"the tags in this unit are: {', '.join(known)}" if known else "no question has tags")
        if req.difficulty:
            hint += f"; the difficulties: {', '.join(levels)}" if levels else "; no question has a difficulty"
        return [error(where, f"no question of the {len(every)} in this unit matches{what}", hint)]
    groups = sum(1 for g in _groups(unit) if any(matches(q, req) for q in g))
    if req.count is None:
        return []
    if req.count > len(bank):
        return [error(where, f"--questions {req.count} asks for more questions than the bank has{what}: "
                             f"{len(bank)}", f"ask for {len(bank)} or fewer, or add questions")]
    if req.count < groups:
        return [error(where, f"--questions {req.count} cannot represent every part of the guide: "
                             f"{groups} sections (with the unit review) have questions{what}",
                      f"ask for at least {groups}")]
    if versions > 1 and math.comb(len(bank), req.count) < versions:
        return [error(where, f"{versions} versions need different questions, but {req.count} of "
                             f"{len(bank)} questions{what} can be drawn in only "
                             f"{math.comb(len(bank), req.count)} way(s)",
                      f"ask for fewer questions than {len(bank)} or fewer versions, or add questions")]
    return []


def select(unit: m.Unit, req: Request, letters: list[str | None]) -> dict[str | None, m.Unit]:
    """The unit each version prints (all of them when nothing is asked); `problems` first."""
    if not req.active:
        return {v: unit for v in letters}
    out: dict[str | None, m.Unit] = {}
    seen: list[set[int]] = []
    for v in letters:
        drawn: set[int] = set()
        for attempt in range(100):  # a repeat of an earlier version's set is drawn again
            drawn = _draw(unit, req, f"{req.count}\x00{','.join(req.tags)}\x00{','.join(req.difficulty)}"
                                     f"\x00{v or ''}\x00{attempt}")
            if drawn not in seen:
                break
        seen.append(drawn)
        out[v] = _keep(unit, drawn)
    return out
