"""Label placement: flags on leaders, packed greedily into rows above and below the axis.

Each point event gets a vertical leader from its marker to its label, which sits beside
the leader like a flag (to the right, or to the left near the right edge). Labels are
placed first fit, one at a time, in a fixed order derived from the dates (latest first
for labels flying right, see `_order`), each in the nearest row, above or below, where

  * its box does not touch another box of that row,
  * its leader does not cross a box nearer the axis, and
  * no earlier leader crosses its box.

That yields the familiar staircase for clusters and never overlaps anything; when rows
run out the caller falls back to numbered markers.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Sequence

from . import style
from .metrics import TextMetrics

UP, DOWN = 1, -1
LEADER_PAD = 1.5  # a leader keeps this far from other labels


@dataclass(frozen=True)
class Flag:
    x: float      # leader (marker) position
    w: float      # width of the label box
    lines: int    # rows it needs (1 or 2)


@dataclass(frozen=True)
class Placement:
    side: int     # UP or DOWN
    row: int      # innermost row used (0 = next to the axis)
    lines: int
    x0: float
    x1: float
    leader: float
    right: bool   # label to the right of its leader (else to its left, or over it)
    over: bool = False  # too wide for either side: the box sits over the leader's end

    @property
    def outer(self) -> int:
        return self.row + self.lines - 1

    @property
    def leader_outer(self) -> int:
        """Outermost row the leader passes through (-1: it ends at the axis side row 0)."""
        return self.row - 1 if self.over else self.outer


def _conflicts(p: Placement, q: Placement, strict: bool = True) -> bool:
    """Would p (new) clash with q (placed) on the same side?"""
    if q.row <= p.outer and p.row <= q.outer and p.x0 < q.x1 + style.BOX_GAP and q.x0 < p.x1 + style.BOX_GAP:
        return True  # boxes in shared rows too close
    if not strict:
        return False
    if q.row <= p.leader_outer and q.x0 - LEADER_PAD < p.leader < q.x1 + LEADER_PAD:
        return True  # new leader crosses q's box
    if p.row <= q.leader_outer and p.x0 - LEADER_PAD < q.leader < p.x1 + LEADER_PAD:
        return True  # q's leader crosses the new box
    return False


def _flies_right(f: Flag, x_max: float) -> bool:
    return f.x + style.FLAG_GAP + f.w <= x_max


def _fly(f: Flag, x_min: float, x_max: float, left: bool = False) -> tuple[float, float, bool, bool]:
    """Box (x0, x1), right?, over?: right of the leader if it fits, else left of it,
    else pushed inside the edges with the leader ending under (or over) the box.
    `left` tries left of the leader first."""
    if left and f.x - style.FLAG_GAP - f.w >= x_min:
        return f.x - style.FLAG_GAP - f.w, f.x - style.FLAG_GAP, False, False
    if _flies_right(f, x_max):
        x0 = f.x + style.FLAG_GAP
        return x0, x0 + f.w, True, False
    if f.x - style.FLAG_GAP - f.w >= x_min:
        return f.x - style.FLAG_GAP - f.w, f.x - style.FLAG_GAP, False, False
    x0 = max(x_min, x_max - f.w)
    return x0, x0 + f.w, False, True


def _order(flags: Sequence[Flag], x_min: float, x_max: float,
           left: bool = False) -> tuple[list[int], list[tuple[int, ...]]]:
    """Placement order in which no leader is trapped under an earlier label.

    If label i would cover the leader of j, j must sit nearer the axis than i, so j is
    placed first: a topological order of "covers". With labels flying right of their
    leaders that is simply from the latest event back to the earliest, so a cluster
    forms a staircase that reads downwards in date order. Near the right edge labels
    fly left, and a right- and a left-flying label can cover each other; in such a
    cycle (a strongly connected group) the right-flying labels go above the axis and
    the left-flying ones below, which breaks every cycle. Returns the order and the
    sides each label may use.
    """
    n = len(flags)
    flown = [_fly(f, x_min, x_max, left) for f in flags]
    right = [fl[2] for fl in flown]
    boxes = [(fl[0], fl[1]) for fl in flown]
    after: list[list[int]] = [[] for _ in range(n)]  # after[j]: labels placed after j
    by_x = sorted(range(n), key=lambda j: (flags[j].x, j))
    xs = [flags[j].x for j in by_x]
    for i, (a, b) in enumerate(boxes):
        for k in range(bisect_right(xs, a - LEADER_PAD), bisect_left(xs, b + LEADER_PAD)):
            j = by_x[k]
            if i != j:
                after[j].append(i)
    comp = _components(after)
    groups: dict[int, list[int]] = {}
    for i, c in enumerate(comp):
        groups.setdefault(c, []).append(i)
    indeg = {c: 0 for c in groups}
    succ: dict[int, set[int]] = {c: set() for c in groups}
    for j in range(n):
        for i in after[j]:
            if comp[i] != comp[j] and comp[i] not in succ[comp[j]]:
                succ[comp[j]].add(comp[i])
                indeg[comp[i]] += 1
    prio = {c: (-max(flags[i].x for i in m), -max(m)) for c, m in groups.items()}
    ready = [c for c in groups if indeg[c] == 0]
    order: list[int] = []
    sides: list[tuple[int, ...]] = [(UP, DOWN)] * n
    while ready:
        c = min(ready, key=prio.__getitem__)
        ready.remove(c)
        members = groups[c]
        if len({right[i] for i in members}) == 2:
            for i in members:
                sides[i] = (UP,) if right[i] else (DOWN,)
        order += sorted((i for i in members if right[i]), key=lambda i: (-flags[i].x, -i))
        order += sorted((i for i in members if not right[i]), key=lambda i: (flags[i].x, i))
        for d in sorted(succ[c]):
            indeg[d] -= 1
            if indeg[d] == 0:
                ready.append(d)
    return order, sides


def _components(after: list[list[int]]) -> list[int]:
    """Strongly connected components (Tarjan, iterative): component number per node."""
    n = len(after)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    comp = [-1] * n
    counter = ncomp = 0
    for root in range(n):
        if index[root] != -1:
            continue
        work = [(root, 0)]
        while work:
            v, k = work.pop()
            if k == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack[v] = True
            if k < len(after[v]):
                work.append((v, k + 1))
                w = after[v][k]
                if index[w] == -1:
                    work.append((w, 0))
                elif on_stack[w]:
                    low[v] = min(low[v], index[w])
                continue
            if low[v] == index[v]:
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    comp[w] = ncomp
                    if w == v:
                        break
                ncomp += 1
            if work:
                u = work[-1][0]
                low[u] = min(low[u], low[v])
    return comp


BUCKET = 24.0  # points: horizontal index cell for placed labels


def _reach(p: Placement) -> tuple[float, float]:
    """Horizontal extent within which another label or leader could clash with p."""
    pad = max(style.BOX_GAP, LEADER_PAD)
    return min(p.x0, p.leader) - pad, max(p.x1, p.leader) + pad


def pack_rows(flags: Sequence[Flag], x_min: float, x_max: float, max_rows: int | None,
              strict: bool = True, sides: tuple[int, ...] = (UP, DOWN),
              left: bool = False) -> list[Placement] | None:
    """Place every flag, first fit; None if they need more than max_rows rows.

    A label flies right of its leader unless that would cross the right edge (with
    `left`, left of it unless that would cross the left edge: on one side only, labels
    all flying one way can always keep the leader rules, mixed ones may not).
    `strict=False` drops the leader rules (boxes still never overlap): the last resort,
    so that no event is ever left out.
    """
    placed: dict[int, Placement] = {}
    index: dict[tuple[int, int], list[Placement]] = {}  # (side, cell) -> labels reaching it
    used = {UP: 0, DOWN: 0}
    limit = max_rows if max_rows is not None else 2 * len(flags) + 2
    order, allowed = _order(flags, x_min, x_max, left)
    for i in order:
        f = flags[i]
        item_sides = tuple(sd for sd in sides if sd in allowed[i]) or sides
        x0, x1, right, over = _fly(f, x_min, x_max, left)
        if x0 < x_min - 1e-9 or x1 > x_max + 1e-9:
            return None  # wider than the chart
        probe = Placement(UP, 0, f.lines, x0, x1, f.x, right, over)
        lo, hi = _reach(probe)
        cells = range(math.floor(lo / BUCKET), math.floor(hi / BUCKET) + 1)
        near = {sd: list({id(q): q for c in cells for q in index.get((sd, c), ())}.values())
                for sd in item_sides}
        choice: Placement | None = None
        for row in range(limit):
            for side in item_sides:
                cand = Placement(side, row, f.lines, x0, x1, f.x, right, over)
                if max_rows is not None and max(used[side], cand.outer + 1) + used[-side] > max_rows:
                    continue
                if any(_conflicts(cand, q, strict) for q in near[side]):
                    continue
                choice = cand
                break
            if choice:
                break
        if choice is None:
            return None
        placed[i] = choice
        used[choice.side] = max(used[choice.side], choice.outer + 1)
        lo, hi = _reach(choice)
        for c in range(math.floor(lo / BUCKET), math.floor(hi / BUCKET) + 1):
            index.setdefault((choice.side, c), []).append(choice)
    return [placed[i] for i in range(len(flags))]


# --- label text ------------------------------------------------------------------------

Segment = tuple[str, str]  # (text, role)


def _line_width(line: Sequence[Segment], m: TextMetrics, size: float) -> float:
    return sum(m.width(t, r, size) for t, r in line)


def compose(date: str, label: str, m: TextMetrics, size: float, wrap_w: float) -> list[list[Segment]]:
    """A point label as lines of (text, role) segments: bold date, then the label.

    Long labels wrap to two lines at the split that makes the wider line narrowest
    (at spaces; anywhere for text written without spaces, such as Chinese).
    """
    # The space after the date is real text, so the PDF's text reads "1858 Treaty".
    one = [(date + " ", style.ROLE_BOLD), (label, style.ROLE)] if date else [(label, style.ROLE)]
    if _line_width(one, m, size) <= wrap_w or not label:
        return [one]
    cuts = [i for i in range(1, len(label)) if label[i - 1] == " "] or list(range(1, len(label)))
    options: list[list[list[Segment]]] = [[[(date, style.ROLE_BOLD)], [(label, style.ROLE)]]] if date else []
    for i in cuts:
        head, tail = label[:i].rstrip(), label[i:].lstrip()
        if head and tail:
            first = [(date + " ", style.ROLE_BOLD), (head, style.ROLE)] if date else [(head, style.ROLE)]
            options.append([first, [(tail, style.ROLE)]])
    if not options:
        return [one]
    def wide(ls: list[list[Segment]]) -> float:
        return max(_line_width(line, m, size) for line in ls)

    best = min(options, key=lambda ls: (wide(ls), len(ls[0])))
    # The date on a line of its own reads best, when that is not much wider.
    return options[0] if date and wide(options[0]) <= 1.4 * wide(best) else best


def width_of(lines: Sequence[Sequence[Segment]], m: TextMetrics, size: float) -> float:
    return max(_line_width(line, m, size) for line in lines)
