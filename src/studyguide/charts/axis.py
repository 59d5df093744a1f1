"""The time axis: a piecewise-linear scale with breaks, and its ticks.

A unit about the Qin (221 BCE) and about 1850s China would waste most of a linear axis
on empty centuries, so any stretch without events longer than a third of the range is
squeezed into a fixed-width break. Ticks are at round historical years; BCE/CE are named
when the axis crosses year 0 (there is no tick "0": 1 CE takes its place).
Positions are astronomical fractional years (see studyguide.dates).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass
from typing import Callable, Sequence

from ..dates import HistDate, to_astronomical
from ..labels import Labels, labels_for
from ..localdates import month_abbr, year_label as _year_label
from . import style


@dataclass(frozen=True)
class Piece:
    """A stretch of time [d0, d1] drawn over [p0, p1] points; breaks have a fixed width."""

    d0: float
    d1: float
    p0: float
    p1: float
    is_break: bool = False

    def x(self, t: float) -> float:
        if self.d1 == self.d0:
            return self.p0
        return self.p0 + (t - self.d0) * (self.p1 - self.p0) / (self.d1 - self.d0)


MIN_PIECE = 46.0  # points: the narrowest stretch between breaks


@dataclass(frozen=True)
class Scale:
    pieces: tuple[Piece, ...]

    @property
    def lo(self) -> float:
        return self.pieces[0].d0

    @property
    def hi(self) -> float:
        return self.pieces[-1].d1

    @property
    def breaks(self) -> list[Piece]:
        return [p for p in self.pieces if p.is_break]

    @property
    def points_per_year(self) -> float:
        """Scale of the longest stretch (short ones may be widened)."""
        normal = [p for p in self.pieces if not p.is_break and p.d1 > p.d0]
        if not normal:
            return 0.0
        p = max(normal, key=lambda q: (q.d1 - q.d0, -q.d0))
        return (p.p1 - p.p0) / (p.d1 - p.d0)

    def x(self, t: float) -> float:
        t = min(max(t, self.lo), self.hi)
        i = bisect_right([p.d0 for p in self.pieces], t) - 1
        return self.pieces[max(i, 0)].x(t)

    def in_break(self, t: float) -> bool:
        return any(p.d0 < t < p.d1 for p in self.breaks)


def _merge(intervals: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[list[float]] = []
    for a, b in sorted(intervals):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def build_scale(content: Sequence[tuple[float, float]], extent: tuple[float, float],
                x0: float, x1: float, min_range: float = 4.0) -> Scale:
    """Map [extent] onto [x0, x1], compressing long stretches that `content` leaves empty.

    Every stretch between breaks gets at least MIN_PIECE points, so even a lone event
    far from the rest has room for a tick label.
    """
    lo, hi = extent
    total = hi - lo
    covered = _merge([(max(a, lo), min(b, hi)) for a, b in content]) or [(lo, hi)]
    gaps = [(a, b) for a, b in zip([lo] + [b for _, b in covered], [a for a, _ in covered] + [hi])
            if b - a > total / 3 and b - a > 0]
    shown = total - sum(b - a for a, b in gaps)
    if shown < min_range and not gaps:  # too short to read: widen it (a lone 1914, say)
        grow = (min_range - shown) / 2
        lo, hi, shown = lo - grow, hi + grow, min_range
    keep = 0.03 * shown  # time kept on each side of a break, so marks do not touch it
    pad = 0.025 * shown
    stretches: list[tuple[float, float, bool]] = []
    cursor = lo - pad
    for a, b in gaps:
        a = cursor if a <= lo else a + keep
        b = hi + pad if b >= hi else b - keep
        if b <= a:
            continue
        if a > cursor:
            stretches.append((cursor, a, False))
        stretches.append((a, b, True))
        cursor = b
    if cursor < hi + pad:
        stretches.append((cursor, hi + pad, False))
    n_breaks = sum(1 for st in stretches if st[2])
    lens = [b - a for a, b, brk in stretches if not brk]
    avail = x1 - x0 - n_breaks * style.BREAK_W
    widened: set[int] = set()
    while True:  # give short stretches their minimum, share the rest by length
        rest = sum(n for i, n in enumerate(lens) if i not in widened)
        ppy = (avail - len(widened) * MIN_PIECE) / rest if rest else 0.0
        short = {i for i, n in enumerate(lens) if i not in widened and n * ppy < MIN_PIECE}
        if not short or len(widened | short) == len(lens):
            break
        widened |= short
    pieces: list[Piece] = []
    p, k = x0, 0
    for a, b, brk in stretches:
        if brk:
            w = style.BREAK_W
        else:
            w = MIN_PIECE if k in widened else (b - a) * ppy
            k += 1
        pieces.append(Piece(a, b, p, p + w, brk))
        p += w
    return Scale(tuple(pieces))


# --- ticks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tick:
    pos: float  # axis position (astronomical fractional year)
    x: float
    label: str
    line: bool = True  # False: a caption centred on a stretch too short for a round tick


def year_label(year: int, crossing: bool, words: Labels | None = None) -> str:
    """'200 BCE', '100 CE' when the axis crosses year 0, '1858' otherwise (in the guide's language)."""
    return _year_label(year, crossing, words or labels_for())


# (months per step, years per step): month steps first, then 1-2-5 years.
STEPS: tuple[tuple[int, int], ...] = ((1, 0), (2, 0), (3, 0), (6, 0)) + tuple(
    (0, m * 10 ** e) for e in range(0, 6) for m in (1, 2, 5))


def _step_years(step: tuple[int, int]) -> float:
    months, years = step
    return months / 12 if months else float(years)


def _candidates(step: tuple[int, int], d0: float, d1: float, crossing: bool,
                words: Labels | None = None) -> list[tuple[float, str]]:
    """Round (position, label) pairs of one step inside [d0, d1], in order.

    Month ticks are labelled 'Mar'; January, and the first tick of a stretch, also name
    the year ('1969', 'Apr 1970').
    """
    months, n = step
    words = words or labels_for()
    out: list[tuple[float, str]] = []
    if months:
        for astro in range(math.floor(d0), math.floor(d1) + 1):
            year = astro if astro > 0 else astro - 1
            for m in range(1, 13, months):
                pos = HistDate(year, m).axis_start()
                if d0 <= pos <= d1:
                    if m == 1:
                        label = year_label(year, crossing, words)
                    elif not out:
                        label = f"{month_abbr(m, words)} {year_label(year, crossing, words)}"
                    else:
                        label = month_abbr(m, words)
                    out.append((pos, label))
        return out
    # BCE years -k*n start at astronomical -k*n + 1; CE years k*n start at k*n.
    for k in range(max(1, math.ceil((1 - d1) / n)), math.floor((1 - d0) / n) + 1):
        out.append((float(to_astronomical(-k * n)), year_label(-k * n, crossing, words)))
    for k in range(max(1, math.ceil(d0 / n)), math.floor(d1 / n) + 1):
        out.append((float(k * n), year_label(k * n, crossing, words)))
    return sorted(out)


def make_ticks(scale: Scale, measure: Callable[[str], float], width: float,
               months: bool = True, words: Labels | None = None) -> list[Tick]:
    """Ticks at round years (or months), as many as fit without their labels touching.

    `months=False` (every date is a whole year) keeps ticks on year boundaries.

    Every stretch of the axis between breaks gets at least one tick, so the reader can
    tell how much time a break hides.
    """
    crossing = scale.lo < 1.0 < scale.hi
    words = words or labels_for()
    normal = [p for p in scale.pieces if not p.is_break]
    forbidden = [(p.p0 - 1.0, p.p1 + 1.0) for p in scale.breaks] + [(-1e9, style.PAD + 1.0),
                                                                     (width - style.PAD - 1.0, 1e9)]
    ppy = scale.points_per_year

    def box(t: Tick) -> tuple[float, float]:
        # the label starts just right of its tick line (captions are centred)
        w = measure(t.label)
        if not t.line:
            return t.x - w / 2 - 1.0, t.x + w / 2 + 1.0
        return t.x - 0.5, t.x + style.TICK_DX + w + style.TICK_GAP

    def fits(b: tuple[float, float], taken: list[tuple[float, float]]) -> bool:
        return all(b[1] <= a0 or b[0] >= a1 for a0, a1 in taken + forbidden)

    def generate(step: tuple[int, int], piece: Piece) -> list[Tick]:
        return [Tick(pos, piece.x(pos), label) for pos, label in _candidates(step, piece.d0, piece.d1, crossing, words)]

    min_w = measure("0000")
    chosen: list[Tick] = []
    for step in STEPS:
        if _step_years(step) * ppy < min_w + style.TICK_GAP + style.TICK_DX or (step[0] and not months):
            continue
        ticks = [t for piece in normal for t in generate(step, piece)]
        boxes = [box(t) for t in ticks]
        if all(boxes[i][1] <= boxes[i + 1][0] for i in range(len(boxes) - 1)):
            chosen = ticks
            break
    taken: list[tuple[float, float]] = []
    result: list[Tick] = []
    for t in chosen:
        b = box(t)
        if fits(b, taken):
            taken.append(b)
            result.append(t)
    extras: list[Tick] = []
    first_ce = year_label(1, True, words)
    if crossing and not any(t.label == first_ce for t in result) and not scale.in_break(1.0):
        extras.append(Tick(1.0, scale.x(1.0), first_ce))
    for piece in normal:
        if any(piece.d0 <= t.pos <= piece.d1 for t in result):
            continue
        mid = (piece.d0 + piece.d1) / 2
        for step in reversed(STEPS):
            if step[0] and not months:
                continue
            cands = generate(step, piece)
            if cands:
                extras.append(min(cands, key=lambda t: (abs(t.pos - mid), t.pos)))
                break
        else:  # not even a month starts here: caption the stretch with its month
            astro = math.floor(mid)
            year = astro if astro > 0 else astro - 1
            label = year_label(year, crossing, words)
            if months and piece.d1 - piece.d0 < 1:
                month = max(m for m in range(1, 13) if HistDate(year, m).axis_start() <= mid)
                label = f"{month_abbr(month, words)} {label}"
            extras.append(Tick(mid, piece.x(mid), label, line=False))
    for t in extras:
        b = box(t)
        if fits(b, taken):
            taken.append(b)
            result.append(t)
    return sorted(result, key=lambda t: t.pos)
