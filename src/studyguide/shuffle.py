"""The order in which a guide prints its questions and their choices: `arrange`.

Authors type the right choice first, so choices print shuffled unless a question says
`shuffle: false`. Every order is seeded by the unit and the question's own identity (its
type and prompt), never by its position, so adding an unrelated question leaves the
others' seeds alone, and a build is the same every time.

The right letters of a guide are balanced: walking the multiple-choice questions in the
order they print, each takes the first of its seeded orders whose letter keeps every
letter at or under about 40% of the keys and makes no run of four equal letters. In a
version after A, a question avoids the letters earlier versions gave it, wherever its
number of choices allows. Both editions lay out the same arranged unit, so the teacher
sees the student's order.

Matching columns and ordering items are shuffled at layout time by `shown_order`,
seeded by the unit, the version and the question.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import random
import string
import unicodedata
from typing import Mapping
from . import model as m

MAX_VERSIONS = 26
SHARE = 0.4        # no letter above this share of the keys ...
BALANCE_FROM = 5   # ... once a guide has this many multiple-choice questions
MAX_RUN = 3        # no more equal letters in a row than this


def version_letters(n: int) -> list[str]:
    return list(string.ascii_uppercase[:n])


def _rng(*parts: str) -> random.Random:
    return random.Random(hashlib.sha256("\x00".join(parts).encode("utf-8")).digest())


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def identity(q: m.Question) -> str:
    """What a question is, whatever its place: its type and its prompt (case and spacing aside)."""
    return f"{q.kind}\x00{_norm(q.prompt)}"


def keeps_order(q: m.Question) -> bool:
    """`shuffle: false`: the choices print as typed ("all of the above", ordered scales)."""
    return isinstance(q, m.MultipleChoice) and not q.shuffle


def display_order(items: list, key: str) -> list[int]:
    """A reproducible permutation of range(len(items)) that never leaves them in order:
    the rows of a matching question's right column, the items of an ordering question."""
    order = list(range(len(items)))
    if len(order) < 2:
        return order
    _rng(key).shuffle(order)
    if order == sorted(order):
        order = order[1:] + order[:1]
    return order


def layout_seed(slug: str, version: str | None) -> str:
    return slug + (f"/{version}" if version else "")


def shown_order(q: m.Matching | m.Ordering, seed: str) -> list[int]:
    """The printed order of a matching question's right column (`order[row]` is the pair
    whose right side prints in that row) or of an ordering question's items."""
    items = q.pairs if isinstance(q, m.Matching) else q.items
    return display_order(list(items), f"{seed}\x00{q.kind}\x00{q.prompt}")


# --- questions in a version ---------------------------------------------------------------

def _ordered(qs: tuple[m.Question, ...], seed: str, where: str) -> tuple[m.Question, ...]:
    out = list(qs)
    _rng(seed, "questions", where).shuffle(out)
    return tuple(out)


def _question_order(unit: m.Unit, version: str) -> m.Unit:
    """Questions reordered within each section and within the unit review."""
    seed = f"{unit.slug}\x00{version}"
    sections = tuple(dataclasses.replace(s, questions=_ordered(s.questions, seed, f"s{i}"))
                     for i, s in enumerate(unit.sections))
    return dataclasses.replace(unit, sections=sections, questions=_ordered(unit.questions, seed, "review"))


# --- choices and balanced keys ------------------------------------------------------------

def _candidates(q: m.MultipleChoice, seed: str) -> list[list[int]]:
    """Orders to try, best first: the seeded shuffle, then that shuffle with the right
    choice swapped into each other place (in a seeded order), so every letter is reachable
    while the other choices stay where the seed put them."""
    k = len(q.choices)
    rng = _rng(seed)
    first = list(range(k))
    rng.shuffle(first)
    at = first.index(q.answer)
    places = [p for p in range(k) if p != at]
    rng.shuffle(places)
    out = [first]
    for p in places:
        swapped = first[:]
        swapped[at], swapped[p] = swapped[p], swapped[at]
        out.append(swapped)
    return out


class _Balance:
    """The letters chosen so far, and which letter a next question may take."""

    def __init__(self, total: int):
        self.cap = max(1, math.ceil(SHARE * total)) if total >= BALANCE_FROM else total
        self.counts: dict[int, int] = {}
        self.run: list[int] = []

    def makes_run(self, letter: int) -> bool:
        return len(self.run) >= MAX_RUN and all(x == letter for x in self.run[-MAX_RUN:])

    def fits(self, letter: int) -> bool:
        return self.counts.get(letter, 0) + 1 <= self.cap and not self.makes_run(letter)

    def take(self, letter: int) -> None:
        self.counts[letter] = self.counts.get(letter, 0) + 1
        self.run.append(letter)


def _choose(q: m.MultipleChoice, seed: str, balance: _Balance, avoid: list[int]) -> list[int]:
    """The first candidate order whose letter is balanced and unlike every earlier version's;
    else balanced and unlike version A's; else, unlike version A's, the one whose letter
    avoids a run and is used least."""
    cands = _candidates(q, seed)
    tiers = [set(avoid), set(avoid[:1])]  # avoid[0] is version A's letter
    for shun in tiers:
        for c in cands:
            letter = c.index(q.answer)
            if letter not in shun and balance.fits(letter):
                return c
    fresh = [c for c in cands if c.index(q.answer) not in tiers[1]] or cands

    def cost(c: list[int]) -> tuple[bool, int]:
        letter = c.index(q.answer)
        return (balance.makes_run(letter), balance.counts.get(letter, 0))

    return min(fresh, key=cost)


def _keys(unit: m.Unit) -> dict[str, int]:
    """identity -> the printed index of the right choice, for each multiple-choice question."""
    return {identity(q): q.answer for q in unit.all_questions() if isinstance(q, m.MultipleChoice)}


def _arrange_choices(unit: m.Unit, version: str | None, earlier: list[dict[str, int]]) -> m.Unit:
    printed = unit.all_questions()
    mcs = [q for q in printed if isinstance(q, m.MultipleChoice)]
    balance = _Balance(len(mcs))
    seen: dict[str, int] = {}
    done: dict[int, m.Question] = {}
    for q in mcs:
        ident = identity(q)
        seen[ident] = seen.get(ident, 0) + 1
        if keeps_order(q):
            balance.take(q.answer)
            continue
        seed = "\x00".join((unit.slug, ident, str(seen[ident]), version or ""))
        avoid = [keys[ident] for keys in earlier if ident in keys]
        order = _choose(q, seed, balance, avoid)
        balance.take(order.index(q.answer))
        done[id(q)] = dataclasses.replace(q, choices=tuple(q.choices[i] for i in order),
                                          answer=order.index(q.answer))

    def swap(qs: tuple[m.Question, ...]) -> tuple[m.Question, ...]:
        return tuple(done.get(id(q), q) for q in qs)

    sections = tuple(dataclasses.replace(s, questions=swap(s.questions)) for s in unit.sections)
    return dataclasses.replace(unit, sections=sections, questions=swap(unit.questions))


def arrange(unit: m.Unit, version: str | None = None,
            drawn: Mapping[str, m.Unit] | None = None) -> m.Unit:
    """The unit as it prints (in both editions): questions in the version's order and every
    multiple-choice question's choices in their printed order, `answer` pointing at the
    right one. `version` None is the guide without versions; "A", "B", ... are versions,
    each laid out after the ones before it so its letters differ from theirs. `drawn` gives
    the questions each earlier version drew from a bank (default: the same as this one's)."""
    if version is None:
        return _arrange_choices(unit, None, [])
    earlier: list[dict[str, int]] = []
    for letter in version_letters(MAX_VERSIONS):
        own = unit if letter == version or drawn is None else drawn.get(letter, unit)
        arranged = _arrange_choices(_question_order(own, letter), letter, earlier)
        if letter == version:
            return arranged
        earlier.append(_keys(arranged))
    raise ValueError(f"no version {version!r}: versions are A to {string.ascii_uppercase[MAX_VERSIONS - 1]}")
